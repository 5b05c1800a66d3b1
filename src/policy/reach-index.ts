import type { Inventory } from '../model/inventory.js';
import type { Policy } from '../model/policy.js';
import type { Principal } from '../model/principal.js';
import type { ResourcePolicy } from '../model/resource.js';
import type { Catalog } from './catalog.js';
import { computePrincipalReach, type Guardrail, type IdentityPolicy, type PrincipalReach } from './reach.js';
import { resourcePoliciesFor } from './resource-grants.js';

/** Computes each principal's reach once, on first use, from an inventory's policies. */
export class ReachIndex {
  private readonly principals = new Map<string, Principal>();
  private readonly policies = new Map<string, Policy>();
  private readonly resourcePolicies: readonly ResourcePolicy[];
  private readonly cache = new Map<string, PrincipalReach>();
  private readonly unboundedCache = new Map<string, PrincipalReach>();

  constructor(
    private readonly catalog: Catalog,
    inventory: Inventory,
    private readonly guardrails: readonly Guardrail[] = [],
  ) {
    for (const p of inventory.principals) this.principals.set(p.arn, p);
    for (const p of inventory.managedPolicies) if (p.arn) this.policies.set(p.arn, p);
    this.resourcePolicies = inventory.resourcePolicies;
  }

  principal(arn: string): Principal | undefined {
    return this.principals.get(arn);
  }

  managedPolicy(arn: string): Policy | undefined {
    return this.policies.get(arn);
  }

  /**
   * A user's or role's reach; a group's is what its policies grant a member (reached only by an
   * escalation that adds a user to it).
   */
  reachOf(arn: string): PrincipalReach | undefined {
    const cached = this.cache.get(arn);
    if (cached) return cached;
    const principal = this.principals.get(arn);
    if (!principal) return undefined;
    const boundary = principal.permissionsBoundaryArn
      ? this.policies.get(principal.permissionsBoundaryArn)
      : undefined;
    const reach = this.compute(principal, boundary);
    this.cache.set(arn, reach);
    return reach;
  }

  /** The reach the principal would have without its permissions boundary. */
  unboundedReachOf(arn: string): PrincipalReach | undefined {
    const cached = this.unboundedCache.get(arn);
    if (cached) return cached;
    const principal = this.principals.get(arn);
    if (!principal) return undefined;
    const reach = this.compute(principal, undefined);
    this.unboundedCache.set(arn, reach);
    return reach;
  }

  private compute(principal: Principal, boundary: Policy | undefined): PrincipalReach {
    return computePrincipalReach(this.catalog, {
      principalArn: principal.arn,
      policies: this.identityPolicies(principal),
      resourcePolicies:
        principal.kind === 'group' ? [] : resourcePoliciesFor(principal, this.resourcePolicies),
      ...(boundary ? { boundary: { policies: [boundary] } } : {}),
      guardrails: this.guardrails,
    });
  }

  /** The principal's inline and attached policies, then those of each group it belongs to. */
  identityPolicies(principal: Principal): IdentityPolicy[] {
    const own = this.attached(principal).map((policy) => ({ policy }));
    const viaGroups = principal.groupArns.flatMap((groupArn) => {
      const group = this.principals.get(groupArn);
      return group ? this.attached(group).map((policy) => ({ policy, viaGroup: groupArn })) : [];
    });
    return [...own, ...viaGroups];
  }

  /** The principal's own inline policies and attached managed policies (not its groups'). */
  attached(principal: Principal): Policy[] {
    const managed = principal.managedPolicyArns.flatMap((arn) => {
      const policy = this.policies.get(arn);
      return policy ? [policy] : [];
    });
    return [...principal.inlinePolicies, ...managed];
  }
}
