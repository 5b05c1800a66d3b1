/** The parts of a generated `get-account-authorization-details` snapshot the benchmark reads itself. */

export interface AttachedPolicy {
  readonly PolicyArn: string;
}

export interface InlinePolicy {
  readonly PolicyName: string;
  readonly PolicyDocument: unknown;
}

export interface RoleDetail {
  readonly Arn: string;
  readonly RolePolicyList: readonly InlinePolicy[];
  readonly AttachedManagedPolicies: readonly AttachedPolicy[];
  readonly PermissionsBoundary?: { readonly PermissionsBoundaryArn: string };
}

export interface UserDetail {
  readonly Arn: string;
  readonly GroupList: readonly string[];
  readonly UserPolicyList: readonly InlinePolicy[];
  readonly AttachedManagedPolicies: readonly AttachedPolicy[];
  readonly PermissionsBoundary?: { readonly PermissionsBoundaryArn: string };
}

export interface GroupDetail {
  readonly GroupName: string;
  readonly GroupPolicyList: readonly InlinePolicy[];
  readonly AttachedManagedPolicies: readonly AttachedPolicy[];
}

export interface ManagedPolicyDetail {
  readonly Arn: string;
  readonly PolicyVersionList: readonly { readonly Document: unknown; readonly IsDefaultVersion: boolean }[];
}

export interface Snapshot {
  readonly RoleDetailList: readonly RoleDetail[];
  readonly UserDetailList: readonly UserDetail[];
  readonly GroupDetailList: readonly GroupDetail[];
  readonly Policies: readonly ManagedPolicyDetail[];
}

/** What the results table says about an account's size. */
export interface SnapshotCounts {
  readonly roles: number;
  /** Roles, users and groups: the inventory's principals. */
  readonly principals: number;
  /** Managed policies attached to roles, users and groups. */
  readonly attachments: number;
  readonly customerPolicies: number;
}

/** The generator writes exactly this shape; the benchmark trusts it instead of validating it again. */
export function asSnapshot(json: unknown): Snapshot {
  return json as Snapshot;
}

export function snapshotCounts(snapshot: Snapshot): SnapshotCounts {
  const holders = [...snapshot.RoleDetailList, ...snapshot.UserDetailList, ...snapshot.GroupDetailList];
  return {
    roles: snapshot.RoleDetailList.length,
    principals: holders.length,
    attachments: holders.reduce((sum, p) => sum + p.AttachedManagedPolicies.length, 0),
    customerPolicies: snapshot.Policies.length,
  };
}
