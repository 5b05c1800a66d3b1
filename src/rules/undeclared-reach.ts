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
import { byGrantShape } from './grant-shape.js';
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

interface GrantExcess {
  readonly extra: ActionSet;
  readonly resources: readonly string[];
}

/** A grant's actions beyond the agent's declaration and the resources they are on, judged once per grant shape. */
function grantExcess(catalog: Catalog, after: Analysis, agent: AgentAnalysis): (grant: Grant) => GrantExcess {
  return byGrantShape((grant) => {
    const extra = undeclaredActions(catalog, grant, agent.declarations, after.home);
    return { extra, resources: extra.isEmpty() ? [] : grantResources(catalog, grant, extra) };
  });
}

/** What one statement lets the agent do beyond its declaration, through every principal that holds it. */
interface Excess {
  /** The principals holding the statement, nearest first. */
  readonly holders: readonly ReachablePrincipal[];
  readonly grants: readonly Grant[];
  readonly actions: ActionSet;
  readonly resources: readonly string[];
}

/** An {@link Excess} being gathered, principal by principal. */
interface Gathering {
  /** The principals holding the statement, nearest first (a Set keeps the order they were added in). */
  readonly holders: Set<ReachablePrincipal>;
  readonly grants: Grant[];
  actions: ActionSet;
  readonly resources: Set<string>;
  /** The grants' excesses already counted: the holders of one statement mostly share one. */
  readonly counted: Set<GrantExcess>;
}

/**
 * The agent's reach beyond its declaration, one entry per granting statement: a managed policy
 * attached to forty roles the agent can become is one thing to fix, reported once, through the
 * nearest of them.
 */
function beyondDeclaration(catalog: Catalog, after: Analysis, agent: AgentAnalysis): Excess[] {
  const byStatement = new Map<string, Gathering>();
  const excessOf = grantExcess(catalog, after, agent);
  for (const via of agent.principals) {
    for (const grant of via.reach.grants) {
      const judged = excessOf(grant);
      if (judged.extra.isEmpty()) continue;
      const key = statementKey(grant.statement);
      let excess = byStatement.get(key);
      if (!excess) {
        excess = {
          holders: new Set(),
          grants: [],
          actions: catalog.none,
          resources: new Set(),
          counted: new Set(),
        };
        byStatement.set(key, excess);
      }
      excess.holders.add(via);
      excess.grants.push(grant);
      if (!excess.counted.has(judged)) {
        excess.counted.add(judged);
        excess.actions = excess.actions.union(judged.extra);
        for (const r of judged.resources) excess.resources.add(r);
      }
    }
  }
  return [...byStatement.values()].map(({ holders, grants, actions, resources }) => ({
    holders: [...holders],
    grants,
    actions,
    resources: [...resources].sort(compareText),
  }));
}
