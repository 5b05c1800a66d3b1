import { readAccounts } from '../ingest/accounts/read-accounts.js';
import { type AuditReportDir, readAuditReports } from '../ingest/audit-reports/read-audit-reports.js';
import type { Estate, EstateAccount } from '../model/estate.js';
import { estateAccount, estateOf } from './estate.js';

export interface MergeOptions {
  /** Reports directories, e.g. the artifacts of each shard of a matrix. */
  readonly dirs: readonly string[];
  /** accounts.yaml: names the accounts, and every account it lists must have a report. */
  readonly accounts?: string;
  readonly today: string;
}

export interface MergeResult {
  readonly estate: Estate;
  /** Each account's newest report directory, to gather into one reports tree. */
  readonly reports: readonly AuditReportDir[];
}

/**
 * Shard reports combined: every account's newest report, the estate over them, and (with
 * accounts.yaml) the listed accounts that have none.
 */
export async function merge(options: MergeOptions): Promise<MergeResult> {
  const reports = await readAuditReports(options.dirs);
  const listed = options.accounts === undefined ? [] : await readAccounts(options.accounts);
  const names = new Map(
    listed.flatMap((entry) => (entry.name === undefined ? [] : [[entry.id, entry.name]])),
  );
  const found = new Set(reports.map((r) => r.accountId));
  const accounts: EstateAccount[] = [
    ...reports.map((r) => estateAccount(r.report, r.accountId, r.date, names.get(r.accountId))),
    ...listed
      .filter((entry) => !found.has(entry.id))
      .map((entry) => ({
        accountId: entry.id,
        ...(entry.name === undefined ? {} : { name: entry.name }),
        error: 'listed in accounts.yaml, but no merged directory holds a report of it',
      })),
  ];
  return { estate: estateOf(accounts, options.today), reports };
}
