import type { Inventory } from '../model/inventory.js';
import type { Policy } from '../model/policy.js';
import type { Principal } from '../model/principal.js';
import type { ResourcePolicy } from '../model/resource.js';
import type { Catalog } from './catalog.js';
import { principalMatch } from './principal-match.js';
import { computePrincipalReach, type Guardrail, type IdentityPolicy, type PrincipalReach } from './reach.js';
import { resourcePoliciesFor } from './resource-grants.js';

/**
 * Computes each principal's reach once, on first use, from an inventory's policies. Given the index
 * of another world of the same account (a plan's other side), it takes that world's reach object
 * for every principal whose reach is made of the same objects in both: the principal, its managed
 * policies, boundary and groups, and no resource policy naming it that only one world holds.
 */
export class ReachIndex {
  private readonly principals = new Map<string, Principal>();
  private readonly policies = new Map<string, Policy>();
  private readonly resourcePolicies: readonly ResourcePolicy[];
  private readonly cache = new Map<string, PrincipalReach>();
  private readonly unboundedCache = new Map<string, PrincipalReach>();
  /** The resource policies one world holds and the other does not (by object), once a principal asks. */
  private unshared?: readonly ResourcePolicy[];

  constructor(
    private readonly catalog: Catalog,
    inventory: Inventory,
    private readonly guardrails: readonly Guardrail[] = [],
    private readonly other?: ReachIndex,
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
    const reach = this.sharingWith(principal)?.reachOf(arn) ?? this.compute(principal, boundary);
    this.cache.set(arn, reach);
    return reach;
  }

  /** The reach the principal would have without its permissions boundary. */
  unboundedReachOf(arn: string): PrincipalReach | undefined {
    const cached = this.unboundedCache.get(arn);
    if (cached) return cached;
    const principal = this.principals.get(arn);
    if (!principal) return undefined;
    const reach = this.sharingWith(principal)?.unboundedReachOf(arn) ?? this.compute(principal, undefined);
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

  /** The other world's index when the principal's reach is made of the same objects there as here. */
  private sharingWith(principal: Principal): ReachIndex | undefined {
    const other = this.other;
    return other && this.isSharedWith(other, principal) ? other : undefined;
  }

  private isSharedWith(other: ReachIndex, principal: Principal): boolean {
    if (other.catalog !== this.catalog || other.guardrails !== this.guardrails) return false;
    if (other.principal(principal.arn) !== principal) return false;
    const samePolicy = (arn: string) => other.managedPolicy(arn) === this.managedPolicy(arn);
    const sameGroup = (arn: string) => {
      const group = this.principals.get(arn);
      return other.principal(arn) === group && (group?.managedPolicyArns ?? []).every(samePolicy);
    };
    if (!principal.managedPolicyArns.every(samePolicy) || !principal.groupArns.every(sameGroup)) return false;
    if (principal.permissionsBoundaryArn !== undefined && !samePolicy(principal.permissionsBoundaryArn))
      return false;
    this.unshared ??= unsharedResourcePolicies(this.resourcePolicies, other.resourcePolicies);
    return (
      principal.kind === 'group' ||
      !this.unshared.some(({ policy }) =>
        policy.document.statements.some((s) => principalMatch(s, principal) !== undefined),
      )
    );
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

/**
 * The resource policies only one of two worlds holds. A principal no such policy names sees the same
 * policies in both, in the same order, unless the shared ones are ordered differently: then every
 * policy counts as unshared.
 */
function unsharedResourcePolicies(
  mine: readonly ResourcePolicy[],
  theirs: readonly ResourcePolicy[],
): readonly ResourcePolicy[] {
  const inMine = new Set(mine);
  const inTheirs = new Set(theirs);
  const sharedOfMine = mine.filter((rp) => inTheirs.has(rp));
  const sharedOfTheirs = theirs.filter((rp) => inMine.has(rp));
  if (sharedOfMine.some((rp, i) => sharedOfTheirs[i] !== rp)) return [...mine, ...theirs];
  return [...mine.filter((rp) => !inTheirs.has(rp)), ...theirs.filter((rp) => !inMine.has(rp))];
}
