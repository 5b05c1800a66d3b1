import type { ExplainReport } from '../model/explanation.js';

/** The explanation as JSON (schemaVersion 1), two-space indented, with a final newline. */
export function renderExplainJson(report: ExplainReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
