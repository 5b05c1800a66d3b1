import { modifyingActions } from '../policy/data-access.js';
import { classAccess, classFindings } from './classified-access.js';
import { defineRule } from './types.js';
import { countOf, listOf } from './wording.js';

export default defineRule({
  id: 'environment-violation',
  title: 'Can modify an undeclared environment',
  defaultSeverity: 'high',
  description: 'The agent can modify resources of an environment that is not listed in its `environments`.',
  help:
    'Scope the agent’s policies to the environments it declares (resource ARNs, tags with aws:ResourceTag ' +
    'conditions, or a permissions boundary), or add the environment to its `environments` if that is intended.',
  check({ catalog, after }) {
    return after.agents.flatMap((agent) => {
      const name = agent.agent.name;
      const allowed = [...new Set(agent.agent.environments)];
      const may = allowed.join(', ') || 'no environment';
      return after.environments
        .names()
        .filter((env) => !allowed.includes(env))
        .flatMap((env) =>
          classFindings(
            catalog,
            agent,
            classAccess(catalog, after, agent, 'environments', env, modifyingActions(catalog)),
            {
              title: ({ names }) =>
                names.length === 1
                  ? `${name} can modify ${env} resource ${names[0]}`
                  : `${name} can modify ${countOf(names.length, `${env} resource`)}`,
              message: ({ names, resource }, actions) =>
                `${name} may modify only ${may}, but can perform ${countOf(actions.size(), 'modifying action')} ` +
                `on ${resource ?? listOf(names)}, which belong${names.length === 1 ? 's' : ''} to ${env}.`,
              key: [env],
            },
          ),
        );
    });
  },
});
