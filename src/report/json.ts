import type { Finding } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { framedJsonChunks, ITEMS_SLOT, LIST_SLOT, WithSharedList } from './json-chunks.js';

/**
 * The report as JSON (schemaVersion 1), two-space indented, with a final newline: the text of
 * `JSON.stringify(report, null, 2)`, in chunks of at most one finding each. A report of an estate
 * whose agents reach thousands of principals holds more text than one JavaScript string can.
 */
export function renderJson(report: Report): string[] {
  return [...jsonChunks(report)];
}

/** {@link renderJson}'s chunks, each made when it is reached: a writer that takes them as they come holds one at a time. */
export function jsonChunks(report: Report): Generator<string> {
  return framedJsonChunks({ ...report, findings: ITEMS_SLOT }, report.findings, findingValue, '\n');
}

/** Findings' action lists at least this long are written once per list (they are shared, see Catalog.sortedNames). */
const SHARED_ACTIONS_MIN = 256;

function findingValue(finding: Finding): unknown {
  const { actions } = finding.evidence;
  if (actions.length < SHARED_ACTIONS_MIN) return finding;
  return new WithSharedList(
    { ...finding, evidence: { ...finding.evidence, actions: LIST_SLOT } },
    'actions',
    actions,
  );
}
