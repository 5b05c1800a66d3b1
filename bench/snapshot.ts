/** The parts of a generated `get-account-authorization-details` snapshot the benchmark reads itself. */
import {
  type AccountSnapshotJson,
  type RoleDetail,
  snapshotSchema,
} from '../src/ingest/account-snapshot/snapshot-schema.js';

export type Snapshot = AccountSnapshotJson;
export type InlinePolicy = RoleDetail['RolePolicyList'][number];
export type AttachedPolicy = RoleDetail['AttachedManagedPolicies'][number];

export interface SnapshotCounts {
  readonly roles: number;
  /** Roles, users and groups: the inventory's principals. */
  readonly principals: number;
  /** Managed policies attached to roles, users and groups. */
  readonly attachments: number;
  readonly customerPolicies: number;
}

/** A generated snapshot, read through the same schema the account-snapshot reader checks. */
export function asSnapshot(json: unknown): Snapshot {
  return snapshotSchema.parse(json);
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
