import type { Inventory } from '../../model/inventory.js';
import type { SourceLocation } from '../../model/source.js';
import { buildIam } from './iam-resources.js';
import type { Instance } from './instances.js';
import { orderDiagnostics, sortByKeys } from './ordering.js';
import type { PlanContext } from './plan-context.js';
import type { RawPlan } from './plan-schema.js';
import { createPolicyReader } from './policy-documents.js';
import { buildResourcePolicies } from './resource-policies.js';
import { withRunsAs } from './runs-as.js';
import { createWorldContext } from './world.js';

/**
 * The inventory of one world. Only the "after" world follows configuration references: before the
 * plan every value is known from state.
 */
export function buildInventory(
  plan: RawPlan,
  instances: readonly Instance[],
  context: PlanContext,
  file: string,
  isAfter: boolean,
  locate?: (path: string) => SourceLocation | undefined,
): Inventory {
  const world = createWorldContext(plan, instances, context, file, isAfter, locate);
  const reader = createPolicyReader(world);
  const iam = buildIam(world, reader);
  const resourcePolicies = buildResourcePolicies(world, reader);
  const resources = withRunsAs(world);
  return {
    principals: sortByKeys(iam.principals, (p) => [p.arn, p.address ?? '']),
    managedPolicies: sortByKeys(iam.managedPolicies, (p) => [p.id, p.address ?? '']),
    resources: sortByKeys(resources, (r) => [r.arn, r.address ?? '']),
    resourcePolicies: sortByKeys(resourcePolicies, (rp) => [rp.resourceArn, rp.policy.id]),
    accountIds: context.accountIds,
    diagnostics: orderDiagnostics(world.diagnostics),
  };
}
