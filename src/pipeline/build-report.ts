import { type AgentAnalysis, type Analysis, effectiveActions } from '../graph/analysis.js';
import type { ChangeKind } from '../model/change.js';
import { isDestructive } from '../model/change.js';
import type { Finding } from '../model/finding.js';
import { compareText } from '../model/order.js';
import type { PlanModel } from '../model/plan.js';
import type {
  AgentSummary,
  BaselineFinding,
  PlanChangeSummary,
  Report,
  ReportFinding,
  ReportInputs,
  ToolInfo,
} from '../model/report.js';
import { type FailOn, SEVERITIES, type Severity, severityRank } from '../model/severity.js';
import { type Diagnostic, isIncomplete } from '../model/source.js';
import type { Catalog } from '../policy/catalog.js';
import { declaredActions } from '../policy/declaration.js';
import { isProductionEnvironment } from '../rules/production-access.js';

export interface ReportInput {
  readonly tool: ToolInfo;
  readonly catalog: Catalog;
  readonly inputs: ReportInputs;
  readonly failOn: FailOn;
  /** Any input not fully interpreted fails the gate. */
  readonly strict?: boolean;
  readonly after: Analysis;
  readonly plan?: PlanModel;
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** The findings of a previous report (`--baseline`), by id: those are known and do not count. */
  readonly baseline?: ReadonlyMap<string, BaselineFinding>;
}

export function buildReport(input: ReportInput): Report {
  const findings = markBaseline(input.findings, input.baseline);
  const fixed = input.baseline && fixedFindings(input.baseline, input.findings);
  const unsuppressed = findings.filter((f) => !f.suppressed);
  const active = unsuppressed.filter((f) => !f.baseline);
  const count = (severity: Severity) => active.filter((f) => f.severity === severity).length;
  const bySeverity = {
    critical: count('critical'),
    high: count('high'),
    medium: count('medium'),
    low: count('low'),
  };
  const maxSeverity = SEVERITIES.find((s) => bySeverity[s] > 0) ?? 'none';
  const threshold = input.failOn === 'none' ? undefined : severityRank(input.failOn);
  const incompleteInputs = input.diagnostics.filter(isIncomplete).length;
  const failed =
    (threshold !== undefined && active.some((f) => severityRank(f.severity) <= threshold)) ||
    (input.strict === true && incompleteInputs > 0);
  // grouped once: filtering every finding for every agent is quadratic on a large estate
  const activeByAgent = new Map<string | undefined, Finding[]>();
  for (const finding of active) {
    const own = activeByAgent.get(finding.agent);
    if (own) own.push(finding);
    else activeByAgent.set(finding.agent, [finding]);
  }
  return {
    schemaVersion: 1,
    tool: input.tool,
    inputs: input.inputs,
    summary: {
      findings: active.length,
      suppressed: findings.length - unsuppressed.length,
      ...(fixed ? { baselined: unsuppressed.length - active.length, fixed: fixed.length } : {}),
      bySeverity,
      maxSeverity,
      failOn: input.failOn,
      failed,
      incompleteInputs,
      ...(input.strict === true ? { strict: true } : {}),
      ...(input.plan ? { changes: countChanges(input.plan) } : {}),
    },
    agents: input.after.agents.map((a) =>
      agentSummary(input.catalog, a, activeByAgent.get(a.agent.name) ?? []),
    ),
    destructiveChanges: input.plan ? destructiveChanges(input.after, input.plan) : [],
    findings,
    ...(fixed ? { fixed } : {}),
    diagnostics: [...input.diagnostics].sort(
      (a, b) =>
        compareText(a.location.file, b.location.file) ||
        compareText(a.location.path ?? '', b.location.path ?? '') ||
        compareText(a.code, b.code) ||
        compareText(a.message, b.message),
    ),
  };
}

/** The baseline's findings that are not found again, by id. */
function fixedFindings(
  baseline: ReadonlyMap<string, BaselineFinding>,
  findings: readonly Finding[],
): BaselineFinding[] {
  const found = new Set(findings.map((f) => f.id));
  return [...baseline.values()].filter((f) => !found.has(f.id)).sort((a, b) => compareText(a.id, b.id));
}

/** With a baseline, the findings it already holds are marked `baseline: true` (suppressed ones too). */
function markBaseline(
  findings: readonly Finding[],
  baseline: ReadonlyMap<string, BaselineFinding> | undefined,
): ReportFinding[] {
  if (!baseline) return [...findings];
  return findings.map((f) => (baseline.has(f.id) ? { ...f, baseline: true } : f));
}

/** `own`: the agent's active findings. */
function agentSummary(catalog: Catalog, analysis: AgentAnalysis, own: readonly Finding[]): AgentSummary {
  const actions = effectiveActions(catalog, analysis);
  const services = new Set(actions.mapIndexes((i) => catalog.action(i)?.service));
  const worst = SEVERITIES.find((s) => own.some((f) => f.severity === s));
  return {
    name: analysis.agent.name,
    ...(analysis.agent.owner === undefined ? {} : { owner: analysis.agent.owner }),
    identities: analysis.identities.map((i) => ('arn' in i.ref ? i.ref.arn : `terraform:${i.ref.terraform}`)),
    unresolvedIdentities: analysis.identities
      .filter((i) => !i.principal)
      .map((i) => ('arn' in i.ref ? i.ref.arn : `terraform:${i.ref.terraform}`)),
    principals: analysis.principals.map((p) => p.principal.arn),
    reachActions: actions.size(),
    reachServices: services.size,
    declaredActions: declaredActions(catalog, analysis.declarations).size(),
    findings: own.length,
    ...(worst === undefined ? {} : { worstSeverity: worst }),
  };
}

function countChanges(plan: PlanModel): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = {
    create: 0,
    update: 0,
    delete: 0,
    'replace-delete-first': 0,
    'replace-create-first': 0,
    'no-op': 0,
    read: 0,
  };
  for (const c of plan.changes) counts[c.kind]++;
  return counts;
}

function destructiveChanges(after: Analysis, plan: PlanModel): PlanChangeSummary[] {
  return plan.changes
    .filter((c) => isDestructive(c.kind))
    .map((c) => {
      const resource = c.before ?? c.after;
      const production = resource
        ? after.environments.classesOf(resource).some(isProductionEnvironment)
        : false;
      return { address: c.address, type: c.type, kind: c.kind, production };
    })
    .sort((a, b) => compareText(a.address, b.address));
}
