import type { AgentAnalysis } from '../graph/analysis.js';
import type { Principal } from '../model/principal.js';
import { defineRule, type RuleFinding } from './types.js';
import { countOf } from './wording.js';

/** A role's maximum session when max_session_duration is not set. */
const DEFAULT_MAX_SESSION_SECONDS = 3600;

export default defineRule({
  id: 'long-lived-credentials',
  title: 'Long-lived credentials',
  defaultSeverity: 'medium',
  description:
    'An identity the agent acts as is an IAM user with access keys (credentials that never expire), or a ' +
    'role whose maximum session is longer than the agent’s declared `max-session-duration`.',
  help:
    'Run the agent as a role and hand it short-lived sessions (sts:AssumeRole, or web identity from its ' +
    'runtime); delete the user’s access keys. Lower the role’s max_session_duration to the declared limit.',
  check({ after }) {
    return after.agents.flatMap((agent) =>
      agent.identities.flatMap(({ principal }) =>
        principal ? [...accessKeyFindings(agent, principal), ...sessionFindings(agent, principal)] : [],
      ),
    );
  },
});

function accessKeyFindings(agent: AgentAnalysis, user: Principal): RuleFinding[] {
  const keys = user.accessKeyCount ?? 0;
  if (user.kind !== 'user' || keys === 0) return [];
  return [
    credentialFinding(
      agent,
      user,
      'access-keys',
      `${user.arn} is an IAM user with ${countOf(keys, 'active access key')}, which never expire`,
    ),
  ];
}

function sessionFindings(agent: AgentAnalysis, role: Principal): RuleFinding[] {
  const declared = agent.agent.maxSessionDurationSeconds;
  if (role.kind !== 'role' || declared === undefined) return [];
  const actual = role.maxSessionDurationSeconds ?? DEFAULT_MAX_SESSION_SECONDS;
  if (actual <= declared) return [];
  return [
    credentialFinding(
      agent,
      role,
      'session-duration',
      `${role.arn} allows sessions of ${actual} s, longer than the ${declared} s ${agent.agent.name} declares`,
    ),
  ];
}

function credentialFinding(
  agent: AgentAnalysis,
  principal: Principal,
  key: string,
  text: string,
): RuleFinding {
  const name = agent.agent.name;
  return {
    agent: name,
    principal: principal.arn,
    ...(principal.address === undefined ? {} : { address: principal.address }),
    title: `${name} holds long-lived credentials`,
    message: `${text}.`,
    evidence: {
      actions: [],
      resources: [principal.arn],
      capabilities: [],
      path: [],
      statements: [],
      conditions: [],
    },
    location: principal.source,
    key: [key],
  };
}
