import type { AgentAnalysis, Analysis } from '../graph/analysis.js';
import type { ReachablePrincipal } from '../graph/closure.js';
import { compareText } from '../model/order.js';
import { statementKey } from '../model/policy.js';
import type { ActionSet } from '../policy/action-set.js';
import { capabilitiesOf } from '../policy/capabilities.js';
import type { Catalog } from '../policy/catalog.js';
import { undeclaredActions } from '../policy/declaration.js';
import type { Grant } from '../policy/reach.js';
import { buildEvidence, grantResources } from './evidence.js';
import { defineRule } from './types.js';
import { countOf } from './wording.js';

export default defineRule({
  id: 'undeclared-reach',
  title: 'Reach beyond the declaration',
  defaultSeverity: 'high',
  description: 'The agent can perform actions, or act on resources, outside what its `may` declares.',
  help:
    'Remove the permissions the agent does not need from the granting statement, or, if the agent needs them, ' +
    'declare them under the agent’s `may` in blast-radius.yaml so the declaration is the truth.',
  check({ catalog, after }) {
    return after.agents.flatMap((agent) =>
      beyondDeclaration(catalog, after, agent).map(({ holders, grants, actions, resources }) => {
        const [nearest] = holders;
        const [first] = grants;
        const name = agent.agent.name;
        const others = holders.length - 1;
        const through = `${nearest?.principal.arn}${others > 0 ? ` (and ${countOf(others, 'other principal')})` : ''}`;
        return {
          agent: name,
          ...(nearest ? { principal: nearest.principal.arn } : {}),
          ...(first?.statement.address === undefined ? {} : { address: first.statement.address }),
          title: `${name} can act beyond its declaration`,
          message:
            `${name} can perform ${countOf(actions.size(), 'action')} on ${resources.join(', ')} that its ` +
            `declaration does not cover, through ${through}.`,
          evidence: buildEvidence({
            catalog,
            actions,
            resources,
            capabilities: capabilitiesOf(catalog, actions),
            path: nearest?.path ?? [],
            grants,
            conditionalPath: nearest?.conditional ?? false,
            ...(nearest ? { reach: nearest.reach } : {}),
          }),
          ...(first ? { location: first.statement.source } : {}),
          key: [first?.statement.policyId ?? '', String(first?.statement.statementIndex ?? '')],
        };
      }),
    );
  },
});

/** What one statement lets the agent do beyond its declaration, through every principal that holds it. */
interface Excess {
  /** The principals holding the statement, nearest first. */
  readonly holders: ReachablePrincipal[];
  readonly grants: Grant[];
  actions: ActionSet;
  readonly resources: string[];
}

/**
 * The agent's reach beyond its declaration, one entry per granting statement: a managed policy
 * attached to forty roles the agent can become is one thing to fix, reported once, through the
 * nearest of them.
 */
function beyondDeclaration(catalog: Catalog, after: Analysis, agent: AgentAnalysis): Excess[] {
  const byStatement = new Map<string, Excess>();
  for (const via of agent.principals) {
    for (const grant of via.reach.grants) {
      const extra = undeclaredActions(catalog, grant, agent.declarations, after.home);
      if (extra.isEmpty()) continue;
      const key = statementKey(grant.statement);
      const excess = byStatement.get(key) ?? {
        holders: [],
        grants: [],
        actions: catalog.none,
        resources: [],
      };
      byStatement.set(key, excess);
      if (!excess.holders.includes(via)) excess.holders.push(via);
      excess.grants.push(grant);
      excess.actions = excess.actions.union(extra);
      for (const r of grantResources(catalog, grant, extra))
        if (!excess.resources.includes(r)) excess.resources.push(r);
    }
  }
  return [...byStatement.values()].map((e) => ({ ...e, resources: [...e.resources].sort(compareText) }));
}
