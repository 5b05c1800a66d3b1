import type { Agent, IdentityRef } from '../model/agent.js';
import type { Config } from '../model/config.js';
import type { Inventory } from '../model/inventory.js';
import type { Principal } from '../model/principal.js';
import { ActionSet } from '../policy/action-set.js';
import type { Catalog, HomeAccount } from '../policy/catalog.js';
import { Classification } from '../policy/classification.js';
import { type CompiledDeclaration, compileDeclarations } from '../policy/declaration.js';
import type { Guardrail } from '../policy/reach.js';
import { ReachIndex } from '../policy/reach-index.js';
import { buildPermissionGraph } from './build-graph.js';
import { type ReachablePrincipal, reachablePrincipals } from './closure.js';
import { resolveIdentity } from './edges/acts-as.js';
import type { PermissionGraph } from './schema.js';

export interface AgentAnalysis {
  readonly agent: Agent;
  readonly identities: readonly { readonly ref: IdentityRef; readonly principal?: Principal }[];
  /** Principals the agent can act as, nearest first: its effective reach is the union of theirs. */
  readonly principals: readonly ReachablePrincipal[];
  readonly declarations: readonly CompiledDeclaration[];
}

/** Every action an agent can perform, anywhere, through any principal it can act as. */
export function effectiveActions(agent: AgentAnalysis): ActionSet {
  return ActionSet.unionOf(agent.principals.flatMap((via) => via.reach.grants.map((grant) => grant.actions)));
}

/** One world (before or after a plan, or an account) ready for the rules. */
export interface Analysis {
  readonly catalog: Catalog;
  readonly inventory: Inventory;
  readonly home: HomeAccount;
  readonly index: ReachIndex;
  readonly graph: PermissionGraph;
  readonly environments: Classification;
  readonly data: Classification;
  readonly agents: readonly AgentAnalysis[];
}

/** `other`: another world of the same account, whose reach is shared where a principal's is the same. */
export function buildAnalysis(
  catalog: Catalog,
  inventory: Inventory,
  config: Config,
  guardrails: readonly Guardrail[] = [],
  other?: Analysis,
): Analysis {
  const index = new ReachIndex(catalog, inventory, guardrails, other?.index);
  const graph = buildPermissionGraph(catalog, inventory, index, config.agents);
  const agents = config.agents.map((agent) => ({
    agent,
    identities: agent.identities.map((ref) => {
      const principal = resolveIdentity(inventory, ref);
      return principal ? { ref, principal } : { ref };
    }),
    principals: reachablePrincipals(graph, index, agent.name),
    declarations: compileDeclarations(catalog, agent.may),
  }));
  const home = homeAccount(inventory);
  return {
    catalog,
    inventory,
    home,
    index,
    graph,
    environments: new Classification(config.environments, home.accountId),
    data: new Classification(config.data, home.accountId),
    agents,
  };
}

function homeAccount(inventory: Inventory): HomeAccount {
  const partition = inventory.principals[0]?.arn.split(':')[1] ?? 'aws';
  return { partition, accountId: inventory.accountIds[0] ?? '000000000000' };
}
