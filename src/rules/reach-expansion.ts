import type { ReachablePrincipal } from '../graph/closure.js';
import { memoized } from '../model/memo.js';
import { statementKey } from '../model/policy.js';
import type { ActionSet } from '../policy/action-set.js';
import { capabilitiesOf } from '../policy/capabilities.js';
import { undeclaredActions } from '../policy/declaration.js';
import type { Grant, PrincipalReach } from '../policy/reach.js';
import { actionsBeyond, actionsNoLongerDenied } from '../policy/reach-compare.js';
import { type ResourceScope, scopeCovers } from '../policy/resource-scope.js';
import type { CompiledStatement } from '../policy/statement.js';
import { grantsOf } from './agent-identities.js';
import { buildEvidence, grantResources } from './evidence.js';
import { defineRule, type RuleFinding } from './types.js';
import { countOf } from './wording.js';

export default defineRule({
  id: 'reach-expansion',
  title: 'Plan widens an agent’s reach',
  defaultSeverity: 'medium',
  description:
    'After the plan the agent can do something it could not do before, beyond what its `may` declares: a new ' +
    'or wider statement, a new role it can assume, a new escalation path.',
  help:
    'Review whether the change is meant to give the agent this reach. If not, narrow the statement the plan ' +
    'adds or widens; if so, declare the new reach under the agent’s `may` in the same pull request.',
  check({ catalog, after, before }) {
    if (!before) return [];
    const findings: RuleFinding[] = [];
    // by name, not a search per agent: that is quadratic on a config of thousands of agents
    const principalsBefore = new Map(before.agents.map((a) => [a.agent.name, a.principals]));
    for (const agent of after.agents) {
      const previous = new Baselines(principalsBefore.get(agent.agent.name) ?? []);
      for (const via of agent.principals) {
        if (previous.heldUnchanged(via)) continue;
        const baseline = previous.for(via);
        for (const grant of via.reach.grants) {
          const widened = widening(grant, baseline).union(
            actionsNoLongerDenied(grant, baseline.denies, deniesOf(via)),
          );
          if (widened.isEmpty()) continue;
          const added = widened.intersect(undeclaredActions(catalog, grant, agent.declarations, after.home));
          if (added.isEmpty()) continue;
          const resources = grantResources(catalog, grant, added);
          const name = agent.agent.name;
          findings.push({
            agent: name,
            principal: via.principal.arn,
            ...(grant.statement.address === undefined ? {} : { address: grant.statement.address }),
            title: `The plan widens ${name}’s reach`,
            message:
              `After the plan ${name} can perform ${countOf(added.size(), 'action')} on ${resources.join(', ')} that it ` +
              `could not before and that its declaration does not cover, through ${via.principal.arn}.`,
            evidence: buildEvidence({
              catalog,
              actions: added,
              resources,
              capabilities: capabilitiesOf(catalog, added),
              path: via.path,
              grants: [grant],
              conditionalPath: via.conditional,
              reach: via.reach,
            }),
            location: grant.statement.source,
            key: [grant.statement.policyId, String(grant.statement.statementIndex), ...resources],
          });
        }
      }
    }
    return findings;
  },
});

interface Baseline {
  readonly grants: readonly Grant[];
  /** The same grants by statement (policy and index), to find an unchanged statement's old self first. */
  readonly byStatement: ReadonlyMap<string, readonly Grant[]>;
  readonly denies: readonly CompiledStatement[];
}

/**
 * What the agent had before the plan, to judge a principal it reaches now: the grants of every
 * principal it reached before (only through unconditional paths when the principal is now reached
 * unconditionally, so dropping an MFA condition from a trust policy is a widening), and the Deny
 * statements the same principal was under. The two sets of grants are built once per agent.
 */
class Baselines {
  private readonly byArn: ReadonlyMap<string, ReachablePrincipal>;
  private everything?: Omit<Baseline, 'denies'>;
  private unconditional?: Omit<Baseline, 'denies'>;

  constructor(private readonly previous: readonly ReachablePrincipal[]) {
    this.byArn = new Map(previous.map((p) => [p.principal.arn, p]));
  }

  /**
   * True when the agent reached the same principal before, with the very same reach (the plan left
   * it alone) and in a way its baseline counts: then each of its grants and Denies is its own
   * baseline, and nothing widens, provided every scope covers itself (a glob too long to compare
   * does not).
   */
  heldUnchanged(via: ReachablePrincipal): boolean {
    const same = this.byArn.get(via.principal.arn);
    return (
      same !== undefined &&
      same.reach === via.reach &&
      (via.conditional || !same.conditional) &&
      coversItself(via.reach)
    );
  }

  for(via: ReachablePrincipal): Baseline {
    const same = this.byArn.get(via.principal.arn);
    return { ...this.grantsFor(via.conditional), denies: same ? deniesOf(same) : [] };
  }

  private grantsFor(conditional: boolean): Omit<Baseline, 'denies'> {
    if (conditional) {
      this.everything ??= indexed(grantsOf(this.previous));
      return this.everything;
    }
    this.unconditional ??= indexed(grantsOf(this.previous.filter((p) => !p.conditional)));
    return this.unconditional;
  }
}

function indexed(grants: readonly Grant[]): Omit<Baseline, 'denies'> {
  const byStatement = new Map<string, Grant[]>();
  for (const grant of grants) {
    const key = statementKey(grant.statement);
    byStatement.set(key, [...(byStatement.get(key) ?? []), grant]);
  }
  return { grants, byStatement };
}

/**
 * The actions of `grant` that no baseline grant allows. Most statements are the same before and
 * after a plan: when the statement's own earlier grants already allow all of it, nothing else needs
 * looking at (more baseline grants can only take more away).
 */
function widening(grant: Grant, baseline: Baseline): ActionSet {
  const own = baseline.byStatement.get(statementKey(grant.statement)) ?? [];
  if (own.length > 0 && actionsBeyond(grant, own).isEmpty()) return grant.actions.minus(grant.actions);
  return actionsBeyond(grant, baseline.grants);
}

function deniesOf(principal: ReachablePrincipal): CompiledStatement[] {
  return [...principal.reach.denies, ...principal.reach.conditionalDenies];
}

const selfCovering = new WeakMap<PrincipalReach, boolean>();

/** True when every scope of the reach's grants and Denies covers itself. */
function coversItself(reach: PrincipalReach): boolean {
  return memoized(selfCovering, reach, () => {
    const covers = (scope: ResourceScope) => scopeCovers(scope, scope);
    return (
      reach.grants.every((g) => g.scopes.every(covers)) &&
      [...reach.denies, ...reach.conditionalDenies].every((d) => covers(d.scope))
    );
  });
}
