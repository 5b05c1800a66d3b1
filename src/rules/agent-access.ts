import type { AgentAnalysis } from '../graph/analysis.js';
import type { ReachablePrincipal } from '../graph/closure.js';
import { memoized } from '../model/memo.js';
import type { Tags } from '../model/principal.js';
import type { ActionSet } from '../policy/action-set.js';
import { compileArnPattern, splitConcreteArn } from '../policy/arn-pattern.js';
import type { Catalog } from '../policy/catalog.js';
import { withPrincipal } from '../policy/principal-context.js';
import {
  accessOnTarget,
  accessWithinPattern,
  type Grant,
  type PrincipalReach,
  type ResourceAccess,
  type ResourceTarget,
} from '../policy/reach.js';
import type { AgentAccess } from './evidence.js';
import { type Candidate, groupAccess, type ResourceGroup } from './group-access.js';

/**
 * An agent's access to resources. Resources of one type, asked about the same actions, share one
 * set of applicable actions; the principals with a grant of any of them are sorted out once per
 * set, so judging thousands of resources costs the grants that may apply, not every principal's.
 */
class AgentAccessIndex {
  private readonly applicableSets = new Map<ActionSet, Map<ActionSet, ActionSet>>();
  private readonly candidateLists = new Map<ActionSet, readonly Candidate[]>();
  private readonly holderMaps = new Map<ActionSet, ReadonlyMap<ReachablePrincipal, readonly Grant[]>>();

  constructor(
    private readonly catalog: Catalog,
    private readonly agent: AgentAnalysis,
  ) {}

  toResource(arn: string, resourceTags: Tags, within: ActionSet): AgentAccess[] {
    const onResource = arn === '*' ? this.catalog.wildcardOnly : this.catalog.actionsOnArn(arn);
    const applicable = this.applicable(onResource, within);
    const contents = bucketContents(arn);
    const candidates = this.candidates(applicable);
    if (candidates.length === 0 && contents === undefined) return [];
    const judged = judgedOn(arn, resourceTags, within);
    const target: ResourceTarget = { parts: splitConcreteArn(arn), onResource, applicable };
    const direct = new Map<ReachablePrincipal, AgentAccess>();
    for (const { via, grants } of candidates) {
      const access = judged(via, 'resource', () =>
        accessOnTarget(via.reach, target, withPrincipal({ resourceTags }, via.principal), grants),
      );
      if (access) direct.set(via, { via, access });
    }
    if (contents === undefined) return [...direct.values()];
    const objects = compileArnPattern(contents);
    const onObjects = this.applicable(this.catalog.actionsOnPattern(objects), within);
    const holders = this.holdersOf(onObjects);
    const out: AgentAccess[] = [];
    for (const via of this.agent.principals) {
      const own = direct.get(via);
      if (own) out.push(own);
      const grants = holders.get(via);
      if (!grants) continue;
      const inside = judged(via, 'contents', () => {
        const principal = withPrincipal({}, via.principal);
        return accessWithinPattern(this.catalog, via.reach, objects, [], within, principal, grants);
      });
      if (inside) out.push({ via, access: inside });
    }
    return out;
  }

  /** {@link toResource} for every resource of a group, by position in the group. */
  toGroup(group: ResourceGroup): Map<number, readonly AgentAccess[]> {
    return groupAccess(group, this.candidates(group.applicable));
  }

  /** The actions of `onResource` within `within`: one set per pair, so candidates are shared. */
  private applicable(onResource: ActionSet, within: ActionSet): ActionSet {
    const byWithin = memoized(this.applicableSets, onResource, () => new Map());
    return memoized(byWithin, within, () => onResource.intersect(within));
  }

  /** {@link candidates} by principal, one map per set. */
  private holdersOf(applicable: ActionSet): ReadonlyMap<ReachablePrincipal, readonly Grant[]> {
    return memoized(
      this.holderMaps,
      applicable,
      () => new Map(this.candidates(applicable).map((c) => [c.via, c.grants])),
    );
  }

  private candidates(applicable: ActionSet): readonly Candidate[] {
    return memoized(this.candidateLists, applicable, () =>
      applicable.isEmpty()
        ? []
        : this.agent.principals.flatMap((via) => {
            const grants = via.reach.grants.filter((g) => g.actions.intersects(applicable));
            return grants.length > 0 ? [{ via, grants }] : [];
          }),
    );
  }
}

/**
 * A principal's access to one resource (with its tags, within a set of actions), or to its contents,
 * judged once however many agents act as the principal: the answer depends on the principal and its
 * reach, never on the way an agent reaches it. Kept by the reach: a reach is computed for one
 * principal (ReachIndex), so it stands for the principal.
 */
type Judged = (
  via: ReachablePrincipal,
  part: 'resource' | 'contents',
  judge: () => ResourceAccess | undefined,
) => ResourceAccess | undefined;

const judgedAccess = new WeakMap<PrincipalReach, Map<string, ResourceAccess | null>>();
const objectIds = new WeakMap<object, number>();
let objectCount = 0;

function judgedOn(arn: string, resourceTags: Tags, within: ActionSet): Judged {
  const key = `${idOf(within)} ${idOf(resourceTags)} ${arn}`;
  const keys = { resource: `resource ${key}`, contents: `contents ${key}` };
  return (via, part, judge) => {
    const byResource = memoized(judgedAccess, via.reach, () => new Map());
    return memoized(byResource, keys[part], () => judge() ?? null) ?? undefined;
  };
}

/** A number naming an object by identity, for keys that hold several objects. */
function idOf(object: object): number {
  return memoized(objectIds, object, () => objectCount++);
}

const indexes = new WeakMap<AgentAnalysis, AgentAccessIndex>();

function accessIndexOf(catalog: Catalog, agent: AgentAnalysis): AgentAccessIndex {
  return memoized(indexes, agent, () => new AgentAccessIndex(catalog, agent));
}

/**
 * What an agent can do to one resource (with these tags), through every principal it can act as,
 * nearest first. S3 buckets also count their objects (`<bucket>/*`): the data of a bucket lives
 * there. Pass the same `within` set for many resources (not a fresh one each time): work is shared
 * per set.
 */
export function agentAccessToResource(
  catalog: Catalog,
  agent: AgentAnalysis,
  arn: string,
  resourceTags: Tags,
  within: ActionSet = catalog.all,
): AgentAccess[] {
  return accessIndexOf(catalog, agent).toResource(arn, resourceTags, within);
}

/** {@link agentAccessToResource} for every resource of a group, by index into the group. */
export function agentAccessToGroup(
  catalog: Catalog,
  agent: AgentAnalysis,
  group: ResourceGroup,
): Map<number, readonly AgentAccess[]> {
  return accessIndexOf(catalog, agent).toGroup(group);
}

/** True when judging the resource by name also judges its contents (an S3 bucket's objects). */
export function hasContents(arn: string): boolean {
  return bucketContents(arn) !== undefined;
}

/**
 * What an agent can do to the resources an ARN pattern describes, through every principal. Grants
 * that reach only `excluded` resources (already judged by name) do not count.
 */
export function agentAccessWithinPattern(
  catalog: Catalog,
  agent: AgentAnalysis,
  pattern: string,
  excluded: readonly string[] = [],
  within: ActionSet = catalog.all,
): AgentAccess[] {
  const compiled = compileArnPattern(pattern);
  const skip = excluded.map(compileArnPattern);
  return agent.principals.flatMap((via) => {
    const principal = withPrincipal({}, via.principal);
    const access = accessWithinPattern(catalog, via.reach, compiled, skip, within, principal);
    return access ? [{ via, access }] : [];
  });
}

/** The resource itself and, for an S3 bucket, its objects: what judging a resource by name covers. */
export function resourceAndContents(arn: string): string[] {
  const contents = bucketContents(arn);
  return contents ? [arn, contents] : [arn];
}

function bucketContents(arn: string): string | undefined {
  return arn.startsWith('arn:') && arn.split(':')[2] === 's3' && !arn.includes('/') ? `${arn}/*` : undefined;
}
