import { describe, expect, it } from 'vitest';
import { ACCOUNT as BENCH_ACCOUNT, generateSnapshot } from '../../bench/generate.js';
import { type AgentAnalysis, buildAnalysis } from '../../src/graph/analysis.js';
import { principalKey } from '../../src/graph/schema.js';
import { accountSnapshotInventory } from '../../src/ingest/account-snapshot/read-account-snapshot.js';
import type { Inventory } from '../../src/model/inventory.js';
import {
  ACCOUNT,
  agentActingAs,
  allowAssume,
  configWith,
  inventoryOf,
  principal,
  trustArn,
} from '../helpers/inventory.js';
import { testCatalog } from '../helpers/policy.js';

const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** What the rules read of an agent's analysis: each principal it acts as, and how. */
function actsAs(agent: AgentAnalysis | undefined) {
  return (agent?.principals ?? []).map((p) => ({
    arn: p.principal.arn,
    path: p.path,
    conditional: p.conditional,
    escalated: p.escalated,
  }));
}

describe('the permission graph', () => {
  it('works out the edges of the principals the agents reach, and of no other', () => {
    // Given an agent's role that can assume one role, and two roles it cannot reach, one of which
    // can assume the other
    const policies = [allowAssume('*')];
    const inventory = inventoryOf([
      principal('role', 'agent', { policies }),
      principal('role', 'reached', { trust: trustArn(role('agent')) }),
      principal('role', 'elsewhere', { policies }),
      principal('role', 'beyond', { trust: trustArn(role('elsewhere')) }),
    ]);
    // When the graph is built for the agent
    const graph = buildAnalysis(
      testCatalog(),
      inventory,
      configWith([agentActingAs('bot', role('agent'))]),
    ).graph;
    // Then every principal is a node, but only the agent's way in is an edge
    expect(graph.order).toBe(5);
    expect(graph.mapEdges((_edge, attrs, from, to) => `${from} ${attrs.kind} ${to}`)).toEqual([
      `agent:bot acts-as ${principalKey(role('agent'))}`,
      `${principalKey(role('agent'))} can-assume ${principalKey(role('reached'))}`,
    ]);
  });

  it('gives each agent what the whole graph gives it (the bench account)', async () => {
    // Given the generated account, with its agents declared alone, and again beside an agent acting
    // as every other user and role (which makes every principal's edges part of the graph)
    const inventory: Inventory = await accountSnapshotInventory(generateSnapshot(120), 'generated.json');
    const benchRole = (name: string) => `arn:aws:iam::${BENCH_ACCOUNT}:role/${name}`;
    const agents = Array.from({ length: 20 }, (_, i) => agentActingAs(`agent-${i}`, benchRole(`agent-${i}`)));
    const everyone = inventory.principals
      .filter((p) => p.kind !== 'group')
      .map((p, i) => agentActingAs(`z-everyone-${i}`, p.arn));
    const catalog = testCatalog();
    const alone = buildAnalysis(catalog, inventory, configWith(agents));
    const whole = buildAnalysis(catalog, inventory, configWith([...agents, ...everyone]));
    // Then each agent acts as the same principals, by the same paths, with the same rewrites of them
    expect(whole.graph.size).toBeGreaterThan(alone.graph.size);
    const rewrites = (graph: typeof alone.graph, arn: string) =>
      graph.mapOutEdges(principalKey(arn), (_edge, attrs, _from, to) => ({ to, ...attrs }));
    for (const [i, agent] of alone.agents.entries()) {
      expect(actsAs(agent).length).toBeGreaterThan(0);
      expect(actsAs(agent)).toEqual(actsAs(whole.agents[i]));
      const identity = benchRole(`agent-${i}`);
      expect(rewrites(alone.graph, identity)).toEqual(rewrites(whole.graph, identity));
    }
  });
});
