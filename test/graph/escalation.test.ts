import { describe, expect, it } from 'vitest';
import { buildAnalysis } from '../../src/graph/analysis.js';
import { PASS_ROLE_SERVICES } from '../../src/graph/escalation/pass-role-methods.js';
import { WORKLOAD_METHODS } from '../../src/graph/escalation/workload-methods.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Principal } from '../../src/model/principal.js';
import type { Resource } from '../../src/model/resource.js';
import { runRules } from '../../src/rules/engine.js';
import privilegeEscalation from '../../src/rules/privilege-escalation.js';
import { ACCOUNT, agentActingAs, configWith, inventoryOf, principal } from '../helpers/inventory.js';
import { testCatalog } from '../helpers/policy.js';
import { TEST_TODAY } from '../helpers/rules.js';

const AGENT = `arn:aws:iam::${ACCOUNT}:role/agent`;
const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/admin`;
const ADMIN_USER = `arn:aws:iam::${ACCOUNT}:user/admin`;
const ADMIN = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const allow = (action: string | readonly string[], resource = '*') => ({
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
const trustService = (service: string) => ({
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});

function agentRole(...policies: unknown[]): Principal {
  return principal('role', 'agent', { policies });
}

function workload(type: string, arn: string, runsAs: readonly string[]): Resource {
  return {
    arn,
    arnKnown: true,
    type,
    name: arn.split(/[:/]/).at(-1) ?? arn,
    tags: {},
    runsAs,
    source: { file: 'test' },
  };
}

function withResources(inventory: Inventory, resources: readonly Resource[]): Inventory {
  return { ...inventory, resources };
}

/** The principals the agent reaches, with the kind and method of each hop after acts-as. */
function reached(inventory: Inventory) {
  const analysis = buildAnalysis(testCatalog(), inventory, configWith([agentActingAs('bot', AGENT)]));
  return (analysis.agents[0]?.principals ?? []).map((p) => ({
    arn: p.principal.arn,
    hops: p.path.slice(1).map((h) => `${h.kind}:${h.method ?? ''}`),
    escalated: p.escalated,
  }));
}

function escalations(inventory: Inventory) {
  const config = configWith([agentActingAs('bot', AGENT)]);
  const catalog = testCatalog();
  const after = buildAnalysis(catalog, inventory, config);
  return runRules([privilegeEscalation], { catalog, config, after }, config.rules, TEST_TODAY);
}

describe('escalation method tables', () => {
  const catalog = testCatalog();
  const actions = [
    ...PASS_ROLE_SERVICES.flatMap((s) => s.alternatives.flat()),
    ...WORKLOAD_METHODS.flatMap((m) => m.alternatives.flat()),
  ];
  it.each([...new Set(actions)].sort())('%s is a catalog action', (action) => {
    expect(catalog.indexOf(action)).toBeDefined();
  });
});

describe('can-pass-role edges', () => {
  const lambdaAdmin = principal('role', 'admin', {
    trust: trustService('lambda.amazonaws.com'),
    policies: [ADMIN],
  });

  it('PassRole plus CreateFunction and InvokeFunction reaches the role the function runs as', () => {
    const agent = agentRole(
      allow('iam:PassRole', ADMIN_ROLE),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
    );
    expect(reached(inventoryOf([agent, lambdaAdmin]))).toContainEqual({
      arn: ADMIN_ROLE,
      hops: ['can-pass-role:iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction'],
      escalated: true,
    });
  });

  it('PassRole alone, or on a role the service does not trust, reaches nothing', () => {
    const passOnly = agentRole(allow('iam:PassRole', ADMIN_ROLE));
    expect(reached(inventoryOf([passOnly, lambdaAdmin])).map((r) => r.arn)).toEqual([AGENT]);
    const ecsRole = principal('role', 'admin', {
      trust: trustService('ecs-tasks.amazonaws.com'),
      policies: [ADMIN],
    });
    const lambdaRights = agentRole(
      allow('iam:PassRole'),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
    );
    expect(reached(inventoryOf([lambdaRights, ecsRole])).map((r) => r.arn)).toEqual([AGENT]);
  });

  it('EC2 needs the role in an instance profile, or the rights to make one', () => {
    const ec2Admin = principal('role', 'admin', {
      trust: trustService('ec2.amazonaws.com'),
      policies: [ADMIN],
    });
    const agent = agentRole(allow('iam:PassRole'), allow('ec2:RunInstances'));
    expect(reached(inventoryOf([agent, ec2Admin])).map((r) => r.arn)).toEqual([AGENT]);
    const profile = workload('aws_iam_instance_profile', `arn:aws:iam::${ACCOUNT}:instance-profile/admin`, [
      ADMIN_ROLE,
    ]);
    expect(reached(withResources(inventoryOf([agent, ec2Admin]), [profile])).map((r) => r.arn)).toEqual([
      AGENT,
      ADMIN_ROLE,
    ]);
  });
});

describe('can-pass-role edges: instance profiles', () => {
  const ec2Admin = principal('role', 'admin', {
    trust: trustService('ec2.amazonaws.com'),
    policies: [ADMIN],
  });
  const PROFILE = `arn:aws:iam::${ACCOUNT}:instance-profile/meek`;
  const MEEK_ROLE = `arn:aws:iam::${ACCOUNT}:role/meek`;
  const run = [allow('iam:PassRole'), allow('ec2:RunInstances')];

  it('creating a profile names the actions that make it', () => {
    const agent = agentRole(...run, allow(['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile']));
    expect(reached(inventoryOf([agent, ec2Admin]))).toContainEqual({
      arn: ADMIN_ROLE,
      hops: [
        'can-pass-role:iam:PassRole+iam:CreateInstanceProfile+iam:AddRoleToInstanceProfile+ec2:RunInstances',
      ],
      escalated: true,
    });
  });

  it('swapping the role into an existing profile takes the role it holds out first', () => {
    const meekProfile = workload('aws_iam_instance_profile', PROFILE, [MEEK_ROLE]);
    const swap = agentRole(
      ...run,
      allow(['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'], PROFILE),
    );
    expect(reached(withResources(inventoryOf([swap, ec2Admin]), [meekProfile]))).toContainEqual({
      arn: ADMIN_ROLE,
      hops: [
        'can-pass-role:iam:PassRole+iam:RemoveRoleFromInstanceProfile+iam:AddRoleToInstanceProfile+ec2:RunInstances',
      ],
      escalated: true,
    });
    const addOnly = agentRole(...run, allow('iam:AddRoleToInstanceProfile', PROFILE));
    expect(reached(withResources(inventoryOf([addOnly, ec2Admin]), [meekProfile])).map((r) => r.arn)).toEqual(
      [AGENT],
    );
  });

  it('an empty profile only needs the role added, on that profile', () => {
    const empty = workload('aws_iam_instance_profile', PROFILE, []);
    const agent = agentRole(...run, allow('iam:AddRoleToInstanceProfile', PROFILE));
    expect(reached(withResources(inventoryOf([agent, ec2Admin]), [empty])).map((r) => r.hops)).toContainEqual(
      ['can-pass-role:iam:PassRole+iam:AddRoleToInstanceProfile+ec2:RunInstances'],
    );
    const elsewhere = agentRole(
      ...run,
      allow('iam:AddRoleToInstanceProfile', `arn:aws:iam::${ACCOUNT}:instance-profile/other`),
    );
    expect(reached(withResources(inventoryOf([elsewhere, ec2Admin]), [empty])).map((r) => r.arn)).toEqual([
      AGENT,
    ]);
  });
});

describe('can-escalate edges', () => {
  it('CreateAccessKey on another user reaches that user', () => {
    const user = principal('user', 'admin', { policies: [ADMIN] });
    const agent = agentRole(allow('iam:CreateAccessKey', ADMIN_USER));
    expect(reached(inventoryOf([agent, user]))).toContainEqual({
      arn: ADMIN_USER,
      hops: ['can-escalate:iam:CreateAccessKey'],
      escalated: true,
    });
  });

  it('UpdateAssumeRolePolicy reaches the role whose trust it rewrites', () => {
    const role = principal('role', 'admin', {
      trust: trustService('lambda.amazonaws.com'),
      policies: [ADMIN],
    });
    const agent = agentRole(allow('iam:UpdateAssumeRolePolicy', ADMIN_ROLE));
    expect(reached(inventoryOf([agent, role])).map((r) => r.hops)).toContainEqual([
      'can-escalate:iam:UpdateAssumeRolePolicy',
    ]);
  });

  it('AddUserToGroup lets a user gain a group it is not in', () => {
    const me = principal('user', 'agent', { policies: [allow('iam:AddUserToGroup')] });
    const group = principal('group', 'admins', { policies: [ADMIN] });
    const analysis = buildAnalysis(
      testCatalog(),
      inventoryOf([me, group]),
      configWith([agentActingAs('bot', me.arn)]),
    );
    expect(analysis.agents[0]?.principals.map((p) => p.principal.arn)).toEqual([me.arn, group.arn]);
  });

  it('UpdateFunctionCode on a function takes over the role it runs as', () => {
    const role = principal('role', 'admin', {
      trust: trustService('lambda.amazonaws.com'),
      policies: [ADMIN],
    });
    const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:etl`;
    const agent = agentRole(allow('lambda:UpdateFunctionCode', fn));
    const inventory = withResources(inventoryOf([agent, role]), [
      workload('aws_lambda_function', fn, [ADMIN_ROLE]),
    ]);
    expect(reached(inventory)).toContainEqual({
      arn: ADMIN_ROLE,
      hops: ['can-escalate:lambda:UpdateFunctionCode'],
      escalated: true,
    });
    const elsewhere = agentRole(
      allow('lambda:UpdateFunctionCode', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:other`),
    );
    expect(
      reached(withResources(inventoryOf([elsewhere, role]), inventory.resources)).map((r) => r.arn),
    ).toEqual([AGENT]);
  });

  it('ssm:SendCommand on an instance takes over its profile role', () => {
    const role = principal('role', 'admin', { trust: trustService('ec2.amazonaws.com'), policies: [ADMIN] });
    const instance = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`;
    const agent = agentRole(allow('ssm:SendCommand'));
    const inventory = withResources(inventoryOf([agent, role]), [
      workload('aws_instance', instance, [ADMIN_ROLE]),
    ]);
    expect(reached(inventory).map((r) => r.hops)).toContainEqual(['can-escalate:ssm:SendCommand']);
  });
});

describe('privilege-escalation', () => {
  it('fires for a stronger principal reached by an escalation, with the shortest path', () => {
    const user = principal('user', 'admin', { policies: [ADMIN] });
    const agent = agentRole(allow('iam:CreateAccessKey', ADMIN_USER));
    const [finding, ...rest] = escalations(inventoryOf([agent, user]));
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('critical');
    expect(finding?.principal).toBe(ADMIN_USER);
    expect(finding?.evidence.actions).toEqual(['iam:CreateAccessKey']);
    expect(finding?.evidence.path.map((h) => h.kind)).toEqual(['acts-as', 'can-escalate']);
  });

  it('does not fire when the target can do nothing the agent cannot', () => {
    const weak = principal('user', 'admin', { policies: [allow('s3:GetObject')] });
    const agent = agentRole(allow(['iam:CreateAccessKey', 's3:GetObject']));
    expect(escalations(inventoryOf([agent, weak]))).toEqual([]);
  });

  it('fires for a principal that can rewrite its own permissions (a self-loop)', () => {
    const agent = agentRole(allow('iam:PutRolePolicy', AGENT));
    const [finding] = escalations(inventoryOf([agent]));
    expect(finding?.principal).toBe(AGENT);
    expect(finding?.message).toContain('any permission');
    expect(finding?.evidence.path.at(-1)?.method).toBe('iam:PutRolePolicy');
  });

  it('CreatePolicyVersion on a customer managed policy attached to the agent is a rewrite', () => {
    const policyArn = `arn:aws:iam::${ACCOUNT}:policy/agent`;
    const agent: Principal = { ...agentRole(), managedPolicyArns: [policyArn] };
    const inventory: Inventory = {
      ...inventoryOf([agent]),
      managedPolicies: [
        {
          id: policyArn,
          arn: policyArn,
          name: 'agent',
          kind: 'customer-managed',
          document: {
            statements: [
              { index: 0, effect: 'Allow', action: ['iam:CreatePolicyVersion'], resource: [policyArn] },
            ],
          },
          source: { file: 'test' },
        },
      ],
    };
    const [finding] = escalations(inventory);
    expect(finding?.evidence.path.at(-1)).toMatchObject({
      method: 'iam:CreatePolicyVersion',
      via: policyArn,
    });
  });

  it('an administrator has nothing to escalate to', () => {
    expect(escalations(inventoryOf([agentRole(ADMIN)]))).toEqual([]);
  });

  it('removing a permissions boundary fires with what the boundary held back', () => {
    const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
    const agent: Principal = {
      ...agentRole(allow(['iam:DeleteRolePermissionsBoundary', 's3:*'])),
      permissionsBoundaryArn: boundaryArn,
    };
    const inventory: Inventory = {
      ...inventoryOf([agent]),
      managedPolicies: [
        {
          id: boundaryArn,
          arn: boundaryArn,
          name: 'boundary',
          kind: 'customer-managed',
          document: {
            statements: [
              {
                index: 0,
                effect: 'Allow',
                action: ['iam:DeleteRolePermissionsBoundary', 's3:GetObject'],
                resource: ['*'],
              },
            ],
          },
          source: { file: 'test' },
        },
      ],
    };
    const [finding] = escalations(inventory);
    expect(finding?.message).toContain('remove the permissions boundary');
    expect(finding?.evidence.capabilities).toContain('data-delete');
  });
});
