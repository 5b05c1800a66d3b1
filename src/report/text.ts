import { createColors } from 'picocolors';
import type { PathHop } from '../model/finding.js';
import type { StatementRef } from '../model/policy.js';
import { isStrictFailure, type Report, type ReportFinding, type ReportSummary } from '../model/report.js';
import type { Severity } from '../model/severity.js';
import { isIncomplete, type SourceLocation } from '../model/source.js';
import { compressActions, plural } from './compress.js';
import { hopLabel } from './hop-label.js';
import { failsOnFindings, incompleteInputsText } from './verdict.js';

export interface TextOptions {
  readonly color: boolean;
  /** Only the inputs, the counts and the agents table (an audit, whose findings go to its report files). */
  readonly summaryOnly?: boolean;
  /** Where each finding is in the .tf files, by finding id: shown as `at: file:line`. */
  readonly locations?: ReadonlyMap<string, SourceLocation>;
}

/** `main.tf:50` for a location with a line; nothing for a place in a plan JSON. */
export function lineText(location: SourceLocation | undefined): string | undefined {
  return location?.line === undefined || location.path !== undefined
    ? undefined
    : `${location.file}:${location.line}`;
}

type Colors = ReturnType<typeof createColors>;

/** The terminal report: summary, agents table, destructive changes, then findings grouped by agent with paths. */
export function renderText(report: Report, options: TextOptions = { color: false }): string {
  const c = createColors(options.color);
  const lines: string[] = [];
  lines.push(c.bold(`blast-radius ${report.tool.version}`) + c.dim(` · ${report.tool.catalog}`));
  if (report.inputs.plan) lines.push(`plan:   ${report.inputs.plan}`);
  if (report.inputs.hcl) lines.push(`hcl:    ${report.inputs.hcl} (no plan)`);
  if (report.inputs.account) lines.push(`account: ${accountText(report)}`);
  lines.push(`config: ${report.inputs.config ?? '(none)'}`);
  if (report.inputs.baseline) lines.push(`baseline: ${report.inputs.baseline}`);
  lines.push('', ...summaryLines(report, c));
  if (report.agents.length > 0) lines.push('', ...agentTable(report, c));
  if (report.destructiveChanges.length > 0) lines.push('', ...destructiveLines(report, c));
  if (options.summaryOnly) return `${lines.join('\n')}\n`;
  const groups = groupFindings(report.findings.filter((f) => !f.suppressed && !f.baseline));
  for (const [agent, findings] of groups) {
    lines.push('', c.bold(sectionTitle(agent ?? 'plan')));
    for (const f of findings) lines.push('', ...findingLines(f, c, lineText(options.locations?.get(f.id))));
  }
  const baselined = report.findings.filter((f) => f.baseline && !f.suppressed);
  if (baselined.length > 0) {
    lines.push('', c.bold(sectionTitle('in the baseline')));
    for (const f of baselined)
      lines.push(`  ${SEVERITY_LABEL[f.severity].padEnd(8)} ${f.rule} ${f.title} ${c.dim(`(id ${f.id})`)}`);
  }
  if (report.fixed && report.fixed.length > 0) {
    lines.push('', c.bold(sectionTitle('fixed since the baseline')));
    for (const f of report.fixed)
      lines.push(
        `  ${(f.severity ?? '').toUpperCase().padEnd(8)} ${f.rule ?? ''} ${f.title ?? ''} ${c.dim(`(id ${f.id})`)}`,
      );
  }
  const suppressed = report.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    lines.push('', c.bold(sectionTitle('suppressed')));
    for (const f of suppressed) lines.push(`  ${f.rule} ${f.title} — ${f.suppressed?.reason ?? ''}`);
  }
  const incomplete = report.diagnostics.filter(isIncomplete);
  const notes = report.diagnostics.filter((d) => !isIncomplete(d));
  for (const [title, list] of [
    ['could not be fully analysed', incomplete],
    ['notes', notes],
  ] as const) {
    if (list.length === 0) continue;
    lines.push('', c.bold(sectionTitle(title)));
    for (const d of list) {
      const where =
        d.location.line !== undefined
          ? `${d.location.file}:${d.location.line}`
          : d.location.path
            ? `${d.location.file}: ${d.location.path}`
            : d.location.file;
      lines.push(`  ${c.yellow('!')} ${d.message} ${c.dim(`(${d.code}, ${where})`)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function accountText(report: Report): string {
  const { account, accountId, auditor } = report.inputs;
  const details = [accountId, auditor && `read by ${auditor}`].filter(Boolean).join(', ');
  return details ? `${account} (${details})` : (account ?? '');
}

function summaryLines(report: Report, c: Colors): string[] {
  const s = report.summary;
  const counts = (['critical', 'high', 'medium', 'low'] as const)
    .map((sev) => `${sev} ${s.bySeverity[sev]}`)
    .join(' · ');
  const verdict = verdictText(s, c);
  const lines = [
    `${c.bold(plural(s.findings, 'finding'))}: ${counts}${s.suppressed ? ` · ${s.suppressed} suppressed` : ''}${s.baselined ? ` · ${s.baselined} in the baseline` : ''}${s.fixed ? ` · ${s.fixed} fixed` : ''} · ${verdict}`,
  ];
  if (s.changes) {
    const ch = s.changes;
    const replaced = ch['replace-delete-first'] + ch['replace-create-first'];
    lines.push(
      `changes: ${ch.create} create · ${ch.update} update · ${replaced} replace · ${ch.delete} delete`,
    );
  }
  return lines;
}

function verdictText(s: ReportSummary, c: Colors): string {
  const strict = isStrictFailure(s) ? `strict: ${incompleteInputsText(s)}` : undefined;
  if (strict !== undefined) {
    const reasons = failsOnFindings(s) ? `fail-on ${s.failOn}; ${strict}` : strict;
    return c.red(c.bold(`FAIL (${reasons})`));
  }
  if (s.failOn === 'none') return c.dim('fail-on none');
  return s.failed ? c.red(c.bold(`FAIL (fail-on ${s.failOn})`)) : c.green(`pass (fail-on ${s.failOn})`);
}

function agentTable(report: Report, c: Colors): string[] {
  const rows = report.agents.map((a) => [
    a.name,
    a.reachActions.toLocaleString('en-US'),
    a.declaredActions.toLocaleString('en-US'),
    String(a.principals.length),
    String(a.findings),
    a.worstSeverity ?? '-',
  ]);
  const header = ['AGENT', 'REACH (actions)', 'DECLARED', 'IDENTITIES', 'FINDINGS', 'WORST'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [c.dim(format(header)), ...rows.map((r) => format(r))];
}

function destructiveLines(report: Report, c: Colors): string[] {
  const lines = [c.bold('destroyed or replaced by the plan:')];
  for (const d of report.destructiveChanges) {
    const tag = d.production ? c.red(' production') : '';
    lines.push(`  ${d.kind.padEnd(20)} ${d.address}${tag}`);
  }
  return lines;
}

function groupFindings(findings: readonly ReportFinding[]): [string | undefined, ReportFinding[]][] {
  const groups = new Map<string | undefined, ReportFinding[]>();
  for (const f of findings) {
    const list = groups.get(f.agent) ?? [];
    list.push(f);
    groups.set(f.agent, list);
  }
  return [...groups.entries()].sort(([a], [b]) => ((a ?? '~') < (b ?? '~') ? -1 : 1));
}

function sectionTitle(name: string): string {
  return `── ${name} ${'─'.repeat(Math.max(3, 60 - name.length))}`;
}

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
};

function severityLabel(severity: Severity, c: Colors): string {
  const label = SEVERITY_LABEL[severity].padEnd(8);
  if (severity === 'critical') return c.bold(c.red(label));
  if (severity === 'high') return c.red(label);
  if (severity === 'medium') return c.yellow(label);
  return c.dim(label);
}

function findingLines(f: ReportFinding, c: Colors, at: string | undefined): string[] {
  const e = f.evidence;
  const lines = [`${severityLabel(f.severity, c)} ${c.cyan(f.rule)}  ${f.title}`, `  ${f.message}`];
  if (e.actions.length > 0)
    lines.push(
      `  ${c.dim('actions:')}   ${plural(e.actions.length, 'action')}: ${compressActions(e.actions)}`,
    );
  if (e.resources.length > 0) lines.push(`  ${c.dim('resources:')} ${e.resources.join(', ')}`);
  if (e.path.length > 0) lines.push(`  ${c.dim('path:')}      ${pathText(e.path)}`);
  for (const ref of e.statements.slice(0, 3)) lines.push(`  ${c.dim('granted by:')} ${statementText(ref)}`);
  if (e.statements.length > 3)
    lines.push(`  ${c.dim(`            +${e.statements.length - 3} more statements`)}`);
  for (const condition of e.conditions) lines.push(`  ${c.dim('condition:')} ${condition}`);
  if (at !== undefined) lines.push(`  ${c.dim('at:')}        ${at}`);
  lines.push(`  ${c.dim(`id ${f.id}`)}`);
  return lines;
}

function pathText(path: readonly PathHop[]): string {
  const first = path[0];
  if (!first) return '';
  return [first.from, ...path.map((hop) => `─${hopLabel(hop)}→ ${hop.to}`)].join(' ');
}

export function statementText(ref: StatementRef): string {
  const sid = ref.sid ? ` (${ref.sid})` : '';
  const where = ref.address ?? ref.source.file;
  return `${ref.policyName} [${ref.policyKind}] statement ${ref.statementIndex}${sid} · ${where}`;
}
