import type { Policy } from './policy.js';
import type { SourceLocation } from './source.js';

export type PrincipalKind = 'role' | 'user' | 'group';

export type Tags = Readonly<Record<string, string>>;

/** An IAM user, group or role with everything that decides what it can do. */
export interface Principal {
  readonly kind: PrincipalKind;
  readonly arn: string;
  /** False when the ARN was synthesised because it is unknown until apply. */
  readonly arnKnown: boolean;
  readonly name: string;
  readonly path: string;
  readonly accountId: string;
  readonly address?: string;
  readonly tags: Tags;
  readonly inlinePolicies: readonly Policy[];
  /** ARNs of attached managed policies (customer or AWS managed). */
  readonly managedPolicyArns: readonly string[];
  /** Users only: ARNs of the groups the user belongs to. */
  readonly groupArns: readonly string[];
  /** Roles only: the assume-role (trust) policy. */
  readonly trustPolicy?: Policy;
  readonly permissionsBoundaryArn?: string;
  /** Roles only: the longest session, in seconds. */
  readonly maxSessionDurationSeconds?: number;
  /** Users only: whether a console password (login profile) exists. */
  readonly hasLoginProfile?: boolean;
  /** Users only: number of access keys. */
  readonly accessKeyCount?: number;
  readonly source: SourceLocation;
}
