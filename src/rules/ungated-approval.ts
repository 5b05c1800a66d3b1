import type { AgentAnalysis, Analysis } from '../graph/analysis.js';
import type { ReachablePrincipal } from '../graph/closure.js';
import type { Capability } from '../model/capability.js';
import type { ActionSet } from '../policy/action-set.js';
import { requiresApproval, ungatedActions } from '../policy/approval.js';
import { capabilityActions } from '../policy/capabilities.js';
import type { Catalog } from '../policy/catalog.js';
import type { Grant } from '../policy/reach.js';
import { buildEvidence, grantResources } from './evidence.js';
import { productionAccess } from './production-access.js';
import { defineRule, type RuleFinding } from './types.js';
import { countOf } from './wording.js';

export default defineRule({
  id: 'ungated-approval',
  title: 'Approval gate missing',
  defaultSeverity: 'high',
  description:
    'A capability listed under the agent’s `human-approval` is reachable without an approval condition ' +
    '(a condition on one of the `approval-conditions` keys, such as aws:MultiFactorAuthPresent).',
  help:
    'Gate the granting statement on an approval condition (for example `Bool aws:MultiFactorAuthPresent true`), ' +
    'add a Deny of the capability’s actions unless the approval key is present, or make the role assumable ' +
    'only with the approval condition. An instruction in the agent’s prompt is not a gate.',
  check({ catalog, config, after }) {
    const keys = config.approvalConditions;
    return after.agents.flatMap((agent) =>
      agent.agent.humanApproval.flatMap((capability) =>
        ungatedHits(catalog, after, agent, capability, keys).map((hit) =>
          approvalFinding(catalog, agent, capability, hit),
        ),
      ),
    );
  },
});

interface Hit {
  readonly via: ReachablePrincipal;
  readonly grant: Grant;
  readonly actions: ActionSet;
  readonly resources: readonly string[];
  /** The production resource the hit is about, which a Deny gate must cover. */
  readonly on?: readonly string[];
}

/** Each grant that reaches the capability with some action no approval gate covers. */
function ungatedHits(
  catalog: Catalog,
  after: Analysis,
  agent: AgentAnalysis,
  capability: Capability,
  keys: readonly string[],
): Hit[] {
  const candidates: Hit[] =
    capability === 'production'
      ? productionAccess(catalog, after, agent).flatMap(({ resource, access }) =>
          access.access.grants.map((grant) => ({
            via: access.via,
            grant,
            actions: grant.actions.intersect(access.access.actions),
            resources: [resource],
            on: [resource],
          })),
        )
      : agent.principals.flatMap((via) => {
          const zone = capabilityActions(catalog, capability);
          return via.reach.grants.flatMap((grant) => {
            if (!grant.actions.intersects(zone)) return [];
            const actions = grant.actions.intersect(zone);
            return [{ via, grant, actions, resources: grantResources(catalog, grant, actions) }];
          });
        });
  return candidates.flatMap((c) => {
    if (c.actions.isEmpty() || pathGated(after, c.via, keys)) return [];
    const actions = ungatedActions(c.grant, c.actions, c.via.reach, keys, c.on);
    return actions.isEmpty() ? [] : [{ ...c, actions }];
  });
}

/** True when a hop of the path is a role assumption whose trust statement requires an approval key. */
function pathGated(after: Analysis, via: ReachablePrincipal, keys: readonly string[]): boolean {
  return via.path.some((hop) =>
    hop.statements.some((ref) => {
      if (ref.policyKind !== 'trust') return false;
      const trust = after.index.principal(hop.to)?.trustPolicy;
      const statement = trust?.document.statements.find((s) => s.index === ref.statementIndex);
      return requiresApproval(statement?.condition, keys);
    }),
  );
}

function approvalFinding(
  catalog: Catalog,
  agent: AgentAnalysis,
  capability: Capability,
  hit: Hit,
): RuleFinding {
  const name = agent.agent.name;
  const address = hit.grant.statement.address;
  return {
    agent: name,
    principal: hit.via.principal.arn,
    ...(address === undefined ? {} : { address }),
    title: `${name} can reach ${capability} without approval`,
    message:
      `${name} must get human approval for ${capability}, but can perform ${countOf(hit.actions.size(), 'action')} ` +
      `of it on ${hit.resources.join(', ')} with no approval condition, through ${hit.via.principal.arn}.`,
    evidence: buildEvidence({
      catalog,
      actions: hit.actions,
      resources: hit.resources,
      capabilities: [capability],
      path: hit.via.path,
      grants: [hit.grant],
      conditionalPath: hit.via.conditional,
      reach: hit.via.reach,
    }),
    location: hit.grant.statement.source,
    key: [
      capability,
      hit.grant.statement.policyId,
      String(hit.grant.statement.statementIndex),
      ...hit.resources,
    ],
  };
}
