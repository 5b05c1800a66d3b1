import { describe, expect, it } from 'vitest';
import { buildPlanModel } from '../../../src/ingest/terraform-plan/to-model.js';
import type { Principal } from '../../../src/model/principal.js';
import { ACCOUNT, ASSUME_EC2, create, FILE, plan, policyJson, READ_S3 } from './plan-builder.js';

const arn = (kind: string, path: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${path}`;
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

function afterWorld(changes: Record<string, unknown>[]) {
  return buildPlanModel(plan({ changes }), FILE).after;
}

function principal(changes: Record<string, unknown>[], principalArn: string): Principal | undefined {
  return afterWorld(changes).principals.find((p) => p.arn === principalArn);
}

const role = create(
  'aws_iam_role.agent',
  { name: 'agent', path: '/', assume_role_policy: ASSUME_EC2 },
  { arn: true },
);
const user = create('aws_iam_user.ci', { name: 'ci', path: '/' }, { arn: true });
const group = create('aws_iam_group.devs', { name: 'devs', path: '/' }, { arn: true });
const policy = create('aws_iam_policy.read', { name: 'read', path: '/', policy: READ_S3 }, { arn: true });
const READ_ARN = arn('policy', 'read');

describe('IAM principals from their own resources', () => {
  it('reads an aws_iam_role with everything that decides its reach', () => {
    const found = principal(
      [
        create('aws_iam_role.deploy', {
          arn: arn('role', 'agents/deploy'),
          name: 'deploy',
          path: '/agents/',
          assume_role_policy: ASSUME_EC2,
          permissions_boundary: arn('policy', 'boundary'),
          max_session_duration: 7200,
          managed_policy_arns: [ADMIN],
          inline_policy: [{ name: 'read', policy: READ_S3 }],
          tags: { team: 'x' },
          tags_all: { team: 'x', env: 'prod' },
        }),
      ],
      arn('role', 'agents/deploy'),
    );
    expect(found).toMatchObject({
      kind: 'role',
      arnKnown: true,
      name: 'deploy',
      path: '/agents/',
      accountId: ACCOUNT,
      address: 'aws_iam_role.deploy',
      tags: { team: 'x', env: 'prod' },
      managedPolicyArns: [ADMIN],
      permissionsBoundaryArn: arn('policy', 'boundary'),
      maxSessionDurationSeconds: 7200,
      trustPolicy: {
        id: `${arn('role', 'agents/deploy')}#trust`,
        kind: 'trust',
        address: 'aws_iam_role.deploy',
      },
      inlinePolicies: [{ id: `${arn('role', 'agents/deploy')}#inline/read`, name: 'read', kind: 'inline' }],
      source: { file: FILE, path: 'resource_changes[0]' },
    });
  });

  it('synthesises the ARN of a role whose arn is unknown until apply', () => {
    expect(principal([role], arn('role', 'agent'))).toMatchObject({
      arnKnown: false,
      name: 'agent',
      path: '/',
    });
  });

  it.each([
    {
      name: 'aws_iam_user',
      changes: [
        create(
          'aws_iam_user.u',
          { name: 'u', path: '/bots/', permissions_boundary: arn('policy', 'b'), tags: { a: 'b' } },
          { arn: true },
        ),
      ],
      arn: arn('user', 'bots/u'),
      expected: { kind: 'user', permissionsBoundaryArn: arn('policy', 'b'), tags: { a: 'b' } },
    },
    {
      name: 'aws_iam_group',
      changes: [create('aws_iam_group.g', { name: 'g', path: '/t/' }, { arn: true })],
      arn: arn('group', 't/g'),
      expected: { kind: 'group', path: '/t/' },
    },
  ])('reads an $name', ({ changes, arn: principalArn, expected }) => {
    expect(principal(changes, principalArn)).toMatchObject(expected);
  });

  it('reads an aws_iam_policy as a customer managed policy', () => {
    expect(afterWorld([policy]).managedPolicies).toEqual([
      {
        id: READ_ARN,
        name: 'read',
        kind: 'customer-managed',
        arn: READ_ARN,
        address: 'aws_iam_policy.read',
        document: {
          version: '2012-10-17',
          statements: [{ index: 0, effect: 'Allow', action: ['s3:GetObject'], resource: ['*'] }],
        },
        source: { file: FILE, path: 'resource_changes[0]' },
      },
    ]);
  });

  it('keeps an aws_iam_instance_profile as a resource', () => {
    const resources = afterWorld([
      create('aws_iam_instance_profile.p', { name: 'p', path: '/', role: 'agent' }, { arn: true }),
      role,
    ]).resources;
    expect(resources.find((r) => r.type === 'aws_iam_instance_profile')).toMatchObject({
      arn: arn('instance-profile', 'p'),
      name: 'p',
    });
  });
});

describe('IAM relations declared by their own resources', () => {
  it.each([
    {
      type: 'aws_iam_role_policy',
      changes: [
        role,
        create('aws_iam_role_policy.p', { name: 'inline', role: 'agent', policy: READ_S3 }, { id: true }),
      ],
      target: arn('role', 'agent'),
    },
    {
      type: 'aws_iam_user_policy',
      changes: [
        user,
        create('aws_iam_user_policy.p', { name: 'inline', user: 'ci', policy: READ_S3 }, { id: true }),
      ],
      target: arn('user', 'ci'),
    },
    {
      type: 'aws_iam_group_policy',
      changes: [
        group,
        create('aws_iam_group_policy.p', { name: 'inline', group: 'devs', policy: READ_S3 }, { id: true }),
      ],
      target: arn('group', 'devs'),
    },
  ])('$type adds an inline policy to the principal it names', ({ type, changes, target }) => {
    expect(principal(changes, target)?.inlinePolicies).toMatchObject([
      {
        id: `${target}#inline/inline`,
        name: 'inline',
        kind: 'inline',
        address: `${type}.p`,
        document: { statements: [{ action: ['s3:GetObject'] }] },
      },
    ]);
  });

  it.each([
    {
      type: 'aws_iam_role_policy_attachment',
      changes: [
        role,
        policy,
        create('aws_iam_role_policy_attachment.a', { role: 'agent', policy_arn: ADMIN }),
      ],
      targets: [arn('role', 'agent')],
    },
    {
      type: 'aws_iam_user_policy_attachment',
      changes: [user, policy, create('aws_iam_user_policy_attachment.a', { user: 'ci', policy_arn: ADMIN })],
      targets: [arn('user', 'ci')],
    },
    {
      type: 'aws_iam_group_policy_attachment',
      changes: [
        group,
        policy,
        create('aws_iam_group_policy_attachment.a', { group: 'devs', policy_arn: ADMIN }),
      ],
      targets: [arn('group', 'devs')],
    },
    {
      type: 'aws_iam_policy_attachment',
      changes: [
        role,
        user,
        group,
        create('aws_iam_policy_attachment.a', {
          name: 'a',
          policy_arn: ADMIN,
          users: ['ci'],
          roles: ['agent'],
          groups: ['devs'],
        }),
      ],
      targets: [arn('role', 'agent'), arn('user', 'ci'), arn('group', 'devs')],
    },
    {
      type: 'aws_iam_role_policy_attachments_exclusive',
      changes: [
        role,
        create('aws_iam_role_policy_attachments_exclusive.a', { role_name: 'agent', policy_arns: [ADMIN] }),
      ],
      targets: [arn('role', 'agent')],
    },
  ])('$type attaches the policy to each principal it names', ({ changes, targets }) => {
    for (const target of targets) expect(principal(changes, target)?.managedPolicyArns).toEqual([ADMIN]);
  });

  it('treats aws_iam_role_policies_exclusive as information only', () => {
    const inventory = afterWorld([
      role,
      create('aws_iam_role_policies_exclusive.x', { role_name: 'agent', policy_names: ['a'] }),
    ]);
    expect(inventory.principals[0]?.inlinePolicies).toEqual([]);
    expect(inventory.resources.map((r) => r.type)).toContain('aws_iam_role_policies_exclusive');
  });

  it.each([
    {
      type: 'aws_iam_group_membership',
      member: create('aws_iam_group_membership.m', { name: 'm', group: 'devs', users: ['ci'] }),
    },
    {
      type: 'aws_iam_user_group_membership',
      member: create('aws_iam_user_group_membership.m', { user: 'ci', groups: ['devs'] }),
    },
  ])('$type puts the user in the group', ({ member }) => {
    expect(principal([user, group, member], arn('user', 'ci'))?.groupArns).toEqual([arn('group', 'devs')]);
  });

  it('counts active access keys and login profiles, and never reads the secrets', () => {
    const changes = [
      user,
      create(
        'aws_iam_access_key.a',
        { user: 'ci', status: 'Active' },
        { id: true, secret: true, ses_smtp_password_v4: true },
      ),
      create('aws_iam_access_key.b', { user: 'ci', status: 'Inactive' }, { id: true }),
      create('aws_iam_access_key.c', { user: 'ci' }, { id: true }),
      create('aws_iam_user_login_profile.p', { user: 'ci' }, { password: true }),
    ];
    expect(principal(changes, arn('user', 'ci'))).toMatchObject({ accessKeyCount: 2, hasLoginProfile: true });
  });
});

describe('IAM things the plan cannot fully show', () => {
  it('reports a policy AWS would reject instead of failing', () => {
    const model = buildPlanModel(
      plan({
        changes: [
          role,
          create('aws_iam_role_policy.bad', {
            name: 'bad',
            role: 'agent',
            policy: '{"Statement":[{"Effect":"Maybe"}]}',
          }),
        ],
      }),
      FILE,
    );
    expect(model.after.principals[0]?.inlinePolicies).toEqual([]);
    expect(model.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'plan.invalid-policy',
        location: { file: FILE, path: 'resource_changes[1]' },
      }),
    );
  });

  it('keeps a policy whose document is invalid, with no statements, so attachments still find it', () => {
    const inventory = afterWorld([
      create('aws_iam_policy.bad', { name: 'bad', path: '/', policy: 'not json' }, { arn: true }),
    ]);
    expect(inventory.managedPolicies[0]).toMatchObject({
      id: arn('policy', 'bad'),
      document: { statements: [] },
    });
  });

  it('stands in a principal the plan only refers to, and reports it and the policy it does not define', () => {
    const model = buildPlanModel(
      plan({
        changes: [
          create('aws_iam_role_policy_attachment.a', {
            role: 'existing',
            policy_arn: arn('policy', 'elsewhere'),
          }),
        ],
      }),
      FILE,
    );
    expect(model.after.principals).toMatchObject([
      {
        kind: 'role',
        arn: arn('role', 'existing'),
        arnKnown: false,
        managedPolicyArns: [arn('policy', 'elsewhere')],
      },
    ]);
    expect(model.after.principals[0]?.address).toBeUndefined();
    expect(model.diagnostics.map((d) => d.code).sort()).toEqual([
      'plan.policy-not-in-inputs',
      'plan.principal-not-in-inputs',
    ]);
  });

  it('gives the before world what state says and the after world what the plan makes', () => {
    const model = buildPlanModel(
      plan({
        changes: [
          {
            ...create('aws_iam_role_policy.p', {}),
            change: {
              actions: ['update'],
              before: { name: 'p', role: 'agent', policy: READ_S3 },
              after: {
                name: 'p',
                role: 'agent',
                policy: policyJson({ Effect: 'Allow', Action: '*', Resource: '*' }),
              },
              after_unknown: {},
            },
          },
          {
            ...role,
            change: {
              actions: ['no-op'],
              before: { name: 'agent', path: '/', assume_role_policy: ASSUME_EC2, arn: arn('role', 'agent') },
              after: { name: 'agent', path: '/', assume_role_policy: ASSUME_EC2, arn: arn('role', 'agent') },
              after_unknown: {},
            },
          },
        ],
      }),
      FILE,
    );
    const actions = (world: 'before' | 'after') =>
      model[world].principals[0]?.inlinePolicies[0]?.document.statements[0]?.action;
    expect(actions('before')).toEqual(['s3:GetObject']);
    expect(actions('after')).toEqual(['*']);
  });
});
