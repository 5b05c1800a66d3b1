import { describe, expect, it } from 'vitest';
import { BlastRadiusError, ConfigError } from '../../../src/errors.js';
import { emptyConfig, parseConfig, RULE_IDS } from '../../../src/ingest/config/index.js';
import type { Config } from '../../../src/model/config.js';
import { DESIGN_EXAMPLE, DESIGN_EXAMPLE_COMPLETE } from './design-example.js';

const FILE = 'blast-radius.yaml';

/** The error `parseConfig` throws for `text`; fails the test when it does not throw a ConfigError. */
function configErrorOf(text: string, file = FILE): ConfigError {
  try {
    parseConfig(text, file);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected parseConfig to throw a ConfigError');
}

/** A minimal valid agent, as YAML lines indented under `agents:`. */
const AGENT = `  - name: deploy-agent
    identities: [arn:aws:iam::111111111111:role/deploy-agent]
`;

describe('parseConfig: the DESIGN.md example', () => {
  it('reads every key into the model', () => {
    // Given the DESIGN.md example, with the environment and classification it uses defined
    // When it is parsed
    const config = parseConfig(DESIGN_EXAMPLE_COMPLETE, FILE);

    // Then every key lands in the model, camelCased, with the defaults filled in
    expect(config).toEqual<Config>({
      file: FILE,
      version: 1,
      environments: {
        production: {
          tags: { env: ['prod', 'production'] },
          names: ['prod-*', '*-prod'],
          accounts: ['111111111111'],
          arns: ['arn:aws:rds:*:*:db:prod-*'],
        },
        staging: { tags: { env: ['staging'] }, names: [], accounts: [], arns: [] },
      },
      data: {
        sensitive: {
          tags: { 'data-classification': ['pii', 'confidential'] },
          names: [],
          accounts: [],
          arns: ['arn:aws:s3:::customer-*'],
        },
        internal: { tags: { 'data-classification': ['internal'] }, names: [], accounts: [], arns: [] },
      },
      agents: [
        {
          name: 'deploy-agent',
          owner: 'billing-platform@example.com',
          identities: [
            { arn: 'arn:aws:iam::111111111111:role/deploy-agent' },
            { terraform: 'aws_iam_role.deploy_agent' },
          ],
          may: [
            {
              actions: ['lambda:UpdateFunctionCode', 'lambda:Get*'],
              resources: ['arn:aws:lambda:*:111111111111:function:ce-*'],
            },
          ],
          environments: ['staging'],
          data: { read: ['internal'], write: [] },
          forbid: ['data-export'],
          allowZones: [],
          humanApproval: ['delete', 'production'],
          maxSessionDurationSeconds: 3600,
          source: { file: FILE, line: 17 },
        },
      ],
      organization: { scps: ['policies/scp-deny-leave.json'], rcps: [] },
      approvalConditions: ['aws:MultiFactorAuthPresent', 'aws:PrincipalTag/approved-change'],
      rules: {
        failOn: 'high',
        strict: false,
        severity: { 'reach-expansion': 'medium' },
        ignore: [
          {
            rule: 'undeclared-reach',
            agent: 'deploy-agent',
            actions: ['logs:*'],
            reason: 'reviewed in SEC-123',
            expires: '2027-01-31',
            source: { file: FILE, path: 'rules.ignore[0]', line: 41 },
          },
        ],
      },
    });
  });

  it('as written in DESIGN.md, names an environment and a classification it does not define', () => {
    const error = configErrorOf(DESIGN_EXAMPLE);
    expect(error.code).toBe('config.invalid');
    expect(error.location).toEqual({ file: FILE, line: 21, path: 'agents[0].environments[0]' });
    expect(error.message.split('\n')).toEqual([
      'agents[0].environments[0]: undefined environment "staging" (defined under environments: production)',
      'blast-radius.yaml:22 — agents[0].data.read[0]: undefined data classification "internal" (defined under data: sensitive)',
    ]);
  });
});

describe('parseConfig: defaults', () => {
  it('a file with only `version: 1` is the empty configuration', () => {
    expect(parseConfig('version: 1\n', FILE)).toEqual(emptyConfig(FILE));
  });

  it('the empty configuration has no agents or environments, fails on high and gates on MFA', () => {
    expect(emptyConfig(FILE)).toEqual<Config>({
      file: FILE,
      version: 1,
      environments: {},
      data: {},
      agents: [],
      organization: { scps: [], rcps: [] },
      approvalConditions: ['aws:MultiFactorAuthAge', 'aws:MultiFactorAuthPresent'],
      rules: { failOn: 'high', strict: false, severity: {}, ignore: [] },
    });
  });

  it('an agent with only a name and identities gets every default', () => {
    const config = parseConfig(`version: 1\nagents:\n${AGENT}`, FILE);
    expect(config.agents).toEqual([
      {
        name: 'deploy-agent',
        identities: [{ arn: 'arn:aws:iam::111111111111:role/deploy-agent' }],
        may: [],
        environments: [],
        data: { read: [], write: [] },
        forbid: [],
        allowZones: [],
        humanApproval: [],
        source: { file: FILE, line: 3 },
      },
    ]);
    const [agent] = config.agents;
    expect(agent && 'owner' in agent).toBe(false);
    expect(agent && 'maxSessionDurationSeconds' in agent).toBe(false);
  });

  it('a declaration without resources covers every resource', () => {
    const config = parseConfig(
      `version: 1\nagents:\n${AGENT}    may:\n      - actions: s3:GetObject\n`,
      FILE,
    );
    expect(config.agents[0]?.may).toEqual([{ actions: ['s3:GetObject'], resources: ['*'] }]);
  });

  it('an environment with no matchers classifies nothing', () => {
    const config = parseConfig('version: 1\nenvironments:\n  staging: {}\n  dev:\n', FILE);
    expect(config.environments).toEqual({
      staging: { tags: {}, names: [], accounts: [], arns: [] },
      dev: { tags: {}, names: [], accounts: [], arns: [] },
    });
  });

  it.each([
    { key: 'environments:', expected: { environments: {} } },
    { key: 'agents:', expected: { agents: [] } },
    { key: 'organization:', expected: { organization: { scps: [], rcps: [] } } },
    {
      key: 'approval-conditions:',
      expected: { approvalConditions: ['aws:MultiFactorAuthAge', 'aws:MultiFactorAuthPresent'] },
    },
    { key: 'rules:\n  ignore:', expected: { rules: { failOn: 'high', severity: {}, ignore: [] } } },
  ])('an empty `$key` is the same as leaving it out', ({ key, expected }) => {
    expect(parseConfig(`version: 1\n${key}\n`, FILE)).toMatchObject(expected);
  });

  it('an explicit empty approval-conditions list is kept (nothing counts as approval)', () => {
    expect(parseConfig('version: 1\napproval-conditions: []\n', FILE).approvalConditions).toEqual([]);
  });
});

describe('parseConfig: rules.strict', () => {
  it.each([
    { yaml: 'version: 1\n', strict: false },
    { yaml: 'version: 1\nrules:\n  strict: true\n', strict: true },
    { yaml: 'version: 1\nrules:\n  strict: false\n', strict: false },
  ])('$yaml -> strict $strict', ({ yaml, strict }) => {
    expect(parseConfig(yaml, 'blast-radius.yaml').rules.strict).toBe(strict);
  });
});

describe('parseConfig: accepted forms', () => {
  it.each([
    {
      name: 'tag values',
      yaml: 'environments: { p: { tags: { env: prod } } }',
      get: (c: Config) => c.environments.p?.tags.env,
    },
    {
      name: 'names',
      yaml: 'environments: { p: { names: "prod-*" } }',
      get: (c: Config) => c.environments.p?.names,
    },
    {
      name: 'accounts',
      yaml: 'data: { d: { accounts: "111111111111" } }',
      get: (c: Config) => c.data.d?.accounts,
    },
    { name: 'scps', yaml: 'organization: { scps: scp.json }', get: (c: Config) => c.organization.scps },
    {
      name: 'approval-conditions',
      yaml: 'approval-conditions: aws:MultiFactorAuthPresent',
      get: (c: Config) => c.approvalConditions,
    },
  ])('a single string for $name becomes a list of one', ({ yaml, get }) => {
    expect(get(parseConfig(`version: 1\n${yaml}\n`, FILE))).toHaveLength(1);
  });

  it('an action whose name holds a hyphen, as a few catalog actions do, is an action', () => {
    const text = `version: 1\nagents:\n${AGENT}    may: [{ actions: "vpc-lattice:AssociateViaAWSService-EventsAndStates" }]\n`;
    const [agent] = parseConfig(text, FILE).agents;
    expect(agent?.may[0]?.actions).toEqual(['vpc-lattice:AssociateViaAWSService-EventsAndStates']);
  });

  it('a single string for agent lists becomes a list of one', () => {
    const text = `version: 1
environments: { staging: {} }
data: { internal: {} }
agents:
${AGENT}    may: [{ actions: "s3:Get*", resources: "arn:aws:s3:::b/*" }]
    environments: staging
    data: { read: internal, write: internal }
    forbid: delete
    human-approval: production
`;
    const [agent] = parseConfig(text, FILE).agents;
    expect(agent).toMatchObject({
      may: [{ actions: ['s3:Get*'], resources: ['arn:aws:s3:::b/*'] }],
      environments: ['staging'],
      data: { read: ['internal'], write: ['internal'] },
      forbid: ['delete'],
      humanApproval: ['production'],
    });
  });

  it.each([
    { input: '15m', seconds: 900 },
    { input: '1h', seconds: 3600 },
    { input: '12h', seconds: 43_200 },
    { input: '3600s', seconds: 3600 },
    { input: '1h30m', seconds: 5400 },
    { input: '2h0m30s', seconds: 7230 },
    { input: '"3600"', seconds: 3600 },
    { input: '900', seconds: 900 },
    { input: '43200', seconds: 43_200 },
  ])('max-session-duration $input is $seconds seconds', ({ input, seconds }) => {
    const config = parseConfig(`version: 1\nagents:\n${AGENT}    max-session-duration: ${input}\n`, FILE);
    expect(config.agents[0]?.maxSessionDurationSeconds).toBe(seconds);
  });

  it.each([
    { name: 'unquoted (YAML 1.2 reads a string)', text: 'expires: 2027-01-31' },
    { name: 'quoted', text: 'expires: "2027-01-31"' },
    {
      name: 'unquoted in a %YAML 1.1 document (read as a Date)',
      text: 'expires: 2027-01-31',
      directive: '%YAML 1.1\n---\n',
    },
  ])('an $name expiry date becomes the ISO day', ({ text, directive }) => {
    const yaml = `${directive ?? ''}version: 1\nrules:\n  ignore:\n    - { rule: no-go-zone, reason: r, ${text} }\n`;
    expect(parseConfig(yaml, FILE).rules.ignore[0]?.expires).toBe('2027-01-31');
  });

  it.each([
    'arn:aws:iam::111111111111:role/deploy-agent',
    'arn:aws:iam::111111111111:role/service-role/agents/deploy-agent',
    'arn:aws:iam::111111111111:user/ci-bot',
    'arn:aws-us-gov:iam::111111111111:role/x',
    'arn:aws-cn:iam::111111111111:role/x+y=z,a.b@c-d_e',
  ])('identity ARN %s is accepted', (arn) => {
    const text = `version: 1\nagents:\n  - name: a\n    identities: ["${arn}"]\n`;
    expect(parseConfig(text, FILE).agents[0]?.identities).toEqual([{ arn }]);
  });

  it.each([
    'aws_iam_role.deploy_agent',
    'aws_iam_user.ci',
    'data.aws_iam_role.existing',
    'module.agents.aws_iam_role.this[0]',
    'module.agents["deploy"].aws_iam_role.this["a"]',
  ])('identity address %s is accepted', (address) => {
    const text = `version: 1\nagents:\n  - name: a\n    identities: [{ terraform: '${address}' }]\n`;
    expect(parseConfig(text, FILE).agents[0]?.identities).toEqual([{ terraform: address }]);
  });

  it.each(['*', 's3:GetObject', 's3:Get*', 'ec2:Describe?nstances', 'execute-api:Invoke', 'S3:getobject'])(
    'action %s is accepted',
    (action) => {
      const text = `version: 1\nagents:\n${AGENT}    may: [{ actions: ["${action}"] }]\n`;
      expect(parseConfig(text, FILE).agents[0]?.may[0]?.actions).toEqual([action]);
    },
  );

  it.each([
    { file: 'blast-radius.yaml', path: 'policies/scp.json', resolved: 'policies/scp.json' },
    { file: 'infra/blast-radius.yaml', path: 'policies/scp.json', resolved: 'infra/policies/scp.json' },
    { file: 'infra/blast-radius.yaml', path: '../org/scp.json', resolved: 'org/scp.json' },
    { file: '/repo/infra/blast-radius.yaml', path: './scp.json', resolved: '/repo/infra/scp.json' },
    { file: 'infra/blast-radius.yaml', path: '/etc/org/scp.json', resolved: '/etc/org/scp.json' },
  ])('organization path $path in $file is $resolved', ({ file, path, resolved }) => {
    const config = parseConfig(`version: 1\norganization:\n  scps: ["${path}"]\n  rcps: ["${path}"]\n`, file);
    expect(config.organization).toEqual({ scps: [resolved], rcps: [resolved] });
  });

  it('each agent carries the line of its list item', () => {
    const text = `version: 1\nagents:\n${AGENT}  - name: second\n    identities:\n      - terraform: aws_iam_role.second\n`;
    expect(parseConfig(text, 'conf/agents.yaml').agents.map((a) => a.source)).toEqual([
      { file: 'conf/agents.yaml', line: 3 },
      { file: 'conf/agents.yaml', line: 5 },
    ]);
  });

  it('anchors and aliases are resolved', () => {
    const text = `version: 1
environments:
  production: &prod
    accounts: ["111111111111"]
data:
  sensitive: *prod
`;
    expect(parseConfig(text, FILE).data.sensitive?.accounts).toEqual(['111111111111']);
  });
});

/** One invalid case: the YAML after `version: 1`, and where and what the first problem is. */
interface InvalidCase {
  readonly name: string;
  readonly yaml: string;
  readonly line: number;
  readonly path: string;
  readonly message: string;
}

const agentWith = (lines: string): string => `agents:\n${AGENT}${lines}`;

const INVALID_CASES: readonly InvalidCase[] = [
  {
    name: 'unknown top-level key',
    yaml: 'colour: red',
    line: 2,
    path: 'colour',
    message:
      'unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)',
  },
  {
    name: 'misspelt top-level key',
    yaml: 'approval_conditions: []',
    line: 2,
    path: 'approval_conditions',
    message: 'unknown key (did you mean approval-conditions?)',
  },
  {
    name: 'unknown key in an environment',
    yaml: 'environments:\n  production:\n    colour: blue',
    line: 4,
    path: 'environments.production.colour',
    message: 'unknown key (expected tags, names, accounts or arns)',
  },
  {
    name: 'camelCase key in an agent',
    yaml: agentWith('    allowZones: []'),
    line: 5,
    path: 'agents[0].allowZones',
    message: 'unknown key (did you mean allow-zones?)',
  },
  {
    name: 'unknown key in an ignore entry',
    yaml: 'rules:\n  ignore:\n    - rule: no-go-zone\n      reason: r\n      until: 2027-01-01',
    line: 6,
    path: 'rules.ignore[0].until',
    message: 'unknown key (expected rule, agent, actions, resources, reason or expires)',
  },
  {
    name: 'wrong type for actions',
    yaml: agentWith('    may:\n      - actions: [s3:GetObject]\n      - actions: 5'),
    line: 7,
    path: 'agents[0].may[1].actions',
    message: 'expected array of strings, received number',
  },
  {
    name: 'wrong type for an action',
    yaml: agentWith('    may:\n      - actions: [s3:GetObject, 7]'),
    line: 6,
    path: 'agents[0].may[0].actions[1]',
    message:
      'expected an IAM action such as s3:GetObject (wildcards * and ? allowed) or "*", received number',
  },
  {
    name: 'malformed action',
    yaml: agentWith('    may:\n      - actions: s3GetObject'),
    line: 6,
    path: 'agents[0].may[0].actions',
    message:
      'expected an IAM action such as s3:GetObject (wildcards * and ? allowed) or "*", received "s3GetObject"',
  },
  {
    name: 'resource that is not an ARN',
    yaml: agentWith('    may:\n      - actions: "s3:*"\n        resources: [my-bucket]'),
    line: 7,
    path: 'agents[0].may[0].resources[0]',
    message:
      'expected "*" or an ARN or ARN glob (arn:partition:service:region:account:resource), received "my-bucket"',
  },
  {
    name: 'environments is a list',
    yaml: 'environments: [production]',
    line: 2,
    path: 'environments',
    message: 'expected object of name -> classifier, received array',
  },
  {
    name: 'missing agent name',
    yaml: 'agents:\n  - identities: [arn:aws:iam::111111111111:role/a]',
    line: 3,
    path: 'agents[0].name',
    message: 'required key is missing (expected string)',
  },
  {
    name: 'missing identities',
    yaml: 'agents:\n  - name: a',
    line: 3,
    path: 'agents[0].identities',
    message: 'required key is missing (expected array of identities)',
  },
  {
    name: 'empty identities',
    yaml: 'agents:\n  - name: a\n    identities: []',
    line: 4,
    path: 'agents[0].identities',
    message: 'expected at least one identity, received an empty array',
  },
  {
    name: 'identity that is not a role or user ARN',
    yaml: 'agents:\n  - name: a\n    identities: ["arn:aws:iam::111111111111:policy/p"]',
    line: 4,
    path: 'agents[0].identities[0]',
    message:
      'expected an IAM role or user ARN (arn:aws:iam::<12-digit account>:role/<name> or user/<name>), received "arn:aws:iam::111111111111:policy/p"',
  },
  {
    name: 'identity address that is not a role or user',
    yaml: 'agents:\n  - name: a\n    identities:\n      - terraform: aws_s3_bucket.logs',
    line: 5,
    path: 'agents[0].identities[0].terraform',
    message:
      'expected the address of an aws_iam_role or aws_iam_user resource, such as aws_iam_role.deploy_agent, received "aws_s3_bucket.logs"',
  },
  {
    name: 'identity object with the wrong key',
    yaml: 'agents:\n  - name: a\n    identities:\n      - arn: arn:aws:iam::111111111111:role/a',
    line: 5,
    path: 'agents[0].identities[0]',
    message: 'expected { terraform: <resource address> }, received an object with keys arn',
  },
  {
    name: 'bad capability in forbid',
    yaml: agentWith('    forbid: [data-export, delete-everything]'),
    line: 5,
    path: 'agents[0].forbid[1]',
    message:
      'expected a capability (audit-tamper, credential-access, data-delete, data-export, delete, iam-write, network-exposure, permissions-management, production or publish), received "delete-everything"',
  },
  {
    name: 'misspelt capability in human-approval',
    yaml: agentWith('    human-approval: [deletee]'),
    line: 5,
    path: 'agents[0].human-approval[0]',
    message:
      'expected a capability (audit-tamper, credential-access, data-delete, data-export, delete, iam-write, network-exposure, permissions-management, production or publish), received "deletee"; did you mean delete?',
  },
  {
    name: 'allow-zones for a zone that is not a default no-go zone',
    yaml: agentWith('    allow-zones:\n      - { zone: delete, reason: "deletes old builds" }'),
    line: 6,
    path: 'agents[0].allow-zones[0].zone',
    message:
      'expected a default no-go zone (iam-write, permissions-management, network-exposure, data-export or audit-tamper), received "delete"; only a default zone can be opted out of',
  },
  {
    name: 'allow-zones without a reason',
    yaml: agentWith('    allow-zones:\n      - zone: iam-write\n        reason: ""'),
    line: 7,
    path: 'agents[0].allow-zones[0].reason',
    message: 'expected a non-empty string, received ""',
  },
  {
    name: 'zone both forbidden and allowed',
    yaml: agentWith('    forbid: [iam-write]\n    allow-zones: [{ zone: iam-write, reason: r }]'),
    line: 6,
    path: 'agents[0].allow-zones[0].zone',
    message: '"iam-write" is also listed under forbid; an agent cannot both forbid and allow a zone',
  },
  {
    name: 'undefined environment name',
    yaml: `environments:\n  production: {}\n  staging: {}\n${agentWith('    environments: [production, stagign]')}`,
    line: 8,
    path: 'agents[0].environments[1]',
    message:
      'undefined environment "stagign" (defined under environments: production, staging); did you mean staging?',
  },
  {
    name: 'environment name when none is defined',
    yaml: agentWith('    environments: staging'),
    line: 5,
    path: 'agents[0].environments',
    message: 'undefined environment "staging" (no environments are defined under environments:)',
  },
  {
    name: 'undefined data classification',
    yaml: `data:\n  sensitive: {}\n${agentWith('    data: { read: [], write: [secret] }')}`,
    line: 7,
    path: 'agents[0].data.write[0]',
    message: 'undefined data classification "secret" (defined under data: sensitive)',
  },
  {
    name: 'duplicate agent name',
    yaml: `agents:\n${AGENT}  - name: other\n    identities: [arn:aws:iam::111111111111:role/other]\n${AGENT}`,
    line: 7,
    path: 'agents[2].name',
    message: 'duplicate agent name "deploy-agent" (also the name of agents[0])',
  },
  {
    name: 'duration in words',
    yaml: agentWith('    max-session-duration: 1 hour'),
    line: 5,
    path: 'agents[0].max-session-duration',
    message: 'expected a duration such as 15m, 1h, 1h30m or 3600s, or a number of seconds, received "1 hour"',
  },
  {
    name: 'duration above the IAM limit',
    yaml: agentWith('    max-session-duration: 13h'),
    line: 5,
    path: 'agents[0].max-session-duration',
    message:
      'expected a duration from 15m to 12h (900 to 43200 seconds, the IAM limits), received "13h" (46800 seconds)',
  },
  {
    name: 'duration below the IAM limit',
    yaml: agentWith('    max-session-duration: 600'),
    line: 5,
    path: 'agents[0].max-session-duration',
    message: 'expected a duration from 15m to 12h (900 to 43200 seconds, the IAM limits), received 600',
  },
  {
    name: 'fractional seconds',
    yaml: agentWith('    max-session-duration: 900.5'),
    line: 5,
    path: 'agents[0].max-session-duration',
    message: 'expected a whole number of seconds, received 900.5',
  },
  {
    name: 'account id too short',
    yaml: 'environments:\n  production:\n    accounts: ["11111111111"]',
    line: 4,
    path: 'environments.production.accounts[0]',
    message: 'expected a 12-digit account id, received "11111111111"',
  },
  {
    name: 'unquoted account id',
    yaml: 'environments:\n  production:\n    accounts: [111111111111]',
    line: 4,
    path: 'environments.production.accounts[0]',
    message:
      'expected a 12-digit account id in quotes, received number 111111111111 (YAML drops leading zeros from numbers)',
  },
  {
    name: 'unquoted number as a tag value',
    yaml: 'environments:\n  production:\n    tags:\n      cost-center: 1234',
    line: 5,
    path: 'environments.production.tags.cost-center',
    message: 'expected string or array of strings, received number (put the value in quotes)',
  },
  {
    name: 'classifier ARN that is not an ARN',
    yaml: 'data:\n  sensitive:\n    arns: ["customer-*"]',
    line: 4,
    path: 'data.sensitive.arns[0]',
    message:
      'expected an ARN or ARN glob (arn:partition:service:region:account:resource), received "customer-*"',
  },
  {
    name: 'bad fail-on',
    yaml: 'rules:\n  fail-on: severe',
    line: 3,
    path: 'rules.fail-on',
    message: 'expected one of critical, high, medium, low or none, received "severe"',
  },
  {
    name: 'strict that is not a boolean',
    yaml: 'rules:\n  strict: yes please',
    line: 3,
    path: 'rules.strict',
    message: 'expected true or false, received string',
  },
  {
    name: 'unknown rule in severity',
    yaml: 'rules:\n  severity:\n    reach-expanson: low',
    line: 4,
    path: 'rules.severity.reach-expanson',
    message: 'unknown key (did you mean reach-expansion?)',
  },
  {
    name: 'bad severity',
    yaml: 'rules:\n  severity: { no-go-zone: urgent }',
    line: 3,
    path: 'rules.severity.no-go-zone',
    message: 'expected a severity (critical, high, medium or low), received "urgent"',
  },
  {
    name: 'unknown rule in ignore',
    yaml: 'rules:\n  ignore:\n    - { rule: no-go-zones, reason: r }',
    line: 4,
    path: 'rules.ignore[0].rule',
    message: `expected a rule id (${[...RULE_IDS].slice(0, -1).join(', ')} or ungated-approval), received "no-go-zones"; did you mean no-go-zone?`,
  },
  {
    name: 'ignore without a reason',
    yaml: 'rules:\n  ignore:\n    - rule: no-go-zone',
    line: 4,
    path: 'rules.ignore[0].reason',
    message: 'required key is missing (expected string)',
  },
  {
    name: 'unquoted date that is not on the calendar',
    yaml: 'rules:\n  ignore:\n    - rule: no-go-zone\n      reason: r\n      expires: 2027-02-30',
    line: 6,
    path: 'rules.ignore[0].expires',
    message: 'expected a calendar date (YYYY-MM-DD), received "2027-02-30"',
  },
  {
    name: 'date in another format',
    yaml: 'rules:\n  ignore:\n    - { rule: no-go-zone, reason: r, expires: 31/01/2027 }',
    line: 4,
    path: 'rules.ignore[0].expires',
    message: 'expected a date (YYYY-MM-DD), received "31/01/2027"',
  },
  {
    name: 'timestamp instead of a date',
    yaml: 'rules:\n  ignore:\n    - { rule: no-go-zone, reason: r, expires: 2027-01-31T10:00:00Z }',
    line: 4,
    path: 'rules.ignore[0].expires',
    message: 'expected a date (YYYY-MM-DD), received "2027-01-31T10:00:00Z"',
  },
  {
    name: 'malformed approval condition key',
    yaml: 'approval-conditions: [MultiFactorAuthPresent]',
    line: 2,
    path: 'approval-conditions[0]',
    message:
      'expected a condition key such as aws:MultiFactorAuthPresent or aws:PrincipalTag/approved-change, received "MultiFactorAuthPresent"',
  },
];

/** Six levels of ten aliases each: 10^6 copies of the first list when expanded. */
const BILLION_LAUGHS = [
  'version: 1',
  'environments:',
  '  a: &b0 { names: [x, x, x, x, x, x, x, x, x, x] }',
  ...Array.from({ length: 6 }, (_, i) => `  b${i + 1}: &b${i + 1} [${Array(10).fill(`*b${i}`).join(', ')}]`),
  '',
].join('\n');

describe('parseConfig: invalid files', () => {
  it.each(INVALID_CASES)('$name: line $line, $path', ({ yaml, line, path, message }) => {
    // Given a config whose first problem is at `line`
    const error = configErrorOf(`version: 1\n${yaml}\n`);

    // Then it is one config.invalid error located there, whose first line is `path: message`
    expect(error).toBeInstanceOf(BlastRadiusError);
    expect(error.code).toBe('config.invalid');
    expect(error.exitCode).toBe(2);
    expect(error.location).toEqual({ file: FILE, line, path });
    expect(error.message.split('\n')[0]).toBe(`${path}: ${message}`);
  });

  it('`version` must be 1', () => {
    const error = configErrorOf('version: 2\n');
    expect(error.location).toEqual({ file: FILE, line: 1, path: 'version' });
    expect(error.message).toBe('version: expected 1, received 2');
  });

  it('a missing version is reported at the top of the file', () => {
    const error = configErrorOf('# blast radius\nagents: []\n');
    expect(error.location).toEqual({ file: FILE, line: 2, path: 'version' });
    expect(error.message).toBe('version: required key is missing (expected 1)');
  });

  it('an unquoted timestamp in a %YAML 1.1 document (read as a Date) is not a date', () => {
    const text =
      '%YAML 1.1\n---\nversion: 1\nrules:\n  ignore:\n    - { rule: no-go-zone, reason: r, expires: 2027-01-31T10:00:00Z }\n';
    const error = configErrorOf(text);
    expect(error.location).toEqual({ file: FILE, line: 6, path: 'rules.ignore[0].expires' });
    expect(error.message).toBe(
      'rules.ignore[0].expires: expected a date (YYYY-MM-DD), received the timestamp 2027-01-31T10:00:00.000Z',
    );
  });

  it('lists every problem in file order, ten at most, then "and N more"', () => {
    const text = [
      'version: 1',
      ...Array.from({ length: 13 }, (_, i) => `unknown-${i}: x`),
      'version-2: x',
    ].join('\n');
    const lines = configErrorOf(text).message.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^unknown-0: unknown key/);
    expect(lines[9]).toMatch(/^blast-radius\.yaml:11 — unknown-9: unknown key/);
    expect(lines[10]).toBe('and 4 more');
  });

  it('reports shape problems first: references are checked once the shape is valid', () => {
    const error = configErrorOf(`version: 1\n${agentWith('    environments: [nowhere]\n    owner: 5')}\n`);
    expect(error.message).toBe('agents[0].owner: expected string, received number (put the value in quotes)');
  });

  it.each([
    { name: 'empty', text: '' },
    { name: 'blank', text: '\n\n   \n' },
    { name: 'only comments', text: '# nothing yet\n' },
    { name: 'a null document', text: '~\n' },
  ])('an $name file is "the file is empty"', ({ text }) => {
    const error = configErrorOf(text);
    expect(error.code).toBe('config.invalid');
    expect(error.location).toEqual({ file: FILE });
    expect(error.message).toBe('the file is empty; expected at least "version: 1"');
  });

  it.each([
    { name: 'a list', text: '- version: 1\n', received: 'array' },
    { name: 'a string', text: 'version 1\n', received: 'string' },
  ])('a document that is $name is "expected object"', ({ text, received }) => {
    const error = configErrorOf(text);
    expect(error.location).toEqual({ file: FILE, line: 1 });
    expect(error.message).toBe(
      `expected object (version: 1, environments, data, agents, …), received ${received}`,
    );
  });

  it.each([
    { name: 'bad indentation', text: 'version: 1\nagents:\n  - name: a\n   identities: []\n', line: 4 },
    { name: 'duplicate key', text: 'version: 1\nrules: {}\nrules: {}\n', line: 3 },
    { name: 'unclosed quote', text: 'version: 1\nagents:\n  - name: "a\n', line: 4 },
    { name: 'tab indentation', text: 'version: 1\nrules:\n\tfail-on: high\n', line: 3 },
    { name: 'two documents', text: 'version: 1\n---\nversion: 1\n', line: 2 },
    { name: 'alias without anchor', text: 'version: 1\ndata: *envs\n', line: 2 },
    { name: 'aliases that expand exponentially', text: BILLION_LAUGHS, line: undefined },
    {
      name: 'alias inside its own anchor',
      text: 'version: 1\nagents: &a [{ name: x, identities: *a }]\n',
      line: 2,
    },
  ])('$name is config.invalid-yaml at line $line', ({ text, line }) => {
    const error = configErrorOf(text);
    expect(error.code).toBe('config.invalid-yaml');
    expect(error.location).toEqual(line === undefined ? { file: FILE } : { file: FILE, line });
    expect(error.message).toMatch(/^invalid YAML: /);
  });
});

describe('RULE_IDS', () => {
  it('is sorted and names every rule of DESIGN.md', () => {
    expect([...RULE_IDS].sort()).toEqual([...RULE_IDS]);
    expect(new Set(RULE_IDS)).toEqual(
      new Set([
        'undeclared-reach',
        'no-go-zone',
        'privilege-escalation',
        'ungated-approval',
        'environment-violation',
        'data-violation',
        'production-deletion',
        'reach-expansion',
        'sensitive-exposure',
        'shared-identity',
        'long-lived-credentials',
        'stale-declaration',
      ]),
    );
  });
});

describe('parseConfig: names', () => {
  it('an empty environment name is an invalid key', () => {
    const error = configErrorOf('version: 1\nenvironments:\n  "": {}\n');
    expect(error.location).toEqual({ file: FILE, line: 3, path: 'environments[""]' });
    expect(error.message).toBe('environments[""]: invalid key "": expected a non-empty string, received ""');
  });

  it('a key that is not a plain word is shown in brackets', () => {
    const error = configErrorOf(
      'version: 1\nenvironments:\n  prod.eu:\n    tags:\n      "aws:stack name": 7\n',
    );
    expect(error.location).toEqual({
      file: FILE,
      line: 5,
      path: 'environments["prod.eu"].tags["aws:stack name"]',
    });
  });
});
