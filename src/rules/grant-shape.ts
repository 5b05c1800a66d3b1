import { memoized } from '../model/memo.js';
import type { ConditionMap } from '../model/policy.js';
import type { ActionSet } from '../policy/action-set.js';
import type { Grant } from '../policy/reach.js';
import type { ResourceScope } from '../policy/resource-scope.js';

const UNCONDITIONAL: ConditionMap = {};

/**
 * `judge` remembered per grant shape: the principals that hold one policy statement hold grants
 * made of the same action set, scope and condition objects, so a question about a grant that
 * depends only on those is answered once for all of them. Grants of other shapes (several scopes
 * or conditions, after a boundary) are judged each time.
 */
export function byGrantShape<T>(judge: (grant: Grant) => T): (grant: Grant) => T {
  const known = new Map<ActionSet, Map<ResourceScope, Map<ConditionMap, T>>>();
  return (grant) => {
    const [scope, ...moreScopes] = grant.scopes;
    const [condition = UNCONDITIONAL, ...moreConditions] = grant.conditions;
    if (scope === undefined || moreScopes.length > 0 || moreConditions.length > 0) return judge(grant);
    const byScope = memoized(known, grant.actions, () => new Map());
    const byCondition = memoized(byScope, scope, () => new Map());
    // an answer may be undefined, so whether one is known is asked of the map
    if (byCondition.has(condition)) return byCondition.get(condition) as T;
    const answer = judge(grant);
    byCondition.set(condition, answer);
    return answer;
  };
}
