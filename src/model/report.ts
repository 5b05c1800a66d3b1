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
  /** With `--baseline` only: findings the baseline holds that this run no longer finds. */
  readonly fixed?: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly maxSeverity: Severity | 'none';
  readonly failOn: FailOn;
  /**
   * True when a finding that is neither suppressed nor baselined is at or above `failOn`, or when
   * `strict` is set and an input was not fully interpreted: the exit code is then 1.
   */
  readonly failed: boolean;
  /** Diagnostics of inputs the tool could not fully interpret (kind `incomplete`). */
  readonly incompleteInputs: number;
  /** With `--strict` (or `rules.strict`) only: any input not fully interpreted fails the gate. */
  readonly strict?: true;
  readonly changes?: Readonly<Record<ChangeKind, number>>;
}

/** True when `--strict` fails the gate: it is set and some input was not fully interpreted. */
export function isStrictFailure(summary: ReportSummary): boolean {
  return summary.strict === true && summary.incompleteInputs > 0;
}

/** A finding of a baseline report, as much of it as a later report names when the finding is gone. */
export interface BaselineFinding {
  readonly id: string;
  readonly rule?: string;
  readonly severity?: Severity;
  readonly agent?: string;
  readonly title?: string;
}

/** A finding as reported: with `--baseline`, marked when the baseline report already held its id. */
export type ReportFinding = Finding & { readonly baseline?: true };

export interface ToolInfo {
  readonly name: 'blast-radius';
  readonly version: string;
  readonly catalog: string;
}

/** `inputs.account` and the source file of every policy when the account was read through the AWS API. */
export const LIVE_ACCOUNT = 'live';

export interface ReportInputs {
  readonly plan?: string;
  /** HCL mode: the root module's directory the model was read from (no plan). */
  readonly hcl?: string;
  /** The account snapshot file, or `live` when the account was read through the AWS API. */
  readonly account?: string;
  /** The audited account's id and who read it (audits). */
  readonly accountId?: string;
  readonly auditor?: string;
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
  /** With `--baseline` only: the baseline's findings this run no longer finds, by id. */
  readonly fixed?: readonly BaselineFinding[];
  readonly diagnostics: readonly Diagnostic[];
}
