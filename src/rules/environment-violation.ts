import { modifyingActions } from '../policy/data-access.js';
import { classAccess, classHitFinding } from './classified-access.js';
import { defineRule, type RuleFinding } from './types.js';
import { countOf } from './wording.js';

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
        for (const hit of classAccess(
          catalog,
          after,
          agent,
          'environments',
          env,
          modifyingActions(catalog),
        )) {
          const name = agent.agent.name;
          const finding = classHitFinding(catalog, agent, hit, {
            title: `${name} can modify ${env} resource ${hit.address ?? hit.resource}`,
            message:
              `${name} may modify only ${[...allowed].join(', ') || 'no environment'}, but can perform ` +
              `${countOf(hit.actions.size(), 'modifying action')} on ${hit.resource}, which belongs to ${env}.`,
            key: [env],
          });
          if (finding) findings.push(finding);
        }
      }
    }
    return findings;
  },
});
