import type { Analysis } from '../graph/analysis.js';
import type { IdentityRef } from '../model/agent.js';
import { describesAccount } from '../model/inventory.js';
import type { Principal } from '../model/principal.js';
import { isTaggedAsAgent } from '../policy/agent-tags.js';
import { defineRule, type RuleFinding } from './types.js';

export default defineRule({
  id: 'stale-declaration',
  title: 'Declaration out of step with the account',
  defaultSeverity: 'medium',
  description:
    'A declared identity is not in the inputs (so the agent’s reach is unknown), or a principal tagged as an ' +
    'agent (tag `agent` or `ai-agent`) has no declaration.',
  help:
    'Fix or remove the identity in blast-radius.yaml (a renamed role, a deleted user), or declare the tagged ' +
    'principal under an agent with its `may`; `blast-radius init` writes a starting declaration.',
  check({ after }) {
    return [...missingIdentities(after), ...undeclaredAgents(after)];
  },
});

function refText(ref: IdentityRef): string {
  return 'arn' in ref ? ref.arn : `terraform:${ref.terraform}`;
}

/** An ARN in an account the inputs do not describe: another account's audit judges it. */
function elsewhere(ref: IdentityRef, after: Analysis): boolean {
  if (!('arn' in ref)) return false;
  const account = ref.arn.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) && !describesAccount(after.inventory, account);
}

function missingIdentities(after: Analysis): RuleFinding[] {
  return after.agents.flatMap((agent) =>
    agent.identities
      .filter((i) => !i.principal && !elsewhere(i.ref, after))
      .map(({ ref }) => ({
        agent: agent.agent.name,
        resource: refText(ref),
        title: `${agent.agent.name} declares an identity that does not exist`,
        message: `${agent.agent.name} declares the identity ${refText(ref)}, which is not in the inputs, so its reach through it is unknown.`,
        evidence: {
          actions: [],
          resources: [refText(ref)],
          capabilities: [],
          path: [],
          statements: [],
          conditions: [],
        },
        location: agent.agent.source,
        key: [],
      })),
  );
}

function undeclaredAgents(after: Analysis): RuleFinding[] {
  const declared = new Set(
    after.agents.flatMap((a) => a.identities.flatMap((i) => (i.principal ? [i.principal.arn] : []))),
  );
  return after.inventory.principals
    .filter((p) => p.kind !== 'group' && isTaggedAsAgent(p) && !declared.has(p.arn))
    .map((p: Principal) => ({
      principal: p.arn,
      resource: p.arn,
      ...(p.address === undefined ? {} : { address: p.address }),
      title: `${p.name} is tagged as an agent but has no declaration`,
      message: `${p.arn} is tagged as an AI agent's identity, but no agent in blast-radius.yaml declares it, so nothing bounds its reach.`,
      evidence: {
        actions: [],
        resources: [p.arn],
        capabilities: [],
        path: [],
        statements: [],
        conditions: [],
      },
      location: p.source,
      key: [],
    }));
}
