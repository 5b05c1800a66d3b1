import { type StatementRef, statementKey } from '../../model/policy.js';
import type { Principal } from '../../model/principal.js';
import type { Resource } from '../../model/resource.js';
import type { Catalog } from '../../policy/catalog.js';
import type { PrincipalReach } from '../../policy/reach.js';
import type { ReachIndex } from '../../policy/reach-index.js';
import { ArnList, RequestIndex } from '../../policy/request-index.js';

/** What escalation methods read: the catalog, every principal and workload, and each one's reach. */
export interface EscalationContext {
  readonly catalog: Catalog;
  readonly index: ReachIndex;
  /** Users, groups and roles, sorted by ARN. */
  readonly principals: readonly Principal[];
  /** Resources that run code as a role (`runsAs`) and every instance profile, even empty, sorted by ARN. */
  readonly workloads: readonly Resource[];
  /** Answers the many requests of the methods, each principal's grants of an action picked out once. */
  readonly requests: RequestIndex;
  /** The principals of each kind and the workloads, in the orders above, listed for candidate lookups. */
  readonly targets: {
    readonly role: Targets<Principal>;
    readonly user: Targets<Principal>;
    readonly group: Targets<Principal>;
    readonly workload: Targets<Resource>;
  };
}

/** Things with ARNs, in order, and their ARNs listed to find those a grant could match. */
export interface Targets<T extends { readonly arn: string }> {
  readonly items: readonly T[];
  readonly arns: ArnList;
}

export function escalationContext(
  catalog: Catalog,
  index: ReachIndex,
  principals: readonly Principal[],
  workloads: readonly Resource[],
): EscalationContext {
  const ofKind = (kind: Principal['kind']) => targetsOf(principals.filter((p) => p.kind === kind));
  return {
    catalog,
    index,
    principals,
    workloads,
    requests: new RequestIndex(catalog),
    targets: {
      role: ofKind('role'),
      user: ofKind('user'),
      group: ofKind('group'),
      workload: targetsOf(workloads),
    },
  };
}

function targetsOf<T extends { readonly arn: string }>(items: readonly T[]): Targets<T> {
  return { items, arns: new ArnList(items.map((item) => item.arn)) };
}

/**
 * The targets, in order, that some grant of one of `actions` in the reach could apply to: a
 * superset of those the methods' checks accept, so they need not check every target.
 */
export function candidateTargets<T extends { readonly arn: string }>(
  ctx: EscalationContext,
  reach: PrincipalReach,
  actions: readonly string[],
  targets: Targets<T>,
): readonly T[] {
  const positions = ctx.requests.candidates(reach, actions, targets.arns);
  if (!positions) return targets.items;
  const out: T[] = [];
  for (const p of positions) {
    const item = targets.items[p];
    if (item) out.push(item);
  }
  return out;
}

/** One escalation edge a method finds: `from` can act as (or rewrite) `to`. */
export interface EscalationEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'can-pass-role' | 'can-escalate';
  readonly method: string;
  readonly via?: string;
  readonly statements: readonly StatementRef[];
  readonly conditional: boolean;
  readonly rewrite?: 'any-permission' | 'boundary';
}

/** Which ARNs a check may accept: `has` is false only for an ARN the check surely rejects. */
export interface ArnFilter {
  has(arn: string): boolean;
}

const EVERY_ARN: ArnFilter = { has: () => true };

/**
 * The ARNs of `targets` that some grant of one of `actions` in the reach could apply to, as a
 * filter that lets through every ARN the list does not hold.
 */
export function candidateArns<T extends { readonly arn: string }>(
  ctx: EscalationContext,
  reach: PrincipalReach,
  actions: readonly string[],
  targets: Targets<T>,
): ArnFilter {
  const lists = ctx.requests.candidateLists(reach, actions, targets.arns);
  if (!lists) return EVERY_ARN;
  const cache = filterCache(targets);
  const matched = [...lists].map((positions) => cache.matched(positions));
  const { listed } = cache;
  const [only] = matched;
  if (matched.length === 1 && only) return { has: (arn) => only.has(arn) || !listed.has(arn) };
  return { has: (arn) => matched.some((arns) => arns.has(arn)) || !listed.has(arn) };
}

/**
 * Per target list: its ARNs, and the ARNs at each position list a grant's scope gives (made once
 * per scope, however many principals hold the grant).
 */
class FilterCache {
  readonly listed: ReadonlySet<string>;
  private readonly byPositions = new WeakMap<readonly number[], ReadonlySet<string>>();

  constructor(private readonly targets: Targets<{ readonly arn: string }>) {
    this.listed = new Set(targets.items.map((item) => item.arn));
  }

  matched(positions: readonly number[]): ReadonlySet<string> {
    let arns = this.byPositions.get(positions);
    if (!arns) {
      arns = new Set(positions.flatMap((p) => this.targets.items[p]?.arn ?? []));
      this.byPositions.set(positions, arns);
    }
    return arns;
  }
}

const filterCaches = new WeakMap<Targets<{ readonly arn: string }>, FilterCache>();

function filterCache(targets: Targets<{ readonly arn: string }>): FilterCache {
  let cache = filterCaches.get(targets);
  if (!cache) {
    cache = new FilterCache(targets);
    filterCaches.set(targets, cache);
  }
  return cache;
}

/** The statements that let a principal make every request, or undefined when one is not allowed. */
export interface Permission {
  readonly statements: readonly StatementRef[];
  readonly conditional: boolean;
}

/**
 * Whether `reach` allows each action on its resource. `*` as the resource means "some resource of
 * the action's type": the action must be granted somewhere (creating a new function, stack …).
 */
export function permits(
  ctx: EscalationContext,
  reach: PrincipalReach,
  requests: readonly (readonly [action: string, resource: string])[],
): Permission | undefined {
  const statements: StatementRef[] = [];
  let conditional = false;
  for (const [action, resource] of requests) {
    const granted =
      resource === '*' ? grantedSomewhere(ctx, reach, action) : grantedOn(ctx, reach, action, resource);
    if (!granted) return undefined;
    statements.push(granted.statement);
    conditional ||= granted.conditional;
  }
  return { statements: uniqueRefs(statements), conditional };
}

function grantedOn(ctx: EscalationContext, reach: PrincipalReach, action: string, resource: string) {
  const decision = ctx.requests.decide(reach, action, resource);
  if (decision.decision !== 'allow') return undefined;
  return firstGrant(decision.grants);
}

function grantedSomewhere(ctx: EscalationContext, reach: PrincipalReach, action: string) {
  return firstGrant(ctx.requests.grantsOf(reach, action));
}

/** The unconditional grant if there is one, else a conditional one. */
function firstGrant(grants: readonly { statement: StatementRef; conditions: readonly unknown[] }[]) {
  const grant = grants.find((g) => g.conditions.length === 0) ?? grants[0];
  return grant ? { statement: grant.statement, conditional: grant.conditions.length > 0 } : undefined;
}

function uniqueRefs(refs: readonly StatementRef[]): StatementRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = statementKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** True when the reach holds some grant of any of the actions: a cheap filter before pairwise checks. */
export function mayUseAny(
  ctx: EscalationContext,
  reach: PrincipalReach,
  actions: readonly string[],
): boolean {
  return actions.some((a) => ctx.requests.grantsOf(reach, a).length > 0);
}
