import { dataReadActions, dataWriteActions } from '../policy/data-access.js';
import { classAccess, classFindings } from './classified-access.js';
import { defineRule } from './types.js';
import { countOf, listOf } from './wording.js';

type Mode = 'read' | 'write';
const MODES: readonly Mode[] = ['read', 'write'];

export default defineRule({
  id: 'data-violation',
  title: 'Can read or write undeclared data',
  defaultSeverity: 'high',
  description:
    'The agent can read (or write) data of a classification that its `data.read` (or `data.write`) does not list.',
  help:
    'Remove the data access from the agent’s policies (or deny it), or declare the classification under the ' +
    'agent’s `data` if the access is intended and reviewed.',
  check({ catalog, after }) {
    return after.agents.flatMap((agent) => {
      const name = agent.agent.name;
      const declared: Record<Mode, readonly string[]> = agent.agent.data;
      return after.data.names().flatMap((className) =>
        MODES.filter((mode) => !declared[mode].includes(className)).flatMap((mode) => {
          const actions = mode === 'read' ? dataReadActions(catalog) : dataWriteActions(catalog);
          return classFindings(
            catalog,
            agent,
            classAccess(catalog, after, agent, 'data', className, actions),
            {
              title: ({ names }) =>
                `${name} can ${mode} ${className} data in ${names.length === 1 ? names[0] : countOf(names.length, 'resource')}`,
              message: ({ names, resource }, granted) =>
                `${name} does not declare ${mode} access to ${className} data, but can ${mode} ` +
                `${resource ?? listOf(names)} with ${countOf(granted.size(), 'action')}.`,
              key: [className, mode],
            },
          );
        }),
      );
    });
  },
});
