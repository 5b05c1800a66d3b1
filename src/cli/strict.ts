import type { ReportSummary } from '../model/report.js';
import { strictFailureReason } from '../report/verdict.js';
import type { CliContext } from './context.js';

/** One stderr line when `--strict` fails the gate, so a log says why the exit code is 1. */
export function reportStrictFailure(summary: ReportSummary, context: CliContext, account?: string): void {
  const reason = strictFailureReason(summary);
  if (reason === undefined) return;
  const prefix = account === undefined ? 'blast-radius' : `blast-radius: ${account}`;
  context.stderr(`${prefix}: ${reason} (--strict or rules.strict; --no-strict only lists them)\n`);
}
