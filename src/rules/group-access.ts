import type { ReachablePrincipal } from '../graph/closure.js';
import { memoized } from '../model/memo.js';
import { compareText } from '../model/order.js';
import type { ConditionMap } from '../model/policy.js';
import type { Tags } from '../model/principal.js';
import type { ActionSet } from '../policy/action-set.js';
import { splitConcreteArn } from '../policy/arn-pattern.js';
import { withPrincipal } from '../policy/principal-context.js';
import {
  accessOnTarget,
  type Grant,
  type PrincipalReach,
  type ResourceAccess,
  type ResourceTarget,
} from '../policy/reach.js';
import type { ArnList } from '../policy/request-index.js';
import type { ResourceScope } from '../policy/resource-scope.js';
import type { AgentAccess } from './evidence.js';

/** Resources (not S3 buckets) of one type, asked about the same actions: `arns` lists their ARNs in order. */
export interface ResourceGroup {
  readonly onResource: ActionSet;
  readonly applicable: ActionSet;
  readonly resources: readonly { readonly arn: string; readonly tags: Tags }[];
  readonly arns: ArnList;
}

/** A principal the agent can act as, with those of its grants that may apply to some resources. */
export interface Candidate {
  readonly via: ReachablePrincipal;
  readonly grants: readonly Grant[];
}

/**
 * Each candidate's access to every resource of a group, by position in the group, nearest
 * candidate first: exactly what accessOnTarget says of each candidate and resource, found by
 * matching each grant's scope against the group's ARNs rather than each resource against every
 * grant. Most grants and Denies take in every resource of a group (`Resource: "*"`): a candidate's
 * access through those is the same for every resource of one kind (see {@link resourceKinds}), so it
 * is judged once per kind, and only the candidates whose narrower grants name a resource are
 * judged on that resource. Resources of one kind that no narrower grant names share one list.
 */
export function groupAccess(
  group: ResourceGroup,
  candidates: readonly Candidate[],
): Map<number, readonly AgentAccess[]> {
  const holders = candidates.map((candidate) => groupHolder(group, candidate));
  const kinds = resourceKinds(group, holders);
  const narrowHolders = narrowHoldersByPosition(holders);
  const judge = judgeOn(group);
  const kindAccess = kindAccessOf(holders, judge);
  const out = new Map<number, readonly AgentAccess[]>();
  const reached = holders.some((h) => h.holding.universal.length > 0)
    ? group.resources.map((_, i) => i)
    : [...narrowHolders.keys()].sort((a, b) => a - b);
  // resources of one kind named by the same narrower grants share one list
  const lists = new Map<string, readonly AgentAccess[]>();
  for (const i of reached) {
    const kind = kinds.of(i);
    const shared = kindAccess(kind, i);
    const narrow = narrowHolders.get(i);
    if (!narrow) {
      if (shared.accesses.length > 0) out.set(i, shared.accesses);
      continue;
    }
    const narrowKeys = narrow.map((h) => holders[h]?.holding.narrowKey(i) ?? '');
    const key = `${kind}#${narrow.map((h, n) => `${h}:${narrowKeys[n]}`).join(';')}`;
    const accesses = memoized(lists, key, () =>
      withNarrow(shared, narrow, (h, n) => {
        const holder = holders[h] as GroupHolder;
        return judge(holder, i, `${narrowKeys[n]}|`, holder.holding.grantsAt(i));
      }),
    );
    if (accesses.length > 0) out.set(i, accesses);
  }
  return out;
}

/**
 * A candidate's access, through some of its grants (`grants`, named by `key` among its grant sets
 * on the group), to the resource at a position of the group: judged once per principal, grant set
 * and kind of resource as the principal tells them apart, for every agent that acts as it.
 */
type Judge = (
  holder: GroupHolder,
  i: number,
  key: string,
  grants: readonly Grant[],
) => readonly AgentAccess[];

function judgeOn(group: ResourceGroup): Judge {
  return (holder, i, key, grants) => {
    const resource = group.resources[i];
    if (grants.length === 0 || !resource) return [];
    const { via, holding } = holder;
    const access = holding.judged(`${key}${holding.kindOf(i)}`, () => {
      const target: ResourceTarget = {
        parts: splitConcreteArn(resource.arn),
        onResource: group.onResource,
        applicable: group.applicable,
      };
      const context = withPrincipal({ resourceTags: resource.tags }, via.principal);
      return accessOnTarget(via.reach, target, context, grants);
    });
    return access ? holder.asAgentAccess(access) : [];
  };
}

/** Candidate positions (ascending) by the positions of the resources their narrower grants name. */
function narrowHoldersByPosition(holders: readonly GroupHolder[]): Map<number, number[]> {
  const byPosition = new Map<number, number[]>();
  holders.forEach((holder, h) => {
    for (const i of holder.holding.narrowPositions) {
      const at = byPosition.get(i);
      if (at) at.push(h);
      else byPosition.set(i, [h]);
    }
  });
  return byPosition;
}

/** Every candidate's access through its universal grants to a kind of resource, judged on its first resource, once. */
function kindAccessOf(
  holders: readonly GroupHolder[],
  judge: Judge,
): (kind: string, i: number) => KindAccess {
  const byKind = new Map<string, KindAccess>();
  return (kind, i) =>
    memoized(byKind, kind, () => {
      const accesses: AgentAccess[] = [];
      const holderOf: number[] = [];
      holders.forEach((holder, h) => {
        for (const access of judge(holder, i, 'universal|', holder.holding.universal)) {
          accesses.push(access);
          holderOf.push(h);
        }
      });
      return { accesses, holderOf };
    });
}

/** The accesses through universal grants to resources of one kind, with the candidate each comes from. */
interface KindAccess {
  readonly accesses: readonly AgentAccess[];
  /** Ascending candidate positions, one per access. */
  readonly holderOf: readonly number[];
}

/** The kind's accesses with those of the candidates `narrow` (ascending) judged on the resource itself. */
function withNarrow(
  shared: KindAccess,
  narrow: readonly number[],
  judged: (h: number, n: number) => readonly AgentAccess[],
): AgentAccess[] {
  const parts: (readonly AgentAccess[])[] = [];
  let from = 0;
  for (const [n, h] of narrow.entries()) {
    const at = firstAtLeast(shared.holderOf, h, from);
    parts.push(shared.accesses.slice(from, at), judged(h, n));
    from = shared.holderOf[at] === h ? at + 1 : at;
  }
  parts.push(shared.accesses.slice(from));
  return parts.flat();
}

/** The first index from `from` whose value is at least `value`, in an ascending list. */
function firstAtLeast(sorted: readonly number[], value: number, from: number): number {
  let low = from;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A candidate of one agent: the principal's holding on the group, and the agent's way to it. */
interface GroupHolder {
  readonly via: ReachablePrincipal;
  readonly holding: GroupHolding;
  /** The access as this agent's, one object per access. */
  asAgentAccess(access: ResourceAccess): readonly AgentAccess[];
}

function groupHolder(group: ResourceGroup, { via, grants }: Candidate): GroupHolder {
  const holding = holdingOf(group, via, grants);
  const mine = new Map<ResourceAccess, readonly AgentAccess[]>();
  return {
    via,
    holding,
    asAgentAccess: (access) => memoized(mine, access, () => [{ via, access }]),
  };
}

/**
 * A principal's grants and Denies on a group, sorted by the resources they take in, and its access
 * as judged so far: the same for every agent that acts as the principal.
 */
interface GroupHolding {
  /** The candidate grants it was made from (a principal's grants on the group's actions). */
  readonly grants: readonly Grant[];
  /** Grants that take in every resource of the group, in the candidate's order. */
  readonly universal: readonly Grant[];
  /** By position, which of its Denies that take in some of the group's resources only take it in (ids, as a string). */
  readonly deniedAt: ReadonlyMap<number, string>;
  /** Positions some narrower grant takes in. */
  readonly narrowPositions: readonly number[];
  /** True when a condition of its grants or Denies tests the resource's tags. */
  readonly readsTags: boolean;
  /** The grants on the resource at a narrow position, in the candidate's order (one list per narrowKey). */
  grantsAt(i: number): readonly Grant[];
  /** Which of its narrower grants name the resource at a narrow position, as a string. */
  narrowKey(i: number): string;
  /** The kind of the resource at a position as this principal's grants see it: its narrower Denies on it, and its tags when they are read. */
  kindOf(i: number): string;
  /** Its access, judged once per `key`: which grants, and the resource's kind. */
  judged(key: string, judge: () => ResourceAccess | undefined): ResourceAccess | undefined;
}

const holdings = new WeakMap<ResourceGroup, WeakMap<PrincipalReach, GroupHolding>>();

/**
 * The principal's holding on the group, made once while its candidate grants stay the same. Kept by
 * its reach: a reach is computed for one principal (ReachIndex), so it stands for the principal.
 */
function holdingOf(group: ResourceGroup, via: ReachablePrincipal, grants: readonly Grant[]): GroupHolding {
  const byReach = memoized(holdings, group, () => new WeakMap());
  let holding = byReach.get(via.reach);
  if (!holding || !sameItems(holding.grants, grants)) {
    holding = makeHolding(group, via.reach, grants);
    byReach.set(via.reach, holding);
  }
  return holding;
}

function makeHolding(group: ResourceGroup, reach: PrincipalReach, grants: readonly Grant[]): GroupHolding {
  const universal: Grant[] = [];
  const narrow = new Map<number, number[]>();
  grants.forEach((grant, g) => {
    const positions = matchingEvery(group, grant.scopes);
    if (positions === undefined) universal.push(grant);
    else
      for (const i of positions) {
        const held = narrow.get(i);
        if (held) held.push(g);
        else narrow.set(i, [g]);
      }
  });
  // the Denies accessOnTarget may apply: every unconditional one, a conditional one when the context settles it
  const denies = [
    ...reach.denies,
    ...reach.conditionalDenies.filter((deny) => !deny.dependsOnRequest && deny.condition !== undefined),
  ].filter((deny) => deny.actions.intersects(group.applicable));
  const deniedAt = new Map<number, string>();
  denies.forEach((deny, d) => {
    for (const i of group.arns.matchingScope(deny.scope) ?? []) {
      const ids = deniedAt.get(i);
      deniedAt.set(i, ids === undefined ? `${d}` : `${ids},${d}`);
    }
  });
  const readsTags =
    grants.some((g) => g.conditions.some(readsResourceTags)) ||
    denies.some((d) => d.condition !== undefined && readsResourceTags(d.condition));
  const inUniversal = new Set(universal);
  const narrowKeys = new Map([...narrow].map(([i, held]) => [i, held.join(',')]));
  const grantsByKey = new Map<string, readonly Grant[]>();
  const judged = new Map<string, ResourceAccess | null>();
  return {
    grants,
    universal,
    deniedAt,
    narrowPositions: [...narrow.keys()],
    readsTags,
    grantsAt(i) {
      return memoized(grantsByKey, narrowKeys.get(i) ?? '', () => {
        const named = new Set(narrow.get(i));
        return grants.filter((grant, g) => inUniversal.has(grant) || named.has(g));
      });
    },
    narrowKey: (i) => narrowKeys.get(i) ?? '',
    kindOf: (i) => `${deniedAt.get(i) ?? ''}|${readsTags ? tagsKeyAt(group, i) : ''}`,
    judged: (key, judge) => memoized(judged, key, () => judge() ?? null) ?? undefined,
  };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((item, i) => item === b[i]));
}

/** Positions of the group's resources every scope matches; undefined when that is every resource. */
function matchingEvery(
  group: ResourceGroup,
  scopes: readonly ResourceScope[],
): readonly number[] | undefined {
  // a scope that takes in every resource narrows nothing
  const [first, ...rest] = scopes.flatMap((scope) => {
    const hits = group.arns.matchingScope(scope);
    return hits ? [hits] : [];
  });
  if (!first) return undefined;
  const others = rest.map((hits) => new Set(hits));
  return first.filter((i) => others.every((set) => set.has(i)));
}

/**
 * The group's resources sorted into kinds, as far as the candidates' universal grants can tell them
 * apart: by which of each candidate's narrower Denies take each in, and by its tags when some
 * condition reads them.
 */
function resourceKinds(group: ResourceGroup, holders: readonly GroupHolder[]): { of(i: number): string } {
  const deniedBy = new Map<number, string[]>();
  holders.forEach(({ holding }, h) => {
    for (const [i, denies] of holding.deniedAt) {
      const by = deniedBy.get(i);
      if (by) by.push(`${h}:${denies}`);
      else deniedBy.set(i, [`${h}:${denies}`]);
    }
  });
  const readsTags = holders.some((h) => h.holding.readsTags);
  return {
    of: (i) => `${deniedBy.get(i)?.join(';') ?? ''}|${readsTags ? tagsKeyAt(group, i) : ''}`,
  };
}

const groupTagKeys = new WeakMap<ResourceGroup, string[]>();

/** The tags of the resource at a position, as a key, made once per group and position. */
function tagsKeyAt(group: ResourceGroup, i: number): string {
  const keys = memoized(groupTagKeys, group, () => []);
  let key = keys[i];
  if (key === undefined) {
    key = tagsKey(group.resources[i]?.tags ?? {});
    keys[i] = key;
  }
  return key;
}

function tagsKey(tags: Tags): string {
  return JSON.stringify(Object.entries(tags).sort(([a], [b]) => compareText(a, b)));
}

const tagReading = new WeakMap<ConditionMap, boolean>();

/** True when a condition tests a resource tag, as a key or through a policy variable. */
function readsResourceTags(condition: ConditionMap): boolean {
  return memoized(tagReading, condition, () => /(?:aws|ec2):resourcetag\//i.test(JSON.stringify(condition)));
}
