import type { ReportFinding } from '../model/report.js';
import { SEVERITIES, type Severity, severityRank } from '../model/severity.js';
import type { Exploration } from '../pipeline/explore.js';

/** The agents pane's entries: every agent at once, then each agent. */
export const ALL_AGENTS = '(all agents)';

export function agentNames(exploration: Exploration): string[] {
  return [ALL_AGENTS, ...exploration.report.agents.map((a) => a.name)];
}

/** The rules that have findings, in order of id: what `r` cycles through. */
export function rulesWithFindings(exploration: Exploration): string[] {
  return [...new Set(exploration.report.findings.map((f) => f.rule))].sort();
}

function matchesSearch(finding: ReportFinding, query: string): boolean {
  if (query === '') return true;
  const needle = query.toLowerCase();
  return [
    finding.rule,
    finding.title,
    finding.message,
    finding.agent ?? '',
    finding.principal ?? '',
    finding.resource ?? '',
  ]
    .join('\n')
    .toLowerCase()
    .includes(needle);
}

/** The part of the view state that decides which findings are listed. */
export interface FindingFilter {
  /** Index into the agents pane (0 = all agents). */
  readonly agent: number;
  readonly severity?: Severity;
  readonly rule?: string;
  readonly query: string;
}

const lastVisible = new WeakMap<Exploration, { readonly key: string; readonly findings: ReportFinding[] }>();

/**
 * The findings the findings pane lists under the current selection, filters and search. The last
 * answer is kept: a key press asks several times, and an estate has tens of thousands of findings.
 */
export function visibleFindings(exploration: Exploration, state: FindingFilter): ReportFinding[] {
  const key = JSON.stringify([state.agent, state.severity ?? '', state.rule ?? '', state.query]);
  const last = lastVisible.get(exploration);
  if (last?.key === key) return last.findings;
  const findings = filterFindings(exploration, state);
  lastVisible.set(exploration, { key, findings });
  return findings;
}

function filterFindings(exploration: Exploration, state: FindingFilter): ReportFinding[] {
  const agent = agentNames(exploration)[state.agent];
  return exploration.report.findings.filter(
    (f) =>
      (agent === undefined || agent === ALL_AGENTS || f.agent === agent) &&
      (state.severity === undefined || severityRank(f.severity) <= severityRank(state.severity)) &&
      (state.rule === undefined || f.rule === state.rule) &&
      matchesSearch(f, state.query),
  );
}

/** `s` cycles: every severity, then at or above critical, high, medium, low. */
export function nextSeverity(current: Severity | undefined): Severity | undefined {
  if (current === undefined) return SEVERITIES[0];
  return SEVERITIES[SEVERITIES.indexOf(current) + 1];
}
