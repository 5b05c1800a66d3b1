import { capabilitiesOf } from '../policy/capabilities.js';
import { undeclaredActions } from '../policy/declaration.js';
import { buildEvidence, grantResources } from './evidence.js';
import { defineRule, type RuleFinding } from './types.js';
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
    const findings: RuleFinding[] = [];
    for (const agent of after.agents) {
      for (const via of agent.principals) {
        for (const grant of via.reach.grants) {
          const extra = undeclaredActions(catalog, grant, agent.declarations, after.home);
          if (extra.isEmpty()) continue;
          const resources = grantResources(catalog, grant, extra);
          findings.push({
            agent: agent.agent.name,
            principal: via.principal.arn,
            ...(grant.statement.address === undefined ? {} : { address: grant.statement.address }),
            title: `${agent.agent.name} can act beyond its declaration`,
            message:
              `${agent.agent.name} can perform ${countOf(extra.size(), 'action')} on ${resources.join(', ')} that its ` +
              `declaration does not cover, through ${via.principal.arn}.`,
            evidence: buildEvidence({
              catalog,
              actions: extra,
              resources,
              capabilities: capabilitiesOf(catalog, extra),
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
