import { capabilitiesOf } from '../policy/capabilities.js';
import { modifyingActions } from '../policy/data-access.js';
import { classAccess } from './classified-access.js';
import { buildEvidence } from './evidence.js';
import { countOf } from './wording.js';
import { defineRule, type RuleFinding } from './types.js';

export default defineRule({
  id: 'environment-violation',
  title: 'Can modify an undeclared environment',
  defaultSeverity: 'high',
  description: 'The agent can modify resources of an environment that is not listed in its `environments`.',
  help:
    'Scope the agent’s policies to the environments it declares (resource ARNs, tags with aws:ResourceTag ' +
    'conditions, or a permissions boundary), or add the environment to its `environments` if that is intended.',
  check({ catalog, after }) {
    const findings: RuleFinding[] = [];
    for (const agent of after.agents) {
      const allowed = new Set(agent.agent.environments);
      for (const env of after.environments.names().filter((e) => !allowed.has(e))) {
        for (const hit of classAccess(catalog, after, agent, 'environments', env, modifyingActions(catalog))) {
          const nearest = hit.accesses[0];
          if (!nearest) continue;
          findings.push({
            agent: agent.agent.name,
            principal: nearest.via.principal.arn,
            resource: hit.resource,
            ...(hit.address === undefined ? {} : { address: hit.address }),
            title: `${agent.agent.name} can modify ${env} resource ${hit.address ?? hit.resource}`,
            message:
              `${agent.agent.name} may modify only ${[...allowed].join(', ') || 'no environment'}, but can perform ` +
              `${countOf(hit.actions.size(), 'modifying action')} on ${hit.resource}, which belongs to ${env}.`,
            evidence: buildEvidence({
              catalog,
              actions: hit.actions,
              resources: [hit.resource],
              capabilities: capabilitiesOf(catalog, hit.actions),
              path: nearest.via.path,
              grants: hit.accesses.flatMap((a) => a.access.grants),
              conditionalPath: nearest.via.conditional,
            }),
            ...(nearest.access.grants[0] ? { location: nearest.access.grants[0].statement.source } : {}),
            key: [env],
          });
        }
      }
    }
    return findings;
  },
});
