import type { AgentAnalysis } from '../graph/analysis.js';
import type { ReachablePrincipal } from '../graph/closure.js';
import type { Catalog } from '../policy/catalog.js';
import type { Grant } from '../policy/reach.js';
import { isAnyScope } from '../policy/resource-scope.js';

/** ARNs of the principals the agent declares it acts as, and of a declared user's groups. */
export function declaredArns(agent: AgentAnalysis): Set<string> {
  return new Set(
    agent.identities.flatMap(({ principal }) => (principal ? [principal.arn, ...principal.groupArns] : [])),
  );
}

/** The agent's base: the principals it declares, as reached (the agent's own permissions). */
export function declaredPrincipals(agent: AgentAnalysis): ReachablePrincipal[] {
  const declared = declaredArns(agent);
  return agent.principals.filter((p) => declared.has(p.principal.arn));
}

export function grantsOf(principals: readonly ReachablePrincipal[]): Grant[] {
  return principals.flatMap((p) => p.reach.grants);
}

/** True when the grants allow every action on every resource, unconditionally: nothing to gain. */
export function allowsEverything(catalog: Catalog, grants: readonly Grant[]): boolean {
  let actions = catalog.none;
  for (const g of grants) {
    if (g.conditions.length === 0 && g.scopes.every(isAnyScope)) actions = actions.union(g.actions);
  }
  return actions.size() === catalog.all.size();
}
