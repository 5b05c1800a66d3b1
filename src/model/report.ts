import type { ChangeKind } from './change.js';
import type { Finding } from './finding.js';
import type { FailOn, Severity } from './severity.js';
import type { Diagnostic } from './source.js';

export interface AgentSummary {
  readonly name: string;
  readonly owner?: string;
  /** Identities as declared: ARNs, or `terraform:<address>`. */
  readonly identities: readonly string[];
  readonly unresolvedIdentities: readonly string[];
  /** Principals the agent can act as (directly or by assuming roles), nearest first. */
  readonly principals: readonly string[];
  /** Distinct catalog actions the agent can perform on some resource. */
  readonly reachActions: number;
  readonly reachServices: number;
  /** Distinct catalog actions its `may` names. */
  readonly declaredActions: number;
  readonly findings: number;
  readonly worstSeverity?: Severity;
}

export interface PlanChangeSummary {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  readonly production: boolean;
}

export interface ReportSummary {
  /** Findings that are neither suppressed nor in the baseline. */
  readonly findings: number;
  readonly suppressed: number;
  /** With `--baseline` only: unsuppressed findings the baseline already holds, left out of `findings`. */
  readonly baselined?: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly maxSeverity: Severity | 'none';
  readonly failOn: FailOn;
  /** True when a finding that is neither suppressed nor baselined is at or above `failOn`: the exit code is then 1. */
  readonly failed: boolean;
  readonly changes?: Readonly<Record<ChangeKind, number>>;
}

/** A finding as reported: with `--baseline`, marked when the baseline report already held its id. */
export type ReportFinding = Finding & { readonly baseline?: true };

export interface ToolInfo {
  readonly name: 'blast-radius';
  readonly version: string;
  readonly catalog: string;
}

export interface ReportInputs {
  readonly plan?: string;
  readonly config?: string;
  readonly baseline?: string;
}

/** Everything a run found, in the shape every renderer reads (json schemaVersion 1). */
export interface Report {
  readonly schemaVersion: 1;
  readonly tool: ToolInfo;
  readonly inputs: ReportInputs;
  readonly summary: ReportSummary;
  readonly agents: readonly AgentSummary[];
  /** The plan's deletions and replacements. */
  readonly destructiveChanges: readonly PlanChangeSummary[];
  readonly findings: readonly ReportFinding[];
  readonly diagnostics: readonly Diagnostic[];
}
