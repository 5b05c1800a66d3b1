import { dataReadActions, dataWriteActions } from '../policy/data-access.js';
import { classAccess, classHitFinding } from './classified-access.js';
import { defineRule, type RuleFinding } from './types.js';
import { countOf } from './wording.js';

type Mode = 'read' | 'write';

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
    const findings: RuleFinding[] = [];
    for (const agent of after.agents) {
      const declared: Record<Mode, ReadonlySet<string>> = {
        read: new Set(agent.agent.data.read),
        write: new Set(agent.agent.data.write),
      };
      for (const className of after.data.names()) {
        for (const mode of ['read', 'write'] as const) {
          if (declared[mode].has(className)) continue;
          const actions = mode === 'read' ? dataReadActions(catalog) : dataWriteActions(catalog);
          for (const hit of classAccess(catalog, after, agent, 'data', className, actions)) {
            const name = agent.agent.name;
            const finding = classHitFinding(catalog, agent, hit, {
              title: `${name} can ${mode} ${className} data in ${hit.address ?? hit.resource}`,
              message:
                `${name} does not declare ${mode} access to ${className} data, but can ${mode} ` +
                `${hit.resource} with ${countOf(hit.actions.size(), 'action')}.`,
              key: [className, mode],
            });
            if (finding) findings.push(finding);
          }
        }
      }
    }
    return findings;
  },
});
