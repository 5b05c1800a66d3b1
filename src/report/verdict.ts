import { isStrictFailure, type ReportSummary } from '../model/report.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { plural } from './compress.js';

/** Findings that count (neither suppressed nor baselined) at or above a severity. */
export function countAtOrAbove(summary: ReportSummary, threshold: Severity): number {
  return SEVERITIES.slice(0, SEVERITIES.indexOf(threshold) + 1).reduce(
    (n, sev) => n + summary.bySeverity[sev],
    0,
  );
}

/** True when a finding that counts is at or above `failOn`. */
export function failsOnFindings(summary: ReportSummary): boolean {
  return summary.failOn !== 'none' && countAtOrAbove(summary, summary.failOn) > 0;
}

/** "3 inputs not fully interpreted". */
export function incompleteInputsText(summary: ReportSummary): string {
  return `${plural(summary.incompleteInputs, 'input')} not fully interpreted`;
}

/** Why strict mode failed the gate, in one sentence; undefined when it did not. */
export function strictFailureReason(summary: ReportSummary): string | undefined {
  if (!isStrictFailure(summary)) return undefined;
  const were = summary.incompleteInputs === 1 ? 'was' : 'were';
  return `${plural(summary.incompleteInputs, 'input')} ${were} not fully interpreted (listed under "could not be fully analysed"), and strict mode fails the gate on any`;
}
