import type { PathHop } from '../model/finding.js';
import type { Principal } from '../model/principal.js';
import type { PrincipalReach } from '../policy/reach.js';
import type { ReachIndex } from '../policy/reach-index.js';
import { explainPath, isConditionalPath } from './explain-path.js';
import { agentKey, type EdgeAttrs, type PermissionGraph } from './schema.js';

/** A principal an agent can act as, directly or by assuming roles, with the shortest explanation. */
export interface ReachablePrincipal {
  readonly principal: Principal;
  readonly reach: PrincipalReach;
  readonly path: readonly PathHop[];
  /** True when some hop of the path holds only under a condition. */
  readonly conditional: boolean;
  /** True when the path takes an escalation hop (can-pass-role or can-escalate). */
  readonly escalated: boolean;
}

/**
 * Every user or role the agent can reach in the graph (acts-as, then can-assume and escalation
 * chains), nearest first, and every group it can add itself to. The agent's effective reach is the
 * union of these principals' reach (a group it belongs to is already part of its user's reach).
 * A principal's path is the shortest of unconditional hops where there is one, so a gated way in
 * (a trust statement requiring MFA) does not hide an ungated one.
 */
export function reachablePrincipals(
  graph: PermissionGraph,
  index: ReachIndex,
  agentName: string,
): ReachablePrincipal[] {
  const source = agentKey(agentName);
  if (!graph.hasNode(source)) return [];
  const out: ReachablePrincipal[] = [];
  for (const [node, nodePath] of preferredPaths(graph, source)) {
    const attrs = graph.getNodeAttributes(node);
    if (attrs.kind !== 'principal') continue;
    const path = explainPath(graph, nodePath);
    if (attrs.principalKind === 'group' && path.at(-1)?.method !== 'iam:AddUserToGroup') continue;
    const principal = index.principal(attrs.label);
    const reach = index.reachOf(attrs.label);
    if (!principal || !reach) continue;
    out.push({
      principal,
      reach,
      path,
      conditional: isConditionalPath(graph, nodePath),
      escalated: path.some((hop) => hop.kind === 'can-pass-role' || hop.kind === 'can-escalate'),
    });
  }
  return out.sort((a, b) => a.path.length - b.path.length || (a.principal.arn < b.principal.arn ? -1 : 1));
}

/**
 * Shortest paths (node lists) from `source`, through unconditional edges where possible. Rewrite
 * edges are never followed: changing a principal's policies does not let the caller act as it.
 */
function preferredPaths(graph: PermissionGraph, source: string): Map<string, readonly string[]> {
  const paths = shortestPaths(graph, source, (edge) => !edge.conditional && edge.rewrite === undefined);
  for (const [node, path] of shortestPaths(graph, source, (edge) => edge.rewrite === undefined)) {
    if (!paths.has(node)) paths.set(node, path);
  }
  return paths;
}

/** Breadth-first shortest paths over the edges `follow` accepts, in edge insertion order. */
function shortestPaths(
  graph: PermissionGraph,
  source: string,
  follow: (edge: EdgeAttrs) => boolean,
): Map<string, readonly string[]> {
  const paths = new Map<string, readonly string[]>([[source, [source]]]);
  const queue = [source];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] ?? source;
    const path = paths.get(node) ?? [];
    graph.forEachOutEdge(node, (_edge, attrs, _from, to) => {
      if (paths.has(to) || !follow(attrs)) return;
      paths.set(to, [...path, to]);
      queue.push(to);
    });
  }
  return paths;
}
