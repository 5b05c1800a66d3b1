import type { Estate, EstateAccount } from '../model/estate.js';
import { plural } from './compress.js';

const HEADER = ['ACCOUNT', 'NAME', 'FINDINGS', 'CRITICAL', 'HIGH', 'FIXED', 'WORST', 'RESULT'];

function row(account: EstateAccount): string[] {
  const name = account.name ?? '';
  if (!('summary' in account))
    return [account.accountId, name, '-', '-', '-', '-', '-', `no report: ${account.error}`];
  const { summary } = account;
  const findings =
    summary.baselined === undefined
      ? String(summary.findings)
      : `${summary.findings} new (${summary.baselined} unchanged)`;
  return [
    account.accountId,
    name,
    findings,
    String(summary.bySeverity.critical),
    String(summary.bySeverity.high),
    summary.fixed === undefined ? '-' : String(summary.fixed),
    summary.maxSeverity,
    summary.failed ? `FAIL (fail-on ${summary.failOn})` : 'pass',
  ];
}

function headline(estate: Estate): string {
  const { summary } = estate;
  const parts = [
    `${plural(summary.accounts, 'account')}`,
    `${plural(summary.findings, 'finding')} (critical ${summary.bySeverity.critical} · high ${summary.bySeverity.high} · medium ${summary.bySeverity.medium} · low ${summary.bySeverity.low})`,
    `${summary.failing} failing`,
    ...(summary.missing > 0 ? [`${summary.missing} without a report`] : []),
  ];
  return `${parts.join(', ')}: ${summary.failed ? 'FAIL' : 'pass'}`;
}

/** The estate as aligned text: one line per account. */
export function renderEstateText(estate: Estate): string {
  const rows = estate.accounts.map(row);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${headline(estate)}\n\n${[format(HEADER), ...rows.map(format)].join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The estate as markdown, for a job summary: each account links to its report. */
export function renderEstateMarkdown(estate: Estate): string {
  const lines = [
    `## blast-radius estate audit, ${estate.date}`,
    '',
    `**${headline(estate)}**`,
    '',
    `| ${HEADER.map((h) => h.toLowerCase()).join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...estate.accounts.map((account) => {
      const cells = row(account).map(cell);
      if ('report' in account)
        cells[0] = `[${account.accountId}](../../${account.report.replace(/report\.json$/, 'report.md')})`;
      return `| ${cells.join(' | ')} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/** The estate as JSON (estate.json). */
export function renderEstateJson(estate: Estate): string {
  return `${JSON.stringify(estate, null, 2)}\n`;
}
