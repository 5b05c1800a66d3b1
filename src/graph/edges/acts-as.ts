import type { Agent, IdentityRef } from '../../model/agent.js';
import type { Inventory } from '../../model/inventory.js';
import type { Principal } from '../../model/principal.js';
import { agentKey, type PermissionGraph, principalKey } from '../schema.js';

/** The principal an agent's identity entry names, by ARN or by Terraform address. */
export function resolveIdentity(inventory: Inventory, ref: IdentityRef): Principal | undefined {
  if ('arn' in ref) return inventory.principals.find((p) => p.arn === ref.arn);
  return inventory.principals.find((p) => p.address === ref.terraform);
}

/** agent -> each principal it declares it acts as. */
export function addActsAsEdges(graph: PermissionGraph, inventory: Inventory, agent: Agent): void {
  for (const ref of agent.identities) {
    const principal = resolveIdentity(inventory, ref);
    if (!principal || principal.kind === 'group') continue;
    graph.addEdge(agentKey(agent.name), principalKey(principal.arn), {
      kind: 'acts-as',
      statements: [],
      conditional: false,
    });
  }
}
