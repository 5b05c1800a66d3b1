import type { AgentAnalysis } from '../graph/analysis.js';
import { type Capability, DEFAULT_NO_GO_ZONES } from '../model/capability.js';
import { ActionSet } from '../policy/action-set.js';
import { capabilityActions } from '../policy/capabilities.js';
import type { Catalog } from '../policy/catalog.js';
import type { Grant } from '../policy/reach.js';
import { buildEvidence, grantResources } from './evidence.js';
import { productionAccess } from './production-access.js';
import { defineRule, type RuleFinding } from './types.js';
import { countOf } from './wording.js';

/** The agent's no-go zones: the defaults plus `forbid`, minus the zones it opted out of with a reason. */
export function noGoZones(agent: AgentAnalysis): Capability[] {
  const optedOut = new Set(agent.agent.allowZones.map((z) => z.zone));
  return [...new Set([...DEFAULT_NO_GO_ZONES, ...agent.agent.forbid])].filter((z) => !optedOut.has(z)).sort();
}

export default defineRule({
  id: 'no-go-zone',
  title: 'Reach into a no-go zone',
  defaultSeverity: 'critical',
  description:
    'The agent can reach a forbidden capability: a default no-go zone (iam-write, permissions-management, ' +
    'network-exposure, data-export, audit-tamper) or one listed under its `forbid`.',
  help:
    'Remove the capability from the agent’s policies, or deny it explicitly (a Deny statement or a permissions ' +
    'boundary). If the agent truly needs it, opt out in `allow-zones` with a reason that a reviewer can check.',
  check(context) {
    const { catalog, after } = context;
    const findings: RuleFinding[] = [];
    for (const agent of after.agents) {
      for (const zone of noGoZones(agent)) {
        const finding =
          zone === 'production'
            ? productionZoneFinding(context.catalog, agent, after)
            : actionZoneFinding(catalog, agent, zone);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
});

function actionZoneFinding(
  catalog: Catalog,
  agent: AgentAnalysis,
  zone: Capability,
): RuleFinding | undefined {
  const zoneActions = capabilityActions(catalog, zone);
  const hits: { grant: Grant; via: AgentAnalysis['principals'][number] }[] = [];
  const reached: ActionSet[] = [];
  for (const via of agent.principals) {
    for (const grant of via.reach.grants) {
      if (!grant.actions.intersects(zoneActions)) continue;
      hits.push({ grant, via });
      reached.push(grant.actions);
    }
  }
  const actions = ActionSet.unionOf(reached).intersect(zoneActions);
  const nearest = hits[0];
  if (!nearest) return undefined;
  return zoneFinding(agent, zone, {
    evidence: buildEvidence({
      catalog,
      actions,
      resources: hits.flatMap((h) => grantResources(catalog, h.grant, zoneActions)),
      capabilities: [zone],
      path: nearest.via.path,
      grants: hits.map((h) => h.grant),
      conditionalPath: nearest.via.conditional,
      reach: nearest.via.reach,
    }),
    principal: nearest.via.principal.arn,
    statementSource: nearest.grant.statement.source,
    address: nearest.grant.statement.address,
    count: actions.size(),
  });
}

function productionZoneFinding(
  catalog: Catalog,
  agent: AgentAnalysis,
  after: Parameters<typeof productionAccess>[1],
): RuleFinding | undefined {
  const reached = productionAccess(catalog, after, agent);
  const nearest = reached[0];
  if (!nearest) return undefined;
  const actions = ActionSet.unionOf(reached.map((r) => r.access.access.actions));
  return zoneFinding(agent, 'production', {
    evidence: buildEvidence({
      catalog,
      actions,
      resources: reached.map((r) => r.resource),
      capabilities: ['production'],
      path: nearest.access.via.path,
      grants: reached.flatMap((r) => r.access.access.grants),
      conditionalPath: nearest.access.via.conditional,
      reach: nearest.access.via.reach,
    }),
    principal: nearest.access.via.principal.arn,
    statementSource: nearest.access.access.grants[0]?.statement.source,
    address: nearest.access.access.grants[0]?.statement.address,
    count: actions.size(),
  });
}

function zoneFinding(
  agent: AgentAnalysis,
  zone: Capability,
  found: {
    evidence: RuleFinding['evidence'];
    principal: string;
    statementSource: RuleFinding['location'];
    address: string | undefined;
    count: number;
  },
): RuleFinding {
  const name = agent.agent.name;
  return {
    agent: name,
    principal: found.principal,
    ...(found.address === undefined ? {} : { address: found.address }),
    title: `${name} can reach the no-go zone ${zone}`,
    message: `${name} can perform ${countOf(found.count, 'action')} in the ${zone} zone, which it must never reach.`,
    evidence: found.evidence,
    ...(found.statementSource === undefined ? {} : { location: found.statementSource }),
    key: [zone],
  };
}
