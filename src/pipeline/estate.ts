import type { Estate, EstateAccount } from '../model/estate.js';
import { compareText } from '../model/order.js';
import type { Report } from '../model/report.js';
import { SEVERITIES, type Severity } from '../model/severity.js';

/** The estate line of one audited account, from its report. */
export function estateAccount(
  report: Pick<Report, 'summary' | 'agents'>,
  accountId: string,
  date: string,
  name?: string,
): EstateAccount {
  const { findings, baselined, fixed, bySeverity, maxSeverity, failOn, failed } = report.summary;
  return {
    accountId,
    ...(name === undefined ? {} : { name }),
    date,
    report: `${accountId}/${date}/report.json`,
    summary: {
      findings,
      ...(baselined === undefined ? {} : { baselined }),
      ...(fixed === undefined ? {} : { fixed }),
      bySeverity,
      maxSeverity,
      failOn,
      failed,
    },
    agents: report.agents.length,
  };
}

/** The estate of these accounts (in order of id), with its totals. `today` dates an estate without reports. */
export function estateOf(accounts: readonly EstateAccount[], today: string): Estate {
  const sorted = [...accounts].sort((a, b) => compareText(a.accountId, b.accountId));
  const reported = sorted.flatMap((a) => ('summary' in a ? [a] : []));
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, reported.reduce((n, a) => n + a.summary.bySeverity[s], 0)]),
  ) as Record<Severity, number>;
  const missing = sorted.length - reported.length;
  const failing = reported.filter((a) => a.summary.failed).length;
  const dates = reported.map((a) => a.date).sort(compareText);
  return {
    schemaVersion: 1,
    date: dates.at(-1) ?? today,
    summary: {
      accounts: sorted.length,
      missing,
      failing,
      findings: reported.reduce((n, a) => n + a.summary.findings, 0),
      bySeverity,
      failed: missing > 0 || failing > 0,
    },
    accounts: sorted,
  };
}
