import type { AgentAnalysis } from '../graph/analysis.js';
import type { ActionSet } from '../policy/action-set.js';
import { compileArnPattern } from '../policy/arn-pattern.js';
import type { Catalog } from '../policy/catalog.js';
import type { KnownContext } from '../policy/condition.js';
import { accessOnTarget, accessWithinPattern, resourceTarget } from '../policy/reach.js';
import type { AgentAccess } from './evidence.js';

/**
 * What an agent can do to one resource, through every principal it can act as. S3 buckets also
 * count their objects (`<bucket>/*`): the data of a bucket lives there.
 */
export function agentAccessToResource(
  catalog: Catalog,
  agent: AgentAnalysis,
  arn: string,
  context: KnownContext = {},
  within: ActionSet = catalog.all,
): AgentAccess[] {
  const contents = bucketContents(arn);
  const objects = contents === undefined ? undefined : compileArnPattern(contents);
  const target = resourceTarget(catalog, arn, within);
  const out: AgentAccess[] = [];
  for (const via of agent.principals) {
    const direct = accessOnTarget(via.reach, target, context);
    if (direct) out.push({ via, access: direct });
    if (objects) {
      const inside = accessWithinPattern(catalog, via.reach, objects, [], within);
      if (inside) out.push({ via, access: inside });
    }
  }
  return out;
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
    const access = accessWithinPattern(catalog, via.reach, compiled, skip, within);
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

/** The accesses restricted to some actions, dropping those left empty. */
export function restrictAccess(accesses: readonly AgentAccess[], actions: ActionSet): AgentAccess[] {
  return accesses.flatMap(({ via, access }) => {
    const kept = access.actions.intersect(actions);
    if (kept.isEmpty()) return [];
    return [
      {
        via,
        access: { ...access, actions: kept, grants: access.grants.filter((g) => g.actions.intersects(kept)) },
      },
    ];
  });
}
