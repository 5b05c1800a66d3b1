import { createColors } from 'picocolors';
import type {
  ActionExplanation,
  AllowingPath,
  ExplainedDeny,
  ExplainedGrant,
  ExplainedPrincipal,
  ExplainReport,
  ReachExplanation,
  Refusal,
  ResourceVerdict,
} from '../model/explanation.js';
import { type StatementRef, statementKey } from '../model/policy.js';
import { compressActions, compressServiceCounts, plural } from './compress.js';
import { hopLabel } from './hop-label.js';

export interface ExplainTextOptions {
  readonly color: boolean;
}

type Colors = ReturnType<typeof createColors>;

/** `explain` for people: the verdict, then every path hop by hop with the statements behind it. */
export function renderExplainText(
  report: ExplainReport,
  options: ExplainTextOptions = { color: false },
): string {
  const c = createColors(options.color);
  const lines: string[] = [];
  lines.push(c.bold(`blast-radius ${report.tool.version}`) + c.dim(` · ${report.tool.catalog}`));
  if (report.inputs.plan) lines.push(`plan:   ${report.inputs.plan}`);
  if (report.inputs.hcl) lines.push(`hcl:    ${report.inputs.hcl} (no plan)`);
  if (report.inputs.account) lines.push(`account: ${report.inputs.account}`);
  lines.push(`config: ${report.inputs.config ?? '(none)'}`);
  const agent = report.agent;
  if (agent.unresolvedIdentities.length > 0)
    lines.push(
      '',
      c.yellow(`${agent.name}: identities not in the inputs: ${agent.unresolvedIdentities.join(', ')}`),
    );
  const body =
    report.explanation.kind === 'action'
      ? actionLines(agent.name, report.explanation, c)
      : reachLines(agent.name, agent.owner, report.explanation, c);
  lines.push('', ...body);
  return `${lines.join('\n')}\n`;
}

function actionLines(agent: string, e: ActionExplanation, c: Colors): string[] {
  const lines: string[] = [];
  if (e.resourceless)
    lines.push(
      c.dim(`${e.action} takes no resource: it is judged on *${e.resource ? ` (not ${e.resource})` : ''}`),
    );
  else if (e.resource === undefined && e.verdicts.length > 1)
    lines.push(
      c.dim(`no --resource: judged on each resource pattern a statement allowing ${e.action} names`),
    );
  for (const verdict of e.verdicts) {
    if (lines.length > 0) lines.push('');
    lines.push(...verdictLines(agent, e.action, verdict, c));
  }
  return lines;
}

function verdictLines(agent: string, action: string, v: ResourceVerdict, c: Colors): string[] {
  const request = `${action} on ${v.resource}`;
  if (v.allowed) {
    const lines = [
      `${c.bold(agent)} ${c.bold('CAN')} do ${c.bold(request)} through ${plural(v.paths.length, 'path')}:`,
    ];
    v.paths.forEach((path, i) => {
      lines.push('', ...allowingPathLines(i + 1, path, c));
    });
    if (v.refusals.length > 0) {
      lines.push('', 'not through:');
      for (const r of v.refusals) lines.push(...refusalLines(r, c, '  '));
    }
    return lines;
  }
  const lines = [`${c.bold(agent)} ${c.bold('CANNOT')} do ${c.bold(request)}`];
  const denies = v.refusals.flatMap((r) => r.denies);
  if (v.refusals.length === 0) {
    lines.push(`  ${agent} acts as no principal in the inputs, so nothing allows it`);
    return lines;
  }
  lines.push(
    denies.length > 0
      ? `  an explicit Deny forbids it: ${uniqueStatements(denies.map((d) => d.statement))
          .map(statementName)
          .join(', ')}`
      : '  no statement of any principal it can act as allows it',
  );
  lines.push('', `principals considered (${v.refusals.length}):`);
  for (const r of v.refusals) lines.push(...refusalLines(r, c, '  '));
  return lines;
}

function allowingPathLines(n: number, p: AllowingPath, c: Colors): string[] {
  const lines = [`  ${c.bold(`path ${n}`)}: as ${principalTitle(p.principal)}`];
  lines.push(...hopLines(p.principal, c, '    '));
  for (const grant of p.grants) lines.push(...grantLines(grant, c, '    ', 'granted by'));
  for (const gate of p.gates) lines.push(...gateLines(gate, c, '    '));
  return lines;
}

function refusalLines(r: Refusal, c: Colors, indent: string): string[] {
  const reason =
    r.reason === 'explicit-deny'
      ? 'denied explicitly'
      : r.reason === 'other-account'
        ? 'its statements allow it only on its own account, and no resource policy opens this resource'
        : 'no statement allows it';
  const lines = [`${indent}${principalTitle(r.principal)} — ${reason}`];
  lines.push(...hopLines(r.principal, c, `${indent}  `));
  for (const deny of r.denies) lines.push(...denyLines(deny, c, `${indent}  `));
  for (const grant of r.grants) lines.push(...grantLines(grant, c, `${indent}  `, 'allowed by'));
  return lines;
}

function reachLines(agent: string, owner: string | undefined, e: ReachExplanation, c: Colors): string[] {
  const who = owner === undefined ? c.bold(agent) : `${c.bold(agent)} (owner ${owner})`;
  if (e.principals.length === 0) return [`${who} acts as no principal in the inputs`];
  const lines = [`${who} can act as ${plural(e.principals.length, 'principal')}:`];
  for (const p of e.principals) {
    lines.push('', `  ${c.bold(principalTitle(p.principal))}`);
    lines.push(...hopLines(p.principal, c, '    '));
    const services = compressServiceCounts(p.services);
    lines.push(
      `    ${c.dim('reach:')} ${plural(p.actionCount, 'action')} in ${plural(p.services.length, 'service')}${services ? ` (${services})` : ''}`,
    );
    for (const grant of p.grants) lines.push(...grantLines(grant, c, '    ', 'grant'));
  }
  return lines;
}

function principalTitle(p: ExplainedPrincipal): string {
  const notes = [
    ...(p.address === undefined ? [] : [p.address]),
    ...(p.escalated ? ['by escalation'] : []),
    ...(p.conditional ? ['only under a condition'] : []),
  ];
  return notes.length > 0 ? `${p.arn} (${notes.join('; ')})` : p.arn;
}

/** The path hop by hop: `n. from ─kind→ to`, then the statements that allow the hop. */
function hopLines(p: ExplainedPrincipal, c: Colors, indent: string): string[] {
  const lines: string[] = [];
  p.path.forEach((hop, i) => {
    lines.push(`${indent}${c.dim(`${i + 1}.`)} ${hop.from} ─${hopLabel(hop)}→ ${hop.to}`);
    for (const ref of hop.statements) lines.push(`${indent}     ${c.dim(statementText(ref))}`);
  });
  return lines;
}

function grantLines(grant: ExplainedGrant, c: Colors, indent: string, label: string): string[] {
  const lines = [`${indent}${c.dim(`${label}:`)} ${statementText(grant.statement)}`];
  const actions = `${plural(grant.actionCount, 'action')}: ${compressActions(grant.actions)}`;
  lines.push(`${indent}  ${actions}`, `${indent}  on ${grant.resources.join(', ')}`);
  if (grant.viaGroup !== undefined) lines.push(`${indent}  through group ${grant.viaGroup}`);
  for (const condition of grant.conditions) lines.push(`${indent}  ${c.dim('only when')} ${condition}`);
  for (const ref of grant.limitedBy) lines.push(`${indent}  ${c.dim('capped by')} ${statementText(ref)}`);
  return lines;
}

function denyLines(deny: ExplainedDeny, c: Colors, indent: string): string[] {
  return [
    `${indent}${c.dim('denied by:')} ${statementText(deny.statement)}`,
    `${indent}  on ${deny.resources.join(', ')}`,
  ];
}

function gateLines(deny: ExplainedDeny, c: Colors, indent: string): string[] {
  return [
    `${indent}${c.dim('may be stopped by:')} ${statementText(deny.statement)}`,
    `${indent}  ${c.dim('a Deny that applies only when')} ${deny.conditions.join('; ')}`,
  ];
}

function statementName(ref: StatementRef): string {
  return ref.sid ?? `${ref.policyName} statement ${ref.statementIndex}`;
}

/** `policy [kind] statement N (Sid) · address · file: path`. */
function statementText(ref: StatementRef): string {
  const sid = ref.sid ? ` (${ref.sid})` : '';
  const { file, path, line } = ref.source;
  const where = line !== undefined ? `${file}:${line}` : path ? `${file}: ${path}` : file;
  const address = ref.address ? ` · ${ref.address}` : '';
  return `${ref.policyName} [${ref.policyKind}] statement ${ref.statementIndex}${sid}${address} · ${where}`;
}

function uniqueStatements(refs: readonly StatementRef[]): StatementRef[] {
  const byKey = new Map<string, StatementRef>();
  for (const ref of refs) byKey.set(statementKey(ref), ref);
  return [...byKey.values()];
}
