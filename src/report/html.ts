import type { PathHop } from '../model/finding.js';
import type { AgentSummary, Report, ReportFinding } from '../model/report.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { type Diagnostic, isIncomplete } from '../model/source.js';
import { compressActions, plural } from './compress.js';
import { hopLabel } from './hop-label.js';
import { statementText } from './text.js';
import { failsOnFindings, strictFailureReason } from './verdict.js';

const COLOUR: Record<Severity, string> = {
  critical: '#b3261e',
  high: '#e8710a',
  medium: '#c9a100',
  low: '#5f6368',
};

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f1f1f;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.meta{color:#5f6368;font-size:12px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{background:#fff;border-radius:8px;padding:12px 16px;min-width:110px;box-shadow:0 1px 2px #0002}
.card b{display:block;font-size:24px}
.verdict{padding:10px 14px;border-radius:8px;font-weight:600;color:#fff;display:inline-block}
table{border-collapse:collapse;background:#fff;width:100%;box-shadow:0 1px 2px #0002}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e3e3e3;vertical-align:top}
details{background:#fff;border-radius:8px;margin:8px 0;padding:8px 12px;box-shadow:0 1px 2px #0002}
summary{cursor:pointer}.sev{color:#fff;border-radius:4px;padding:1px 6px;font-size:12px;font-weight:600}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f1f3f4;padding:1px 4px;border-radius:3px}
ol.path{margin:6px 0;padding-left:22px}svg text{font:12px system-ui,sans-serif}
`;

/**
 * The self-contained audit report (no script, no external asset): verdict, counts, a chart of
 * each agent's reach against its declaration, the agents table, then every finding with its path.
 * In chunks, one per finding, as a large account's report is more text than one string holds.
 */
export function renderHtml(report: Report): string[] {
  return [...htmlChunks(report)];
}

/** {@link renderHtml}'s chunks, each made when it is reached: a writer that takes them as they come holds one at a time. */
export function* htmlChunks(report: Report): Generator<string> {
  const open = report.findings.filter((f) => !f.suppressed && !f.baseline);
  const title = `blast-radius audit${report.inputs.accountId ? ` of ${report.inputs.accountId}` : ''}`;
  const head = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${html(title)}</title><style>${STYLE}</style></head><body><main>`,
    `<h1>${html(title)}</h1>`,
    `<div class="meta">${html(metaLine(report))}</div>`,
    ...summarySection(report),
    ...reachChart(report.agents),
    ...agentTable(report.agents),
    `<h2>Findings (${open.length.toLocaleString('en-US')})</h2>`,
  ].join('\n');
  yield `${head}\n`;
  for (const f of open) yield `${findingBlock(f)}\n`;
  yield [...fixedSection(report), ...diagnosticsSection(report), '</main></body></html>', ''].join('\n');
}

function metaLine(report: Report): string {
  const { account, auditor, plan, config } = report.inputs;
  return [
    plan && `plan ${plan}`,
    account && `account ${account}`,
    auditor && `read by ${auditor}`,
    `config ${config ?? '(none)'}`,
    `blast-radius ${report.tool.version}`,
    report.tool.catalog,
  ]
    .filter(Boolean)
    .join(' · ');
}

function summarySection(report: Report): string[] {
  const s = report.summary;
  const strict = strictFailureReason(s);
  const failed = strict !== undefined || (s.failOn !== 'none' && s.failed);
  const verdict =
    strict !== undefined
      ? `FAIL${failsOnFindings(s) ? `: findings at or above ${s.failOn};` : ':'} ${strict}`
      : s.failOn === 'none'
        ? `${plural(s.findings, 'finding')} (fail-on none)`
        : failed
          ? `FAIL: findings at or above ${s.failOn}`
          : `PASS: no finding at or above ${s.failOn}`;
  const colour = failed ? COLOUR.critical : '#1e8e3e';
  const cards = SEVERITIES.map(
    (sev) =>
      `<div class="card" style="border-top:4px solid ${COLOUR[sev]}"><b>${s.bySeverity[sev]}</b>${sev}</div>`,
  );
  const extra = [
    s.suppressed > 0 ? `<div class="card"><b>${s.suppressed}</b>suppressed</div>` : '',
    s.baselined !== undefined
      ? `<div class="card"><b>${s.baselined}</b>unchanged since the baseline</div>`
      : '',
    s.fixed !== undefined ? `<div class="card"><b>${s.fixed}</b>fixed since the baseline</div>` : '',
  ].filter(Boolean);
  return [
    '<h2>Summary</h2>',
    `<div class="verdict" style="background:${colour}">${html(verdict)}</div>`,
    `<div class="cards">${[...cards, ...extra].join('')}</div>`,
  ];
}

const BAR_HEIGHT = 18;
const LABEL_WIDTH = 180;
const CHART_WIDTH = 760;

/** A horizontal bar per agent: actions it can perform, and (over it) the actions it declared. */
function reachChart(agents: readonly AgentSummary[]): string[] {
  if (agents.length === 0) return [];
  const max = Math.max(1, ...agents.map((a) => Math.max(a.reachActions, a.declaredActions)));
  const scale = (n: number) =>
    Math.max(n > 0 ? 2 : 0, Math.round((n / max) * (CHART_WIDTH - LABEL_WIDTH - 150)));
  const rowHeight = BAR_HEIGHT * 2 + 10;
  const height = agents.length * rowHeight + 30;
  const rows = agents.map((agent, i) => {
    const y = 24 + i * rowHeight;
    const reach = scale(agent.reachActions);
    const declared = scale(agent.declaredActions);
    return [
      `<text x="0" y="${y + BAR_HEIGHT}">${html(agent.name)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${reach}" height="${BAR_HEIGHT}" fill="${COLOUR.high}"><title>${agent.reachActions} actions reachable</title></rect>`,
      `<text x="${LABEL_WIDTH + reach + 6}" y="${y + 13}">${agent.reachActions.toLocaleString('en-US')} reachable</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + BAR_HEIGHT + 2}" width="${declared}" height="${BAR_HEIGHT - 6}" fill="#1a73e8"><title>${agent.declaredActions} actions declared</title></rect>`,
      `<text x="${LABEL_WIDTH + declared + 6}" y="${y + BAR_HEIGHT + 12}">${agent.declaredActions.toLocaleString('en-US')} declared</text>`,
    ].join('');
  });
  return [
    '<h2>Reach by agent</h2>',
    `<svg role="img" aria-label="actions each agent can reach against those it declared" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">`,
    `<text x="${LABEL_WIDTH}" y="12" fill="#5f6368">actions reachable (orange) and declared (blue)</text>`,
    ...rows,
    '</svg>',
  ];
}

function agentTable(agents: readonly AgentSummary[]): string[] {
  if (agents.length === 0) return [];
  const rows = agents.map(
    (a) =>
      `<tr><td>${html(a.name)}</td><td>${html(a.owner ?? '')}</td><td>${a.reachActions.toLocaleString('en-US')} in ${a.reachServices} services</td><td>${a.declaredActions.toLocaleString('en-US')}</td><td>${a.findings}</td><td>${a.worstSeverity ? severityBadge(a.worstSeverity) : ''}</td></tr>`,
  );
  return [
    '<h2>Agents</h2>',
    '<table><thead><tr><th>agent</th><th>owner</th><th>reach</th><th>declared actions</th><th>findings</th><th>worst</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
  ];
}

function severityBadge(severity: Severity): string {
  return `<span class="sev" style="background:${COLOUR[severity]}">${severity.toUpperCase()}</span>`;
}

function findingBlock(f: ReportFinding): string {
  const e = f.evidence;
  const items = [
    e.actions.length > 0
      ? `<li><b>Actions</b> (${e.actions.length}): ${html(compressActions(e.actions))}</li>`
      : '',
    e.resources.length > 0
      ? `<li><b>Resources</b>: ${e.resources.slice(0, 10).map(code).join(', ')}${e.resources.length > 10 ? ` …and ${e.resources.length - 10} more` : ''}</li>`
      : '',
    ...e.statements.slice(0, 5).map((ref) => `<li><b>Granted by</b>: ${html(statementText(ref))}</li>`),
    ...e.conditions.map((condition) => `<li><b>Condition</b>: ${html(condition)}</li>`),
  ].filter(Boolean);
  return [
    `<details><summary>${severityBadge(f.severity)} <code>${html(f.rule)}</code> ${html(f.title)}</summary>`,
    `<p>${html(f.message)}</p>`,
    ...(e.path.length > 0 ? [pathList(e.path)] : []),
    items.length > 0 ? `<ul>${items.join('')}</ul>` : '',
    `<div class="meta">id ${html(f.id)}</div></details>`,
  ].join('\n');
}

function pathList(path: readonly PathHop[]): string {
  const first = path[0];
  const hops = path.map((hop) => `<li><i>${html(hopLabel(hop))}</i> → ${code(hop.to)}</li>`);
  return `<div><b>Path</b> from ${code(first?.from ?? '')}<ol class="path">${hops.join('')}</ol></div>`;
}

function fixedSection(report: Report): string[] {
  if (!report.fixed || report.fixed.length === 0) return [];
  const rows = report.fixed.map(
    (f) =>
      `<tr><td>${f.severity ? severityBadge(f.severity) : ''}</td><td><code>${html(f.rule ?? '')}</code></td><td>${html(f.title ?? '')}</td><td>${html(f.id)}</td></tr>`,
  );
  return [
    `<h2>Fixed since the baseline (${report.fixed.length})</h2>`,
    '<table><thead><tr><th>severity</th><th>rule</th><th>finding</th><th>id</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
  ];
}

function diagnosticsSection(report: Report): string[] {
  return [
    ...diagnosticsList(report.diagnostics.filter(isIncomplete), 'Could not be fully analysed'),
    ...diagnosticsList(
      report.diagnostics.filter((d) => !isIncomplete(d)),
      'Notes',
    ),
  ];
}

function diagnosticsList(diagnostics: readonly Diagnostic[], title: string): string[] {
  if (diagnostics.length === 0) return [];
  const items = diagnostics.map((d) => {
    const where = d.location.path ? `${d.location.file}: ${d.location.path}` : d.location.file;
    return `<li>${html(d.message)} <span class="meta">(${html(d.code)}, ${html(where)})</span></li>`;
  });
  return [`<h2>${title} (${diagnostics.length})</h2>`, `<ul>${items.join('')}</ul>`];
}

function code(text: string): string {
  return `<code>${html(text)}</code>`;
}

const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/** Text escaped for HTML in one pass; most text (names, ARNs, ids) has nothing to escape and is returned as it is. */
function html(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITY[c] ?? c) : text;
}
