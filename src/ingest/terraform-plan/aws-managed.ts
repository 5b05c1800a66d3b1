import type { Inventory } from '../../model/inventory.js';
import type { PlanModel } from '../../model/plan.js';
import type { Policy } from '../../model/policy.js';
import { type Diagnostic, diagnostic, type SourceLocation } from '../../model/source.js';
import { isAwsManagedPolicyArn } from './iam-resources.js';
import { orderDiagnostics, sortByKeys } from './ordering.js';

export type ResolveAwsManagedPolicy = (arn: string) => Promise<Policy | undefined>;

/**
 * Each AWS managed policy ARN the inventory's principals use and it does not hold yet (an account
 * snapshot holds those attached in the account), with where it is first used.
 */
function awsManagedReferences(inventory: Inventory): Map<string, SourceLocation> {
  const held = new Set(inventory.managedPolicies.map((p) => p.id));
  const references = new Map<string, SourceLocation>();
  for (const principal of inventory.principals) {
    const arns = [...principal.managedPolicyArns, principal.permissionsBoundaryArn ?? ''];
    for (const arn of arns) {
      if (isAwsManagedPolicyArn(arn) && !held.has(arn) && !references.has(arn))
        references.set(arn, principal.source);
    }
  }
  return references;
}

function withPolicies(inventory: Inventory, found: ReadonlyMap<string, Policy | undefined>): Inventory {
  const references = awsManagedReferences(inventory);
  const policies: Policy[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [arn, location] of references) {
    const policy = found.get(arn);
    if (policy !== undefined) policies.push(policy);
    else
      diagnostics.push(
        diagnostic(
          'policy.unknown-aws-managed',
          `${arn} is not a known AWS managed policy; it grants nothing here`,
          location,
        ),
      );
  }
  return {
    ...inventory,
    managedPolicies: sortByKeys([...inventory.managedPolicies, ...policies], (p) => [p.id, p.address ?? '']),
    diagnostics: orderDiagnostics([...inventory.diagnostics, ...diagnostics]),
  };
}

/** Adds the AWS managed policies one inventory's principals use and it does not hold, each looked up once. */
export async function addAwsManagedPolicies(
  inventory: Inventory,
  resolve: ResolveAwsManagedPolicy,
): Promise<Inventory> {
  const arns = [...awsManagedReferences(inventory).keys()];
  if (arns.length === 0) return inventory;
  return withPolicies(
    inventory,
    new Map(await Promise.all(arns.map(async (arn) => [arn, await resolve(arn)] as const))),
  );
}

/**
 * Adds the AWS managed policies the principals attach (or use as boundary) to each inventory, each
 * looked up once. The lookup loads a large data set, so it only runs when some ARN needs it.
 */
export async function withAwsManagedPolicies(
  model: PlanModel,
  resolve: ResolveAwsManagedPolicy,
): Promise<PlanModel> {
  const arns = [
    ...new Set([...awsManagedReferences(model.before).keys(), ...awsManagedReferences(model.after).keys()]),
  ];
  if (arns.length === 0) return model;
  const found = new Map(await Promise.all(arns.map(async (arn) => [arn, await resolve(arn)] as const)));
  const before = withPolicies(model.before, found);
  const after = withPolicies(model.after, found);
  return {
    ...model,
    before,
    after,
    diagnostics: orderDiagnostics([...model.diagnostics, ...before.diagnostics, ...after.diagnostics]),
  };
}
