import type { PathHop } from '../model/finding.js';

/** A hop's kind, with the escalation method and the resource it acts on when it has them. */
export function hopLabel(hop: PathHop): string {
  const detail = [hop.method, hop.via === undefined ? undefined : `via ${hop.via}`].filter(
    (part): part is string => part !== undefined,
  );
  return detail.length > 0 ? `${hop.kind} (${detail.join(' ')})` : hop.kind;
}
