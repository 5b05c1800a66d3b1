import type { Agent } from '../../src/model/agent.js';
import type { Config } from '../../src/model/config.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Principal } from '../../src/model/principal.js';
import { policyFrom } from './policy.js';

export const ACCOUNT = '111111111111';

interface PrincipalSpec {
  readonly account?: string;
  readonly trust?: unknown;
  readonly policies?: readonly unknown[];
  readonly groups?: readonly string[];
}

/** A role or user with inline policies (raw policy JSON) and, for roles, a trust policy. */
export function principal(
  kind: 'role' | 'user' | 'group',
  name: string,
  spec: PrincipalSpec = {},
): Principal {
  const account = spec.account ?? ACCOUNT;
  const arn = `arn:aws:iam::${account}:${kind}/${name}`;
  return {
    kind,
    arn,
    arnKnown: true,
    name,
    path: '/',
    accountId: account,
    tags: {},
    inlinePolicies: (spec.policies ?? []).map((p, i) => ({
      ...policyFrom(p, `${name}-inline-${i}`),
      id: `${arn}#inline/${i}`,
    })),
    managedPolicyArns: [],
    groupArns: (spec.groups ?? []).map((g) => `arn:aws:iam::${account}:group/${g}`),
    ...(spec.trust === undefined
      ? {}
      : { trustPolicy: { ...policyFrom(spec.trust, `${name}-trust`, 'trust'), id: `${arn}#trust` } }),
    source: { file: 'test' },
  };
}

export function inventoryOf(principals: readonly Principal[]): Inventory {
  return {
    principals,
    managedPolicies: [],
    resources: [],
    resourcePolicies: [],
    accountIds: [ACCOUNT],
    diagnostics: [],
  };
}

export function agentActingAs(name: string, arn: string): Agent {
  return {
    name,
    identities: [{ arn }],
    may: [],
    environments: [],
    data: { read: [], write: [] },
    forbid: [],
    allowZones: [],
    humanApproval: [],
    source: { file: 'blast-radius.yaml' },
  };
}

export function configWith(agents: readonly Agent[]): Config {
  return {
    file: 'blast-radius.yaml',
    version: 1,
    environments: {},
    data: {},
    agents,
    organization: { scps: [], rcps: [] },
    approvalConditions: ['aws:MultiFactorAuthPresent'],
    rules: { failOn: 'high', strict: false, severity: {}, ignore: [] },
  };
}

export const trustArn = (arn: string, extra: Record<string, unknown> = {}) => ({
  Statement: [{ Effect: 'Allow', Principal: { AWS: arn }, Action: 'sts:AssumeRole', ...extra }],
});

export const allowAssume = (resource: string) => ({
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resource }],
});
