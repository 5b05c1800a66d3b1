import { MultiDirectedGraph } from 'graphology';
import type { Agent } from '../model/agent.js';
import type { Inventory } from '../model/inventory.js';
import { compareText } from '../model/order.js';
import type { Principal } from '../model/principal.js';
import type { Catalog } from '../policy/catalog.js';
import type { ReachIndex } from '../policy/reach-index.js';
import { addActsAsEdges } from './edges/acts-as.js';
import { AssumeChecks, CanAssumeEdges, sourceLookup, trustsAwsPrincipals } from './edges/can-assume.js';
import { addReachEscalations, addRewriteEscalations } from './edges/escalation.js';
import { addMemberOfEdges } from './edges/member-of.js';
import { escalationContext } from './escalation/context.js';
import { agentKey, type PermissionGraph, principalKey } from './schema.js';

/**
 * The permission graph: agents and principals as nodes; acts-as, member-of, can-assume, can-pass-role
 * and can-escalate edges with their evidence. Only principals some agent can reach have their edges
 * worked out: no other edge can explain or change what an agent reaches, and in a large account the
 * agents reach a small part of it. Each principal's edges are added in sorted order, so traversals
 * are deterministic.
 */
export function buildPermissionGraph(
  catalog: Catalog,
  inventory: Inventory,
  index: ReachIndex,
  agents: readonly Agent[],
): PermissionGraph {
  const graph: PermissionGraph = new MultiDirectedGraph();
  const principals = [...inventory.principals].sort((a, b) => compareText(a.arn, b.arn));
  for (const p of principals) {
    graph.mergeNode(principalKey(p.arn), { kind: 'principal', label: p.arn, principalKind: p.kind });
  }
  const sortedAgents = [...agents].sort((a, b) => compareText(a.name, b.name));
  for (const agent of sortedAgents)
    graph.mergeNode(agentKey(agent.name), { kind: 'agent', label: agent.name });
  for (const agent of sortedAgents) addActsAsEdges(graph, inventory, agent);
  const workloads = inventory.resources
    .filter((r) => (r.runsAs?.length ?? 0) > 0 || r.type === 'aws_iam_instance_profile')
    .sort((a, b) => compareText(a.arn, b.arn));
  const ctx = escalationContext(catalog, index, principals, workloads);
  const sources = principals.filter((p) => p.kind !== 'group');
  const canAssume = new CanAssumeEdges(
    new AssumeChecks(catalog, index, ctx.requests),
    principals.filter((p) => p.kind === 'role' && trustsAwsPrincipals(p)),
    sourceLookup(sources),
  );
  const reached = reachFromAgents(graph, sortedAgents, principals, (source) => {
    if (source.kind === 'user') addMemberOfEdges(graph, source);
    canAssume.addFrom(graph, source);
    addReachEscalations(graph, ctx, source);
  });
  addRewriteEscalations(
    graph,
    ctx,
    sources.filter((p) => reached.has(p)),
  );
  return graph;
}

/**
 * Breadth first from the agents, adds the edges out of each principal reached (`addEdgesFrom`, for
 * users and roles), and returns the principals reached.
 */
function reachFromAgents(
  graph: PermissionGraph,
  agents: readonly Agent[],
  principals: readonly Principal[],
  addEdgesFrom: (source: Principal) => void,
): Set<Principal> {
  const byKey = new Map<string, Principal[]>();
  for (const p of principals) {
    const key = principalKey(p.arn);
    const same = byKey.get(key);
    if (same) same.push(p);
    else byKey.set(key, [p]);
  }
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (node: string) => {
    if (seen.has(node)) return;
    seen.add(node);
    queue.push(node);
  };
  for (const agent of agents) graph.forEachOutNeighbor(agentKey(agent.name), visit);
  const reached = new Set<Principal>();
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] ?? '';
    for (const principal of byKey.get(node) ?? []) {
      reached.add(principal);
      if (principal.kind !== 'group') addEdgesFrom(principal);
    }
    graph.forEachOutNeighbor(node, visit);
  }
  return reached;
}
