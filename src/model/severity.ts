export type Severity = 'critical' | 'high' | 'medium' | 'low';

export type FailOn = Severity | 'none';

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
