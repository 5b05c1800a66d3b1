import { MultiDirectedGraph } from 'graphology';
import type { Agent } from '../model/agent.js';
import type { Inventory } from '../model/inventory.js';
import { compareText } from '../model/order.js';
import type { Principal } from '../model/principal.js';
import type { Catalog } from '../policy/catalog.js';
import type { ReachIndex } from '../policy/reach-index.js';
import { ArnList, type RequestIndex } from '../policy/request-index.js';
import { addActsAsEdges } from './edges/acts-as.js';
import {
  AssumeChecks,
  addCanAssumeEdges,
  assumeCandidates,
  mayTrustByArn,
  type SourceLookup,
  sourceLookup,
  trustsAwsPrincipals,
} from './edges/can-assume.js';
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
  for (const { source, roles } of assumeTargets(assumable, sources, index, ctx.requests))
    addCanAssumeEdges(graph, checks, source, roles);
  addEscalationEdges(graph, ctx);
  return graph;
}

/**
 * Each source and the roles, in sorted order, the roles' trust policies could admit it to. A trust
 * that names an account or `*` (but no principal by ARN) admits only sources whose own
 * sts:AssumeRole grants could apply to the role: those are found per source from its grants, rather
 * than by checking every source against every such role.
 */
function* assumeTargets(
  assumable: readonly Principal[],
  sources: SourceLookup,
  index: ReachIndex,
  requests: RequestIndex,
): Generator<{ source: Principal; roles: Principal[] }> {
  const rolesBySource = new Map<Principal, number[]>();
  const add = (source: Principal, r: number) => {
    const roles = rolesBySource.get(source);
    if (roles) roles.push(r);
    else rolesBySource.set(source, [r]);
  };
  const delegating: number[] = [];
  assumable.forEach((role, r) => {
    const candidates = assumeCandidates(role, sources);
    if (candidates !== sources.all || mayTrustByArn(role)) for (const source of candidates) add(source, r);
    else delegating.push(r);
  });
  const delegatingArns = new ArnList(delegating.map((r) => assumable[r]?.arn ?? ''));
  for (const source of sources.all) {
    const positions = rolesBySource.get(source) ?? [];
    const reach = delegating.length > 0 ? index.reachOf(source.arn) : undefined;
    if (reach) {
      const found = requests.candidates(reach, ['sts:AssumeRole'], delegatingArns);
      for (const p of found ?? delegating.keys()) positions.push(delegating[p] ?? 0);
    }
    const roles: Principal[] = [];
    for (const r of positions.sort((a, b) => a - b)) {
      const role = assumable[r];
      if (role) roles.push(role);
    }
    yield { source, roles };
  }
}
