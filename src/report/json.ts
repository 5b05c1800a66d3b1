import type { Finding } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { SHARED_LIST_MIN } from '../policy/catalog.js';
import { framedJsonChunks, ITEMS_SLOT, SHARED_SLOT, WithSharedValues } from './json-chunks.js';

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

/** The finding, its long action list and its path (shared by the findings through one principal) written once each. */
function findingValue(finding: Finding): unknown {
  const { actions, path } = finding.evidence;
  const shared: Record<string, object> = {};
  // lists this long are one object per distinct set (Catalog.sortedNames): their text is made once
  if (actions.length >= SHARED_LIST_MIN) shared.actions = actions;
  if (path.length > 0) shared.path = path;
  if (Object.keys(shared).length === 0) return finding;
  const evidence = {
    ...finding.evidence,
    ...Object.fromEntries(Object.keys(shared).map((key) => [key, SHARED_SLOT])),
  };
  return new WithSharedValues({ ...finding, evidence }, shared);
}
