import { type AgentAnalysis, type Analysis, effectiveActions } from '../graph/analysis.js';
import type { Capability } from '../model/capability.js';
import { compareText } from '../model/order.js';
import { capabilitiesOf } from '../policy/capabilities.js';
import { declaredActions } from '../policy/declaration.js';

/** One service of an agent's reach: what it can do there against what it declared. */
export interface ServiceReach {
  readonly service: string;
  /** Actions of the service the agent can perform (anywhere, through any identity it reaches). */
  readonly actions: number;
  /** Actions of the service its `may` names. */
  readonly declared: number;
  /** Actions it can perform that its `may` does not name. */
  readonly undeclared: number;
  readonly capabilities: readonly Capability[];
}

/**
 * An agent's reach by service, over-reach first (most undeclared actions), then by name; services it
 * declared but cannot reach are listed too, with no actions.
 */
export function reachByService(analysis: Analysis, agent: AgentAnalysis): ServiceReach[] {
  const { catalog } = analysis;
  const reach = effectiveActions(agent);
  const declared = declaredActions(catalog, agent.declarations);
  return catalog
    .servicesOf(reach.union(declared))
    .map((service) => {
      const all = catalog.serviceActions(service);
      const actions = reach.intersect(all);
      return {
        service,
        actions: actions.size(),
        declared: declared.intersect(all).size(),
        undeclared: actions.minus(declared).size(),
        capabilities: capabilitiesOf(catalog, actions).sort(compareText),
      };
    })
    .sort((a, b) => b.undeclared - a.undeclared || compareText(a.service, b.service));
}
