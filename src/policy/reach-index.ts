import type { Inventory } from '../model/inventory.js';
import type { Policy } from '../model/policy.js';
import type { Principal } from '../model/principal.js';
import type { Catalog } from './catalog.js';
import { computePrincipalReach, type Guardrail, type IdentityPolicy, type PrincipalReach } from './reach.js';

/** Computes each principal's reach once, on first use, from an inventory's policies. */
export class ReachIndex {
  private readonly principals = new Map<string, Principal>();
  private readonly policies = new Map<string, Policy>();
  private readonly cache = new Map<string, PrincipalReach>();

  constructor(
    private readonly catalog: Catalog,
    inventory: Inventory,
    private readonly guardrails: readonly Guardrail[] = [],
  ) {
    for (const p of inventory.principals) this.principals.set(p.arn, p);
    for (const p of inventory.managedPolicies) if (p.arn) this.policies.set(p.arn, p);
  }

  principal(arn: string): Principal | undefined {
    return this.principals.get(arn);
  }

  reachOf(arn: string): PrincipalReach | undefined {
    const cached = this.cache.get(arn);
    if (cached) return cached;
    const principal = this.principals.get(arn);
    if (!principal || principal.kind === 'group') return undefined;
    const boundary = principal.permissionsBoundaryArn
      ? this.policies.get(principal.permissionsBoundaryArn)
      : undefined;
    const reach = computePrincipalReach(this.catalog, {
      principalArn: arn,
      policies: this.identityPolicies(principal),
      ...(boundary ? { boundary: { policies: [boundary] } } : {}),
      guardrails: this.guardrails,
    });
    this.cache.set(arn, reach);
    return reach;
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

  private attached(principal: Principal): Policy[] {
    const managed = principal.managedPolicyArns.flatMap((arn) => {
      const policy = this.policies.get(arn);
      return policy ? [policy] : [];
    });
    return [...principal.inlinePolicies, ...managed];
  }
}
