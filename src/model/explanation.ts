import type { PathHop } from './finding.js';
import type { StatementRef } from './policy.js';
import type { PrincipalKind } from './principal.js';
import type { ReportInputs, ToolInfo } from './report.js';

/** The agent an explanation is about, as declared. */
export interface ExplainedAgent {
  readonly name: string;
  readonly owner?: string;
  /** Identities as declared: ARNs, or `terraform:<address>`. */
  readonly identities: readonly string[];
  readonly unresolvedIdentities: readonly string[];
}

/** A principal the agent can act as, and how it gets there. */
export interface ExplainedPrincipal {
  readonly arn: string;
  readonly kind: PrincipalKind;
  readonly address?: string;
  /** Agent -> identity -> … -> this principal, each hop with its kind and statements. */
  readonly path: readonly PathHop[];
  /** True when some hop holds only under a condition. */
  readonly conditional: boolean;
  /** True when the path takes an escalation hop (can-pass-role or can-escalate). */
  readonly escalated: boolean;
}

/** An Allow statement's grant, as the principal holds it. */
export interface ExplainedGrant {
  readonly statement: StatementRef;
  /** The grant's actions as exact patterns over the action catalog: a wildcard selects only actions of the grant. */
  readonly actions: readonly string[];
  readonly actionCount: number;
  /** Resources as written; a NotResource scope shows as `NOT <pattern>`. */
  readonly resources: readonly string[];
  /** `operator key = values`, when the grant holds only under conditions. */
  readonly conditions: readonly string[];
  /** Permissions-boundary and SCP statements that cap the grant. */
  readonly limitedBy: readonly StatementRef[];
  /** The group a user's grant comes through. */
  readonly viaGroup?: string;
}

/** A Deny statement that applies to a request. */
export interface ExplainedDeny {
  readonly statement: StatementRef;
  readonly resources: readonly string[];
  /** Empty for an unconditional Deny; else the conditions it holds under (never assumed to hold). */
  readonly conditions: readonly string[];
}

/** One way the agent can make the request: a principal it reaches whose policies allow it. */
export interface AllowingPath {
  readonly principal: ExplainedPrincipal;
  readonly grants: readonly ExplainedGrant[];
  /** Deny statements under a condition that may still stop the request (never assumed to apply). */
  readonly gates: readonly ExplainedDeny[];
}

/**
 * Why a principal the agent reaches cannot make the request: an explicit Deny, no statement that
 * allows it, or statements that allow it on a resource of another account that no resource policy opens.
 */
export interface Refusal {
  readonly principal: ExplainedPrincipal;
  readonly reason: 'explicit-deny' | 'no-allow' | 'other-account';
  readonly denies: readonly ExplainedDeny[];
  /** Grants the Deny overrides, or that would allow the request in the principal's own account. */
  readonly grants: readonly ExplainedGrant[];
}

/** The decision on one resource (or resource pattern) for the requested action. */
export interface ResourceVerdict {
  readonly resource: string;
  readonly allowed: boolean;
  /** Every principal that allows the request, nearest first. */
  readonly paths: readonly AllowingPath[];
  /** Every other principal the agent reaches, and why it cannot. */
  readonly refusals: readonly Refusal[];
}

/** `explain AGENT --action A [--resource R]`: can the agent make the request, and through what. */
export interface ActionExplanation {
  readonly kind: 'action';
  readonly action: string;
  /** The resource asked about; absent when none was given. */
  readonly resource?: string;
  /** True when the action takes no resource, so it is judged on `*`. */
  readonly resourceless: boolean;
  /** True when the agent can make the request on some judged resource. */
  readonly allowed: boolean;
  /** The given resource; without one, every resource pattern a statement allowing the action names (or `*`). */
  readonly verdicts: readonly ResourceVerdict[];
}

/** What one principal can reach, in brief. */
export interface PrincipalReachSummary {
  readonly principal: ExplainedPrincipal;
  /** Distinct catalog actions. */
  readonly actionCount: number;
  /** Actions per service, the most first (then by service name). */
  readonly services: readonly { readonly service: string; readonly actions: number }[];
  readonly grants: readonly ExplainedGrant[];
}

/** `explain AGENT` without an action: every principal the agent reaches, with its path and reach. */
export interface ReachExplanation {
  readonly kind: 'reach';
  readonly principals: readonly PrincipalReachSummary[];
}

/** The output of `explain` (json schemaVersion 1). */
export interface ExplainReport {
  readonly schemaVersion: 1;
  readonly tool: ToolInfo;
  readonly inputs: ReportInputs;
  readonly agent: ExplainedAgent;
  readonly explanation: ActionExplanation | ReachExplanation;
}
