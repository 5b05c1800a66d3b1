import { singleSource } from 'graphology-shortest-path/unweighted.js';
import type { PathHop } from '../model/finding.js';
import type { Principal } from '../model/principal.js';
import type { PrincipalReach } from '../policy/reach.js';
import type { ReachIndex } from '../policy/reach-index.js';
import { explainPath, isConditionalPath } from './explain-path.js';
import { agentKey, type PermissionGraph } from './schema.js';

/** A principal an agent can act as, directly or by assuming roles, with the shortest explanation. */
export interface ReachablePrincipal {
  readonly principal: Principal;
  readonly reach: PrincipalReach;
  readonly path: readonly PathHop[];
  /** True when some hop of the path holds only under a condition. */
  readonly conditional: boolean;
}

/**
 * Every user or role the agent can reach in the graph (acts-as, then can-assume chains), nearest
 * first. The agent's effective reach is the union of these principals' reach.
 */
export function reachablePrincipals(
  graph: PermissionGraph,
  index: ReachIndex,
  agentName: string,
): ReachablePrincipal[] {
  const source = agentKey(agentName);
  if (!graph.hasNode(source)) return [];
  const paths = singleSource(graph, source);
  const out: ReachablePrincipal[] = [];
  for (const [node, nodePath] of Object.entries(paths)) {
    const attrs = graph.getNodeAttributes(node);
    if (attrs.kind !== 'principal' || attrs.principalKind === 'group') continue;
    const principal = index.principal(attrs.label);
    const reach = index.reachOf(attrs.label);
    if (!principal || !reach) continue;
    out.push({
      principal,
      reach,
      path: explainPath(graph, nodePath),
      conditional: isConditionalPath(graph, nodePath),
    });
  }
  return out.sort((a, b) => a.path.length - b.path.length || (a.principal.arn < b.principal.arn ? -1 : 1));
}
