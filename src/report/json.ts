import type { Report } from '../model/report.js';

/** The report as JSON (schemaVersion 1), two-space indented, with a final newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
