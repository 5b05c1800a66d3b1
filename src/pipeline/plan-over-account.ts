import { isAwsManagedPolicyArn } from '../ingest/terraform-plan/iam-resources.js';
import { orderDiagnostics, sortByKeys } from '../ingest/terraform-plan/ordering.js';
import { type Inventory, UNKNOWN_ACCOUNT_ID } from '../model/inventory.js';
import { compareText } from '../model/order.js';
import type { PlanModel } from '../model/plan.js';
import type { Policy } from '../model/policy.js';
import type { Principal } from '../model/principal.js';
import { type Diagnostic, diagnostic } from '../model/source.js';

/**
 * A plan over an account snapshot: the snapshot is the world for everything the plan does not
 * manage, in both the world before the plan and the world after it; the plan wins for what it
 * manages.
 *
 * The plan manages an ARN when either of its worlds holds it (a principal, customer managed policy,
 * resource or resource policy's resource) or one of its changes names it. AWS managed policies are
 * never the plan's: it only attaches them, and the snapshot's version, where it holds one, is the
 * one in both worlds (else the bundled version the plan's reader added). For such an ARN, the before world
 * holds the plan's before and the after world the plan's after, never the snapshot's: a principal the
 * plan deletes stays deleted after it, and one it creates does not exist before it. (A role the plan
 * manages shows its refreshed `inline_policy` and `managed_policy_arns`, so policies added outside
 * Terraform are already in the plan's version.) Everything else comes from the snapshot, in both
 * worlds: roles and policies made outside Terraform, and AWS managed policies.
 *
 * A principal the plan does not declare but gives policies, attachments or memberships (a stand-in
 * without an address: `plan.principal-not-in-inputs`) is the snapshot's principal with the plan's
 * parts laid over it: the inline policies, managed policy ARNs and groups either plan world names are
 * the plan's, each world its own; the rest, and the trust policy, are the snapshot's.
 *
 * The changes are the plan's. Account ids: the plan's account first when it knows one, else the
 * snapshot's; then every other either names. Diagnostics: both, less the plan's notes of a principal
 * or policy it does not hold that the snapshot supplies.
 */
export function planOverAccount(plan: PlanModel, account: Inventory, accountFile: string): PlanModel {
  const managed = managedArns(plan);
  const parts = planParts(plan);
  const diagnostics = [
    ...withoutResolved(plan.diagnostics, account),
    ...account.diagnostics,
    ...accountMismatch(plan, account, accountFile),
  ];
  return {
    ...plan,
    before: worldOverAccount(plan.before, account, managed, parts),
    after: worldOverAccount(plan.after, account, managed, parts),
    diagnostics: orderDiagnostics(diagnostics),
  };
}

function policyArn(policy: Policy): string {
  return policy.arn ?? policy.id;
}

/** A stand-in for a principal the plan refers to but does not declare. */
function isStandIn(principal: Principal): boolean {
  return principal.address === undefined;
}

/**
 * Every ARN the plan manages: those its worlds hold (principals it declares, not stand-ins) and
 * those its changes name.
 */
function managedArns(plan: PlanModel): Set<string> {
  const arns = new Set<string>();
  for (const world of [plan.before, plan.after]) {
    for (const p of world.principals) if (!isStandIn(p)) arns.add(p.arn);
    // a plan attaches AWS managed policies but never manages one
    for (const p of world.managedPolicies) if (!isAwsManagedPolicyArn(policyArn(p))) arns.add(policyArn(p));
    for (const r of world.resources) arns.add(r.arn);
    for (const rp of world.resourcePolicies) arns.add(rp.resourceArn);
  }
  for (const change of plan.changes) {
    if (change.before) arns.add(change.before.arn);
    if (change.after) arns.add(change.after.arn);
  }
  return arns;
}

/** Of each principal the plan stands in for: the inline policy ids, managed policy and group ARNs either world names. */
interface PlanParts {
  readonly inline: Set<string>;
  readonly managed: Set<string>;
  readonly groups: Set<string>;
}

function planParts(plan: PlanModel): Map<string, PlanParts> {
  const parts = new Map<string, PlanParts>();
  for (const world of [plan.before, plan.after]) {
    for (const p of world.principals) {
      if (!isStandIn(p)) continue;
      const entry = parts.get(p.arn) ?? { inline: new Set(), managed: new Set(), groups: new Set() };
      for (const policy of p.inlinePolicies) entry.inline.add(policy.id);
      for (const arn of p.managedPolicyArns) entry.managed.add(arn);
      for (const arn of p.groupArns) entry.groups.add(arn);
      parts.set(p.arn, entry);
    }
  }
  return parts;
}

/** The snapshot's principal with the plan's parts of it (those of this world: `standIn`) laid over. */
function overlay(snapshot: Principal, parts: PlanParts, standIn: Principal | undefined): Principal {
  const merged = (own: readonly string[], planned: ReadonlySet<string>, added: readonly string[] = []) =>
    [...new Set([...own.filter((arn) => !planned.has(arn)), ...added])].sort(compareText);
  return {
    ...snapshot,
    inlinePolicies: sortByKeys(
      [...snapshot.inlinePolicies.filter((p) => !parts.inline.has(p.id)), ...(standIn?.inlinePolicies ?? [])],
      (p) => [p.id],
    ),
    managedPolicyArns: merged(snapshot.managedPolicyArns, parts.managed, standIn?.managedPolicyArns),
    groupArns: merged(snapshot.groupArns, parts.groups, standIn?.groupArns),
  };
}

function worldOverAccount(
  world: Inventory,
  account: Inventory,
  managed: ReadonlySet<string>,
  parts: ReadonlyMap<string, PlanParts>,
): Inventory {
  const unmanaged = <T>(items: readonly T[], arnOf: (item: T) => string) =>
    items.filter((item) => !managed.has(arnOf(item)));
  const standIns = new Map(world.principals.filter(isStandIn).map((p) => [p.arn, p]));
  const fromAccount = unmanaged(account.principals, (p) => p.arn).map((p) => {
    const planned = parts.get(p.arn);
    return planned === undefined ? p : overlay(p, planned, standIns.get(p.arn));
  });
  const inAccount = new Set(fromAccount.map((p) => p.arn));
  // an AWS managed policy the plan attaches is the snapshot's version in both worlds when it holds one
  const inSnapshot = new Set(account.managedPolicies.map(policyArn));
  const fromPlan = world.principals.filter((p) => !(isStandIn(p) && inAccount.has(p.arn)));
  return {
    principals: sortByKeys([...fromPlan, ...fromAccount], (p) => [p.arn, p.address ?? '']),
    managedPolicies: sortByKeys(
      [
        ...world.managedPolicies.filter(
          (p) => !(isAwsManagedPolicyArn(policyArn(p)) && inSnapshot.has(policyArn(p))),
        ),
        ...unmanaged(account.managedPolicies, policyArn),
      ],
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
    diagnostics: orderDiagnostics([...withoutResolved(world.diagnostics, account), ...account.diagnostics]),
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
    diagnostic(
      'account.other-account',
      `the plan is of account ${planHome} and the account snapshot of ${accountHome}; the snapshot's principals are judged as another account's`,
      { file },
    ),
  ];
}

/**
 * The plan's diagnostics without `plan.principal-not-in-inputs` and `plan.policy-not-in-inputs` for
 * what the snapshot holds: it supplies them.
 */
function withoutResolved(diagnostics: readonly Diagnostic[], account: Inventory): Diagnostic[] {
  const principals = new Set(account.principals.map((p) => `${p.kind}:${p.name}`));
  const policies = new Set(account.managedPolicies.map((p) => p.arn ?? p.id));
  return diagnostics.filter((d) => {
    const subject = d.subject;
    if (subject === undefined) return true;
    if (d.code === 'plan.principal-not-in-inputs' && subject.kind !== 'managed-policy')
      return !principals.has(`${subject.kind}:${subject.name}`);
    if (d.code === 'plan.policy-not-in-inputs' && subject.kind === 'managed-policy')
      return !policies.has(subject.arn);
    return true;
  });
}
