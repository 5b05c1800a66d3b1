/** Shapes shared by the differential generator, the two engine adapters and the triage table. */

export const PRINCIPAL_ARN = 'arn:aws:iam::111111111111:role/subject';
export const HOME_ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** A Condition element: operator -> condition key -> values. */
export type RawCondition = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** A whole request context, as iam-simulate takes it: every key not listed is absent. */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

/** An identity-policy statement as the generator writes it: every list normalised to an array. */
export interface RawStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Condition?: RawCondition;
}

export interface RawPolicy {
  readonly Version: '2012-10-17';
  readonly Statement: readonly RawStatement[];
}

export interface NamedPolicy {
  readonly name: string;
  /** `generated`, or `managed:<PolicyName>` for an AWS managed policy (conditional statements removed). */
  readonly origin: string;
  readonly document: RawPolicy;
}

export interface PolicySet {
  readonly id: number;
  readonly identity: readonly NamedPolicy[];
  /** The permissions boundary, when the principal has one (one managed policy in AWS; here 1 document). */
  readonly boundary?: readonly NamedPolicy[];
}

export interface DiffRequest {
  /** A concrete catalog action, e.g. `s3:GetObject`. */
  readonly action: string;
  /** A concrete ARN of one of the action's resource types, or `*` for actions without any. */
  readonly resource: string;
  /** The account that owns the resource (the ARN's account, or the home account when the ARN has none). */
  readonly accountId: string;
  /** The request context; absent or empty means no key is present. */
  readonly context?: RequestContext;
}

/** iam-simulate's answer: a decision, or the reason it refused to simulate. */
export type SimulatorOutcome =
  | { readonly kind: 'decision'; readonly decision: Decision }
  | { readonly kind: 'error'; readonly reason: string };
