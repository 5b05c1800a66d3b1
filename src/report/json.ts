import type { Report } from '../model/report.js';

const FINDINGS_SLOT = '\u0000findings';

/**
 * The report as JSON (schemaVersion 1), two-space indented, with a final newline: the text of
 * `JSON.stringify(report, null, 2)`, in chunks of at most one finding each. A report of an estate
 * whose agents reach thousands of principals holds more text than one JavaScript string can.
 */
export function renderJson(report: Report): string[] {
  const frame = JSON.stringify({ ...report, findings: FINDINGS_SLOT }, null, 2);
  const slot = frame.indexOf(JSON.stringify(FINDINGS_SLOT));
  const head = frame.slice(0, slot);
  const tail = frame.slice(slot + JSON.stringify(FINDINGS_SLOT).length);
  if (report.findings.length === 0) return [`${head}[]${tail}\n`];
  const findings = report.findings.map(
    (finding, index) =>
      `${index === 0 ? '' : ',\n'}    ${JSON.stringify(finding, null, 2).replace(/\n/g, '\n    ')}`,
  );
  return [`${head}[\n`, ...findings, `\n  ]${tail}\n`];
}
