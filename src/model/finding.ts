import type { Capability } from './capability.js';
import type { ChangeKind, Protections } from './change.js';
import type { StatementRef } from './policy.js';
import type { Severity } from './severity.js';
import type { SourceLocation } from './source.js';

/** The kinds of relationship in the permission graph. */
export type EdgeKind = 'acts-as' | 'member-of' | 'can-assume' | 'can-pass-role' | 'can-escalate';

/** One hop of an explanation path: from one graph node to the next, with the statements that allow it. */
export interface PathHop {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** Escalation hops: the method, named by its key action (`iam:CreateAccessKey`, `iam:PassRole+lambda:CreateFunction`). */
  readonly method?: string;
  /** Escalation hops that act on a resource (the function whose code is replaced …): its ARN. */
  readonly via?: string;
  readonly statements: readonly StatementRef[];
}

export interface FindingEvidence {
  /** Concrete catalog actions, sorted, never a wildcard. */
  readonly actions: readonly string[];
  /** ARNs or ARN patterns, sorted. */
  readonly resources: readonly string[];
  readonly capabilities: readonly Capability[];
  /** Shortest explanation: agent -> identity -> … -> the principal holding the grant. */
  readonly path: readonly PathHop[];
  /** The statements that grant the reach. */
  readonly statements: readonly StatementRef[];
  /** Conditions the grant depends on (operator -> key -> values), when every grant is conditional. */
  readonly conditions: readonly string[];
  /** Agents involved beyond the finding's own (e.g. agents that could also delete a resource). */
  readonly agents?: readonly string[];
  /** The plan change the finding is about. */
  readonly change?: ChangeEvidence;
}

export interface ChangeEvidence {
  readonly kind: ChangeKind;
  readonly type: string;
  readonly actionReason?: string;
  readonly replacePaths: readonly string[];
  readonly protections: Protections;
}

export interface Finding {
  /** Stable fingerprint of rule, agent, principal, resource and the evidence that identifies the finding. */
  readonly id: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly agent?: string;
  readonly principal?: string;
  readonly resource?: string;
  readonly address?: string;
  readonly title: string;
  readonly message: string;
  readonly evidence: FindingEvidence;
  readonly location?: SourceLocation;
  readonly suppressed?: { readonly reason: string; readonly expires?: string };
}
