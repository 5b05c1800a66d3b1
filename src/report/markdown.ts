import type { PathHop } from '../model/finding.js';
import { isStrictFailure, type Report, type ReportFinding } from '../model/report.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { type Diagnostic, isIncomplete, type SourceLocation } from '../model/source.js';
import { compressActions, plural } from './compress.js';
import { lineText, statementText } from './text.js';
import { countAtOrAbove, incompleteInputsText, strictFailureReason } from './verdict.js';

/** GitHub's limit on the body of an issue or pull request comment, in characters. */
export const COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** The most characters the output may have; findings that do not fit are counted, not shown. */
  readonly limit?: number;
  /** Where the findings left out can be read, for the line that counts them. */
  readonly elsewhere?: string;
  /** Where each finding is in the .tf files, by finding id: shown as its source line. */
  readonly locations?: ReadonlyMap<string, SourceLocation>;
}

const ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '⬜' };
const LABEL: Record<Severity, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };
const MAX_TABLE_ROWS = 50;
/** Room kept for the line counting the findings left out. */
const RESERVE = 300;

/**
 * The pull request comment: a verdict, counts by severity and agent, the plan's destructive changes,
 * then one collapsible block per finding (with a mermaid diagram of each path that changes identity),
 * within `limit` characters.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const head = [
    ...headline(report),
    '',
    ...summaryLines(report),
    ...agentTable(report),
    ...destructiveTable(report),
  ];
  const shown = report.findings.filter((f) => !f.suppressed && !f.baseline);
  const diagnostics = diagnosticsBlock(report);
  const elsewhere = options.elsewhere ?? 'the job summary and the SARIF results';
  const fixed = [...head, ...diagnostics].join('\n').length + RESERVE;
  const blocks: string[] = [];
  let size = fixed;
  for (const finding of shown) {
    const block = findingBlock(finding, lineText(options.locations?.get(finding.id)));
    if (size + block.length + 2 > limit) break;
    blocks.push(block);
    size += block.length + 2;
  }
  const left = shown.length - blocks.length;
  const sections = [
    ...head,
    ...(blocks.length > 0 ? ['', '### Findings', '', blocks.join('\n\n')] : []),
    ...(left > 0 ? ['', `**${plural(left, 'more finding')} not shown here**: see ${elsewhere}.`] : []),
    ...diagnostics,
  ];
  return `${sections.join('\n')}\n`;
}

function headline(report: Report): string[] {
  const s = report.summary;
  const strict = strictFailureReason(s);
  const atOrAbove = s.failOn === 'none' ? 0 : countAtOrAbove(s, s.failOn);
  const findings = atOrAbove > 0 ? `${plural(atOrAbove, 'finding')} at or above ${s.failOn}` : undefined;
  if (strict !== undefined) {
    const reasons = [findings, `${incompleteInputsText(s)} (strict)`].filter(Boolean).join(' · ');
    return [`## ❌ blast-radius: ${reasons}`, '', `**Strict:** ${strict}.`];
  }
  if (s.failOn === 'none') return [`## blast-radius: ${plural(s.findings, 'finding')} (fail-on none)`];
  if (findings !== undefined) return [`## ❌ blast-radius: ${findings}`];
  return [`## ✅ blast-radius: no finding at or above ${s.failOn}`];
}

function summaryLines(report: Report): string[] {
  const s = report.summary;
  const counts = SEVERITIES.map((sev) => `${s.bySeverity[sev]} ${sev}`).join(' · ');
  const extra = [
    s.suppressed > 0 ? `${s.suppressed} suppressed` : undefined,
    s.baselined ? `${s.baselined} in the baseline` : undefined,
    s.fixed ? `${s.fixed} fixed since the baseline` : undefined,
  ].filter((part): part is string => part !== undefined);
  const lines = [`**${plural(s.findings, 'finding')}**: ${[counts, ...extra].join(' · ')}`];
  if (s.changes) {
    const ch = s.changes;
    const replaced = ch['replace-delete-first'] + ch['replace-create-first'];
    lines.push(
      '',
      `Plan: ${ch.create} to create · ${ch.update} to update · ${replaced} to replace · ${ch.delete} to destroy`,
    );
  }
  const account = report.inputs.accountId ?? report.inputs.account;
  const inputs = [
    report.inputs.plan && `plan \`${report.inputs.plan}\``,
    report.inputs.hcl && `configuration \`${report.inputs.hcl}\` (no plan)`,
    account && `account \`${account}\``,
    `config \`${report.inputs.config ?? '(none)'}\``,
  ];
  lines.push(
    '',
    `<sub>${[...inputs, `blast-radius ${report.tool.version}`, report.tool.catalog].filter(Boolean).join(' · ')}</sub>`,
  );
  return lines;
}

/** Findings by agent and severity; plan-level findings under "(plan)". */
function agentTable(report: Report): string[] {
  const counts = new Map<string, Record<Severity, number>>();
  for (const f of report.findings) {
    if (f.suppressed || f.baseline) continue;
    const key = f.agent ?? '(plan)';
    const row = counts.get(key) ?? { critical: 0, high: 0, medium: 0, low: 0 };
    row[f.severity] += 1;
    counts.set(key, row);
  }
  if (counts.size === 0) return [];
  const rows = [...counts.entries()];
  const lines = [
    '',
    '| agent | critical | high | medium | low |',
    '|---|---:|---:|---:|---:|',
    ...rows
      .slice(0, MAX_TABLE_ROWS)
      .map(([agent, row]) => `| ${cell(agent)} | ${SEVERITIES.map((sev) => row[sev]).join(' | ')} |`),
  ];
  if (rows.length > MAX_TABLE_ROWS)
    lines.push('', `…and ${plural(rows.length - MAX_TABLE_ROWS, 'more agent')}.`);
  return lines;
}

function destructiveTable(report: Report): string[] {
  const changes = report.destructiveChanges;
  if (changes.length === 0) return [];
  const lines = [
    '',
    '### Destroyed or replaced by the plan',
    '',
    '| change | address | production |',
    '|---|---|---|',
    ...changes
      .slice(0, MAX_TABLE_ROWS)
      .map((d) => `| ${d.kind} | \`${cell(d.address)}\` | ${d.production ? '**yes**' : 'no'} |`),
  ];
  if (changes.length > MAX_TABLE_ROWS)
    lines.push('', `…and ${plural(changes.length - MAX_TABLE_ROWS, 'more change')}.`);
  return lines;
}

function findingBlock(f: ReportFinding, at: string | undefined): string {
  const e = f.evidence;
  const summary = `${ICON[f.severity]} <b>${LABEL[f.severity]}</b> · <code>${f.rule}</code> · ${html(f.title)}`;
  const lines = ['<details>', `<summary>${summary}</summary>`, '', html(f.message), ''];
  if (e.actions.length > 0)
    lines.push(`- **Actions** (${e.actions.length}): ${html(compressActions(e.actions))}`);
  if (e.resources.length > 0)
    lines.push(
      `- **Resources**: ${e.resources.slice(0, 10).map(code).join(', ')}${more(e.resources.length, 10)}`,
    );
  if (f.address) lines.push(`- **Terraform**: ${code(f.address)}`);
  if (at !== undefined) lines.push(`- **Source**: ${code(at)}`);
  if (e.path.length > 0) lines.push(`- **Path**: ${pathText(e.path)}`);
  for (const ref of e.statements.slice(0, 3)) lines.push(`- **Granted by**: ${html(statementText(ref))}`);
  if (e.statements.length > 3) lines.push(`- …and ${plural(e.statements.length - 3, 'more statement')}`);
  for (const condition of e.conditions) lines.push(`- **Condition**: ${html(condition)}`);
  if (f.suppressed) lines.push(`- **Suppressed**: ${html(f.suppressed.reason)}`);
  if (changesIdentity(e.path)) lines.push('', ...mermaid(e.path));
  lines.push('', `<sub>id <code>${f.id}</code></sub>`, '</details>');
  return lines.join('\n');
}

const MAX_DIAGNOSTICS = 20;

/** What could not be fully analysed (open when strict mode failed on it), then the notes; collapsed. */
function diagnosticsBlock(report: Report): string[] {
  const open = isStrictFailure(report.summary);
  return [
    ...diagnosticsList(report.diagnostics.filter(isIncomplete), 'Could not be fully analysed', open),
    ...diagnosticsList(
      report.diagnostics.filter((d) => !isIncomplete(d)),
      'Notes',
      false,
    ),
  ];
}

function diagnosticsList(all: readonly Diagnostic[], title: string, open: boolean): string[] {
  if (all.length === 0) return [];
  const items = all.slice(0, MAX_DIAGNOSTICS).map((d) => {
    const where =
      d.location.line !== undefined
        ? `${d.location.file}:${d.location.line}`
        : d.location.path
          ? `${d.location.file}: ${d.location.path}`
          : d.location.file;
    return `- ${html(d.message)} <sub>(${d.code}, ${html(where)})</sub>`;
  });
  if (all.length > MAX_DIAGNOSTICS)
    items.push(`- …and ${all.length - MAX_DIAGNOSTICS} more (the JSON report lists every one)`);
  return [
    '',
    open ? '<details open>' : '<details>',
    `<summary>${title} (${all.length})</summary>`,
    '',
    ...items,
    '</details>',
  ];
}

/** True when the path goes beyond acting as a declared identity (and its groups). */
function changesIdentity(path: readonly PathHop[]): boolean {
  return path.some((hop) => hop.kind !== 'acts-as' && hop.kind !== 'member-of');
}

function pathText(path: readonly PathHop[]): string {
  const first = path[0];
  if (!first) return '';
  return [code(first.from), ...path.map((hop) => `→ *${hopLabel(hop)}* → ${code(hop.to)}`)].join(' ');
}

function hopLabel(hop: PathHop): string {
  return hop.method ? `${hop.kind} (${hop.method})` : hop.kind;
}

/** The path as a left-to-right flowchart; labels quoted, so ARNs need no escaping but quotes. */
function mermaid(path: readonly PathHop[]): string[] {
  const nodes = [path[0]?.from ?? '', ...path.map((hop) => hop.to)];
  const label = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;
  const lines = ['```mermaid', 'flowchart LR'];
  nodes.forEach((node, i) => {
    lines.push(`  n${i}[${label(shortArn(node))}]`);
  });
  path.forEach((hop, i) => {
    const via = hop.via ? ` on ${shortArn(hop.via)}` : '';
    lines.push(`  n${i} -->|${label(`${hopLabel(hop)}${via}`)}| n${i + 1}`);
  });
  lines.push('```');
  return lines;
}

/** `arn:aws:iam::111111111111:role/x` -> `role/x`; other ARNs and names as they are. */
function shortArn(arn: string): string {
  const iam = /^arn:[^:]+:iam::\d{12}:(.+)$/.exec(arn);
  return iam?.[1] ?? arn;
}

function more(total: number, shown: number): string {
  return total > shown ? ` …and ${total - shown} more` : '';
}

function code(text: string): string {
  return `<code>${html(text)}</code>`;
}

const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const SPECIAL = /[&<>]/;
const SPECIALS = /[&<>]/g;

/** Text escaped for the HTML GitHub renders in one pass; most text has nothing to escape and is returned as it is. */
function html(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITY[c] ?? c) : text;
}

function cell(text: string): string {
  return html(text).replace(/\|/g, '\\|');
}
