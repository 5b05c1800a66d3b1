import type { AgentAnalysis } from '../graph/analysis.js';
import type { Statement } from '../model/policy.js';
import type { Principal } from '../model/principal.js';
import { statementRef } from '../policy/statement.js';
import { defineRule, type RuleFinding } from './types.js';

/** OIDC issuers of CI systems and workloads, not of people. */
const WORKLOAD_ISSUERS = [
  /^token\.actions\.githubusercontent\.com/,
  /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com\//,
  /^app\.terraform\.io/,
  /^gitlab\.com/,
];

const ACCOUNT_ID = /^\d{12}$/;

export default defineRule({
  id: 'shared-identity',
  title: 'Agent identity usable by humans',
  defaultSeverity: 'high',
  description:
    'An identity the agent acts as can also be used by people: its trust policy admits an account root, ' +
    'SAML or web-identity federation, IAM Identity Center roles or named IAM users, or it is an IAM user ' +
    'with a console password.',
  help:
    'Give the agent an identity of its own: a role trusted only by the service or workload that runs the ' +
    'agent (a service principal, or a CI OIDC issuer with a `sub` condition), with no console login. ' +
    'People who need the same permissions get their own role, so every action is attributable.',
  check({ after }) {
    return after.agents.flatMap((agent) =>
      agent.identities.flatMap(({ principal }) =>
        principal ? reasons(agent, principal).map((r) => sharedFinding(agent, principal, r)) : [],
      ),
    );
  },
});

interface Reason {
  readonly key: string;
  readonly text: string;
  readonly statement?: Statement;
}

function reasons(agent: AgentAnalysis, principal: Principal): Reason[] {
  const out: Reason[] = [];
  if (principal.kind === 'user' && principal.hasLoginProfile === true)
    out.push({ key: 'console-login', text: 'it is an IAM user with a console password (login profile)' });
  const own = new Set(agent.identities.flatMap((i) => (i.principal ? [i.principal.arn] : [])));
  for (const s of principal.trustPolicy?.document.statements ?? []) {
    if (s.effect !== 'Allow') continue;
    for (const reason of trustReasons(s, own)) out.push({ ...reason, statement: s });
  }
  return out;
}

/** Why one trust statement lets people in, if it does. */
function trustReasons(s: Statement, own: ReadonlySet<string>): Omit<Reason, 'statement'>[] {
  if (s.notPrincipal)
    return [{ key: 'not-principal', text: 'its trust policy uses NotPrincipal, admitting everyone else' }];
  const out: Omit<Reason, 'statement'>[] = [];
  for (const value of s.principal?.AWS ?? []) {
    if (value === '*') out.push({ key: 'public', text: 'its trust policy admits everyone (*)' });
    else if (ACCOUNT_ID.test(value) || value.endsWith(':root'))
      out.push({
        key: `root:${value}`,
        text: `its trust policy admits the account root ${value}: any user or role there allowed sts:AssumeRole can use it`,
      });
    else if (value.includes(':role/aws-reserved/sso.amazonaws.com/'))
      out.push({
        key: `sso:${value}`,
        text: `its trust policy admits the IAM Identity Center role ${value}`,
      });
    else if (/:user\//.test(value) && !own.has(value))
      out.push({ key: `user:${value}`, text: `its trust policy admits the IAM user ${value}` });
  }
  for (const value of s.principal?.Federated ?? []) {
    const reason = federatedReason(value);
    if (reason) out.push(reason);
  }
  return out;
}

function federatedReason(value: string): Omit<Reason, 'statement'> | undefined {
  if (value.includes(':saml-provider/'))
    return { key: `saml:${value}`, text: `its trust policy admits SAML federation through ${value}` };
  if (value === 'cognito-identity.amazonaws.com')
    return { key: 'cognito', text: 'its trust policy admits Cognito identities (end users)' };
  const issuer = value.includes(':oidc-provider/') ? (value.split(':oidc-provider/')[1] ?? value) : value;
  if (WORKLOAD_ISSUERS.some((w) => w.test(issuer))) return undefined;
  return {
    key: `web-identity:${value}`,
    text: `its trust policy admits web-identity federation through ${issuer}`,
  };
}

function sharedFinding(agent: AgentAnalysis, principal: Principal, reason: Reason): RuleFinding {
  const name = agent.agent.name;
  const trust = principal.trustPolicy;
  return {
    agent: name,
    principal: principal.arn,
    ...(principal.address === undefined ? {} : { address: principal.address }),
    title: `${name}’s identity is usable by people`,
    message: `${name} acts as ${principal.arn}, and ${reason.text}.`,
    evidence: {
      actions: [],
      resources: [principal.arn],
      capabilities: [],
      path: [],
      statements: reason.statement && trust ? [statementRef(trust, reason.statement)] : [],
      conditions: reason.statement?.condition ? ['the trust statement holds only under a condition'] : [],
    },
    location: principal.source,
    key: [reason.key],
  };
}
