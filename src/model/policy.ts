import type { SourceLocation } from './source.js';

export type Effect = 'Allow' | 'Deny';

/** Principal element, normalised: `"*"` becomes `{ AWS: ["*"] }`; every value is a list. */
export type PrincipalMap = Readonly<Record<string, readonly string[]>>;

/** Condition element, normalised: operator -> condition key -> values (always a list). */
export type ConditionMap = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** One statement as AWS reads it, with every string-or-list field normalised to a list. */
export interface Statement {
  /** Position in the policy's Statement list (0 when the policy had a single statement object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalMap;
  readonly notPrincipal?: PrincipalMap;
  readonly condition?: ConditionMap;
}

export interface PolicyDocument {
  readonly version?: string;
  readonly statements: readonly Statement[];
}

export type PolicyKind =
  | 'inline'
  | 'customer-managed'
  | 'aws-managed'
  | 'trust'
  | 'resource'
  | 'scp'
  | 'rcp'
  | 'session';

/** A policy document together with where it lives: the unit every grant is explained by. */
export interface Policy {
  /** Stable identity: the ARN for managed policies, `<principal arn>#inline/<name>` for inline ones. */
  readonly id: string;
  readonly name: string;
  readonly kind: PolicyKind;
  readonly arn?: string;
  /** Terraform address of the resource that declares it, when it comes from a plan or HCL. */
  readonly address?: string;
  readonly document: PolicyDocument;
  readonly source: SourceLocation;
}

/** Names one statement of one policy: the evidence attached to every grant and edge. */
export interface StatementRef {
  readonly policyId: string;
  readonly policyName: string;
  readonly policyKind: PolicyKind;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly address?: string;
  readonly source: SourceLocation;
}

/** The statement's identity: its policy and its index there (`policyId#index`). */
export function statementKey(ref: Pick<StatementRef, 'policyId' | 'statementIndex'>): string {
  return `${ref.policyId}#${ref.statementIndex}`;
}
