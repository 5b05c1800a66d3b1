import { MultiDirectedGraph } from 'graphology';
import type { Agent } from '../model/agent.js';
import type { Inventory } from '../model/inventory.js';
import { compareText } from '../model/order.js';
import type { Catalog } from '../policy/catalog.js';
import type { ReachIndex } from '../policy/reach-index.js';
import { addActsAsEdges } from './edges/acts-as.js';
import { AssumeChecks, addCanAssumeEdges, sourceLookup, trustsAwsPrincipals } from './edges/can-assume.js';
import { addEscalationEdges } from './edges/escalation.js';
import { addMemberOfEdges } from './edges/member-of.js';
import { escalationContext } from './escalation/context.js';
import { agentKey, type PermissionGraph, principalKey } from './schema.js';

/**
 * The permission graph: agents and principals as nodes; acts-as, member-of, can-assume, can-pass-role
 * and can-escalate edges with their evidence. Nodes and edges are added in sorted order so traversals are deterministic.
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
  for (const user of principals.filter((p) => p.kind === 'user')) addMemberOfEdges(graph, user);
  const workloads = inventory.resources
    .filter((r) => (r.runsAs?.length ?? 0) > 0 || r.type === 'aws_iam_instance_profile')
    .sort((a, b) => compareText(a.arn, b.arn));
  const ctx = escalationContext(catalog, index, principals, workloads);
  const assumable = principals.filter((p) => p.kind === 'role' && trustsAwsPrincipals(p));
  const sources = sourceLookup(principals.filter((p) => p.kind !== 'group'));
  const checks = new AssumeChecks(catalog, index, ctx.requests);
  addCanAssumeEdges(graph, checks, assumable, sources);
  addEscalationEdges(graph, ctx);
  return graph;
}
