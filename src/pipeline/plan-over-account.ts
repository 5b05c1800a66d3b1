import { orderDiagnostics, sortByKeys } from '../ingest/terraform-plan/ordering.js';
import { type Inventory, UNKNOWN_ACCOUNT_ID } from '../model/inventory.js';
import { compareText } from '../model/order.js';
import type { PlanModel } from '../model/plan.js';
import type { Diagnostic } from '../model/source.js';

/**
 * A plan over an account snapshot: the snapshot is the world for everything the plan does not
 * manage, in both the world before the plan and the world after it; the plan wins for what it
 * manages.
 *
 * The plan manages an ARN when either of its worlds holds it (a principal, managed policy, resource
 * or resource policy's resource) or one of its changes names it. For such an ARN, the before world
 * holds the plan's before and the after world the plan's after, never the snapshot's: a principal the
 * plan deletes stays deleted after it, and one it creates does not exist before it. Everything else
 * comes from the snapshot, in both worlds: roles and policies made outside Terraform, AWS managed
 * policies the plan does not use. The changes are the plan's. Account ids: the plan's account first
 * when it knows one, else the snapshot's; then every other either names. Diagnostics: both.
 */
export function planOverAccount(plan: PlanModel, account: Inventory, accountFile: string): PlanModel {
  const managed = managedArns(plan);
  const diagnostics = [
    ...plan.diagnostics,
    ...account.diagnostics,
    ...accountMismatch(plan, account, accountFile),
  ];
  return {
    ...plan,
    before: worldOverAccount(plan.before, account, managed),
    after: worldOverAccount(plan.after, account, managed),
    diagnostics: orderDiagnostics(diagnostics),
  };
}

/** Every ARN the plan manages: those its worlds hold and those its changes name. */
function managedArns(plan: PlanModel): Set<string> {
  const arns = new Set<string>();
  for (const world of [plan.before, plan.after]) {
    for (const p of world.principals) arns.add(p.arn);
    for (const p of world.managedPolicies) arns.add(p.arn ?? p.id);
    for (const r of world.resources) arns.add(r.arn);
    for (const rp of world.resourcePolicies) arns.add(rp.resourceArn);
  }
  for (const change of plan.changes) {
    if (change.before) arns.add(change.before.arn);
    if (change.after) arns.add(change.after.arn);
  }
  return arns;
}

function worldOverAccount(world: Inventory, account: Inventory, managed: ReadonlySet<string>): Inventory {
  const unmanaged = <T>(items: readonly T[], arnOf: (item: T) => string) =>
    items.filter((item) => !managed.has(arnOf(item)));
  return {
    principals: sortByKeys([...world.principals, ...unmanaged(account.principals, (p) => p.arn)], (p) => [
      p.arn,
      p.address ?? '',
    ]),
    managedPolicies: sortByKeys(
      [...world.managedPolicies, ...unmanaged(account.managedPolicies, (p) => p.arn ?? p.id)],
      (p) => [p.id, p.address ?? ''],
    ),
    resources: sortByKeys([...world.resources, ...unmanaged(account.resources, (r) => r.arn)], (r) => [
      r.arn,
      r.address ?? '',
    ]),
    resourcePolicies: sortByKeys(
      [...world.resourcePolicies, ...unmanaged(account.resourcePolicies, (rp) => rp.resourceArn)],
      (rp) => [rp.resourceArn, rp.policy.id],
    ),
    accountIds: mergedAccountIds(world.accountIds, account.accountIds),
    diagnostics: orderDiagnostics([...world.diagnostics, ...account.diagnostics]),
  };
}

/** The plan's home account when it knows one, else the snapshot's; then every other account, sorted. */
function mergedAccountIds(plan: readonly string[], account: readonly string[]): string[] {
  const [planHome] = plan;
  const [accountHome] = account;
  const home =
    planHome !== undefined && planHome !== UNKNOWN_ACCOUNT_ID ? planHome : (accountHome ?? planHome);
  const others = [...new Set([...plan, ...account])]
    .filter((id) => id !== home && id !== UNKNOWN_ACCOUNT_ID)
    .sort(compareText);
  return home === undefined ? others : [home, ...others];
}

/** A diagnostic when the plan knows its account and the snapshot is of another one. */
function accountMismatch(plan: PlanModel, account: Inventory, file: string): Diagnostic[] {
  const [planHome] = plan.after.accountIds;
  const [accountHome] = account.accountIds;
  if (planHome === undefined || accountHome === undefined) return [];
  if (planHome === UNKNOWN_ACCOUNT_ID || planHome === accountHome) return [];
  return [
    {
      code: 'account.other-account',
      message: `the plan is of account ${planHome} and the account snapshot of ${accountHome}; the snapshot's principals are judged as another account's`,
      location: { file },
    },
  ];
}
