import { describe, expect, it } from 'vitest';
import { buildPlanModel } from '../../../src/ingest/terraform-plan/to-model.js';
import type { Inventory } from '../../../src/model/inventory.js';
import {
  ACCOUNT,
  ASSUME_EC2,
  configResource,
  constant,
  create,
  FILE,
  plan,
  READ_S3,
  refs,
  resourceChange,
} from './plan-builder.js';

const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;

function statementsOf(inventory: Inventory, arn: string) {
  return inventory.managedPolicies.find((policy) => policy.id === arn)?.document.statements;
}

describe('values unknown until apply, resolved through the configuration', () => {
  it.each([
    { form: 'Terraform 1.x', policyRefs: ['aws_iam_policy.read.arn', 'aws_iam_policy.read'] },
    { form: 'Terraform 0.12', policyRefs: ['aws_iam_policy.read'] },
  ])(
    'gives a role the statements of a policy created in the same plan ($form references)',
    ({ policyRefs }) => {
      // Given a role, a policy and an attachment between them, all created by the plan (every ARN unknown)
      const model = buildPlanModel(
        plan({
          changes: [
            create(
              'aws_iam_role.agent',
              { name: 'agent', path: '/', assume_role_policy: ASSUME_EC2 },
              { arn: true },
            ),
            create('aws_iam_policy.read', { name: 'read', path: '/', policy: READ_S3 }, { arn: true }),
            create('aws_iam_role_policy_attachment.a', { role: 'agent' }, { policy_arn: true, id: true }),
          ],
          config: [
            configResource('aws_iam_role.agent', { name: constant('agent') }),
            configResource('aws_iam_policy.read', { name: constant('read'), policy: constant(READ_S3) }),
            configResource('aws_iam_role_policy_attachment.a', {
              role: refs('aws_iam_role.agent.name', 'aws_iam_role.agent'),
              policy_arn: refs(...policyRefs),
            }),
          ],
        }),
        FILE,
      );
      // Then the role's attached ARN is the policy's (synthesised) ARN, and that policy has the statements
      const agent = model.after.principals.find((p) => p.name === 'agent');
      expect(agent?.managedPolicyArns).toEqual([policyArn('read')]);
      expect(statementsOf(model.after, policyArn('read'))).toEqual([
        { index: 0, effect: 'Allow', action: ['s3:GetObject'], resource: ['*'] },
      ]);
      expect(model.diagnostics.filter((d) => d.code.startsWith('plan.'))).toEqual([]);
    },
  );

  it('pairs count instances by index (count.index)', () => {
    const changes = [0, 1].flatMap((i) => [
      create(
        `aws_iam_role.r[${i}]`,
        { name: `r${i}`, path: '/', assume_role_policy: ASSUME_EC2 },
        { arn: true },
      ),
      create(`aws_iam_policy.p[${i}]`, { name: `p${i}`, path: '/', policy: READ_S3 }, { arn: true }),
      create(`aws_iam_role_policy_attachment.a[${i}]`, {}, { role: true, policy_arn: true }),
    ]);
    const model = buildPlanModel(
      plan({
        changes,
        config: [
          configResource('aws_iam_role.r', {}, { count_expression: constant(2) }),
          configResource('aws_iam_policy.p', {}, { count_expression: constant(2) }),
          configResource('aws_iam_role_policy_attachment.a', {
            role: refs('aws_iam_role.r', 'count.index'),
            policy_arn: refs('aws_iam_policy.p', 'count.index'),
          }),
        ],
      }),
      FILE,
    );
    expect(model.after.principals.map((p) => [p.name, p.managedPolicyArns])).toEqual([
      ['r0', [policyArn('p0')]],
      ['r1', [policyArn('p1')]],
    ]);
  });

  it('follows var.x through module calls, at any depth', () => {
    // Given module.outer.module.inner attaching var.arn, set by outer from its own var.arn, set by root to a policy's ARN
    const inner = 'module.outer.module.inner';
    const model = buildPlanModel(
      plan({
        changes: [
          create('aws_iam_policy.read', { name: 'read', path: '/', policy: READ_S3 }, { arn: true }),
          create(
            `${inner}.aws_iam_role.r`,
            { name: 'deep', path: '/', assume_role_policy: ASSUME_EC2 },
            { arn: true },
          ),
          create(`${inner}.aws_iam_role_policy_attachment.a`, {}, { role: true, policy_arn: true }),
        ],
        config: [configResource('aws_iam_policy.read')],
        moduleCalls: {
          outer: {
            source: './outer',
            expressions: { arn: refs('aws_iam_policy.read.arn', 'aws_iam_policy.read') },
            module: {
              module_calls: {
                inner: {
                  source: './inner',
                  expressions: { arn: refs('var.arn') },
                  module: {
                    resources: [
                      configResource('aws_iam_role.r'),
                      configResource('aws_iam_role_policy_attachment.a', {
                        role: refs('aws_iam_role.r.name', 'aws_iam_role.r'),
                        policy_arn: refs('var.arn'),
                      }),
                    ],
                    variables: { arn: {} },
                  },
                },
              },
              variables: { arn: {} },
            },
          },
        },
      }),
      FILE,
    );
    const deep = model.after.principals.find((p) => p.name === 'deep');
    expect(deep).toMatchObject({
      address: `${inner}.aws_iam_role.r`,
      managedPolicyArns: [policyArn('read')],
    });
  });

  it('follows module outputs and constants passed to module calls', () => {
    const model = buildPlanModel(
      plan({
        changes: [
          create(
            'module.roles.aws_iam_role.r',
            { name: 'from-module', path: '/', assume_role_policy: ASSUME_EC2 },
            { arn: true },
          ),
          create('module.attach.aws_iam_role_policy_attachment.a', {}, { role: true, policy_arn: true }),
        ],
        moduleCalls: {
          roles: {
            module: {
              resources: [configResource('aws_iam_role.r')],
              outputs: { name: { expression: refs('aws_iam_role.r.name', 'aws_iam_role.r') } },
            },
          },
          attach: {
            expressions: {
              role: refs('module.roles.name', 'module.roles'),
              policy: constant('arn:aws:iam::aws:policy/ReadOnlyAccess'),
            },
            module: {
              resources: [
                configResource('aws_iam_role_policy_attachment.a', {
                  role: refs('var.role'),
                  policy_arn: refs('var.policy'),
                }),
              ],
              variables: { role: {}, policy: {} },
            },
          },
        },
      }),
      FILE,
    );
    expect(model.after.principals).toMatchObject([
      { name: 'from-module', managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    ]);
  });

  it('picks the same for_each instance of a data source (each.key) and reads each.value from the collection', () => {
    const doc = (service: string) =>
      JSON.stringify({
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      });
    const model = buildPlanModel(
      plan({
        changes: ['ec2', 'lambda'].flatMap((key) => [
          create(
            `aws_iam_role.r["${key}"]`,
            { path: '/' },
            { arn: true, name: true, assume_role_policy: true },
          ),
        ]),
        priorState: {
          values: {
            root_module: {
              resources: ['ec2', 'lambda'].map((key) => ({
                address: `data.aws_iam_policy_document.trust["${key}"]`,
                mode: 'data',
                type: 'aws_iam_policy_document',
                name: 'trust',
                index: key,
                values: { json: doc(`${key}.amazonaws.com`) },
              })),
            },
          },
        },
        config: [
          configResource(
            'aws_iam_role.r',
            {
              name: refs('each.value'),
              assume_role_policy: refs('data.aws_iam_policy_document.trust', 'each.key'),
            },
            { for_each_expression: constant({ ec2: 'ec2-runner', lambda: 'lambda-runner' }) },
          ),
        ],
      }),
      FILE,
    );
    expect(
      model.after.principals.map((p) => [p.name, p.trustPolicy?.document.statements[0]?.principal?.Service]),
    ).toEqual([
      ['ec2-runner', ['ec2.amazonaws.com']],
      ['lambda-runner', ['lambda.amazonaws.com']],
    ]);
  });

  it('reports what it cannot resolve, naming the address and the attribute', () => {
    const model = buildPlanModel(
      plan({
        changes: [
          create(
            'aws_iam_role.agent',
            { name: 'agent', path: '/', assume_role_policy: ASSUME_EC2 },
            { arn: true },
          ),
          create('aws_iam_role_policy.p', { name: 'p', role: 'agent' }, { policy: true }),
          create('aws_iam_role_policy_attachment.a', { role: 'agent' }, { policy_arn: true }),
        ],
        config: [
          configResource('aws_iam_role_policy.p', { policy: refs('local.policy') }),
          configResource('aws_iam_role_policy_attachment.a', {
            policy_arn: refs('aws_iam_policy.elsewhere.arn'),
          }),
        ],
      }),
      FILE,
    );
    const unresolved = model.diagnostics.filter((d) => d.code === 'plan.unresolved');
    expect(unresolved.map((d) => [d.location.path, d.message])).toEqual([
      ['resource_changes[1]', expect.stringMatching(/^aws_iam_role_policy\.p: policy .*local\.policy/)],
      [
        'resource_changes[2]',
        expect.stringMatching(
          /^aws_iam_role_policy_attachment\.a: policy_arn .*aws_iam_policy\.elsewhere\.arn/,
        ),
      ],
    ]);
  });
});

describe('aws_iam_policy_document whose json is unknown until apply', () => {
  // Given a bucket whose ARN is unknown, a role, and a document that refers to both
  const statementBlocks = [
    {
      sid: constant('Read'),
      actions: constant(['s3:GetObject']),
      resources: refs('aws_s3_bucket.data.arn', 'aws_s3_bucket.data'),
      condition: [
        {
          test: constant('StringEquals'),
          variable: constant('aws:PrincipalTag/team'),
          values: refs('var.team'),
        },
      ],
    },
    {
      sid: constant('NoDelete'),
      effect: constant('Deny'),
      actions: constant(['s3:DeleteObject']),
      resources: refs('aws_s3_bucket.data.arn', 'aws_s3_bucket.data'),
    },
    {
      sid: constant('KnownDeny'),
      effect: constant('Deny'),
      actions: constant(['s3:DeleteBucket']),
      resources: constant(['*']),
    },
    {
      sid: constant('Trust'),
      actions: constant(['sts:AssumeRole']),
      principals: [
        { type: constant('AWS'), identifiers: refs('aws_iam_role.agent.arn', 'aws_iam_role.agent') },
      ],
    },
  ];
  const model = buildPlanModel(
    plan({
      changes: [
        create('aws_s3_bucket.data', { bucket: 'data-bucket' }, { arn: true }),
        create(
          'aws_iam_role.agent',
          { name: 'agent', path: '/', assume_role_policy: ASSUME_EC2 },
          { arn: true },
        ),
        resourceChange('data.aws_iam_policy_document.doc', ['read'], {
          after: {},
          afterUnknown: { json: true },
        }),
        create('aws_iam_policy.p', { name: 'p', path: '/' }, { arn: true, policy: true }),
      ],
      config: [
        configResource('data.aws_iam_policy_document.doc', { statement: statementBlocks }),
        configResource('aws_iam_policy.p', {
          policy: refs('data.aws_iam_policy_document.doc.json', 'data.aws_iam_policy_document.doc'),
        }),
      ],
    }),
    FILE,
  );
  const statements = statementsOf(model.after, policyArn('p'));

  it('widens an Allow whose resources are unknown to the referenced ARN followed by *', () => {
    expect(statements?.find((s) => s.sid === 'Read')).toEqual({
      index: 0,
      sid: 'Read',
      effect: 'Allow',
      action: ['s3:GetObject'],
      resource: ['arn:aws:s3:::data-bucket*'],
    });
  });

  it('drops an unknown condition from an Allow, and a Deny with any unknown part', () => {
    expect(statements?.map((s) => s.sid)).toEqual(['Read', 'KnownDeny', 'Trust']);
    expect(statements?.[0]?.condition).toBeUndefined();
  });

  it('uses the ARN of a referenced principal', () => {
    expect(statements?.find((s) => s.sid === 'Trust')?.principal).toEqual({ AWS: [roleArn('agent')] });
  });

  it('reports each approximation on the data source', () => {
    const approximated = model.diagnostics.filter((d) => d.code === 'plan.approximated');
    expect(approximated.length).toBeGreaterThanOrEqual(3);
    expect(approximated.every((d) => d.message.startsWith('data.aws_iam_policy_document.doc: '))).toBe(true);
    expect(approximated.every((d) => d.location.path === 'resource_changes[2]')).toBe(true);
  });
});

describe('aws_iam_policy_document merging source and override documents', () => {
  const doc = (sid: string, action: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: sid, Effect: 'Allow', Action: action, Resource: '*' }],
    });

  it('layers source documents, statement blocks and override documents by Sid', () => {
    // Given a document with unknown json whose statement A overrides source A, and an override document replacing B
    const model = buildPlanModel(
      plan({
        changes: [
          create('aws_sqs_queue.q', { name: 'q' }, { arn: true }),
          resourceChange('data.aws_iam_policy_document.merged', ['read'], {
            after: { source_policy_documents: [doc('A', 's3:*'), doc('B', 'sqs:*')] },
            afterUnknown: { json: true },
          }),
          create('aws_iam_policy.p', { name: 'p', path: '/' }, { arn: true, policy: true }),
        ],
        priorState: {
          values: {
            root_module: {
              resources: [
                {
                  address: 'data.aws_iam_policy_document.narrow',
                  mode: 'data',
                  type: 'aws_iam_policy_document',
                  name: 'narrow',
                  values: { json: doc('B', 'sqs:SendMessage') },
                },
              ],
            },
          },
        },
        config: [
          configResource('data.aws_iam_policy_document.merged', {
            override_policy_documents: refs(
              'data.aws_iam_policy_document.narrow.json',
              'data.aws_iam_policy_document.narrow',
            ),
            statement: [
              {
                sid: constant('A'),
                actions: constant(['s3:GetObject']),
                resources: refs('aws_sqs_queue.q.arn', 'aws_sqs_queue.q'),
              },
            ],
          }),
          configResource('aws_iam_policy.p', { policy: refs('data.aws_iam_policy_document.merged.json') }),
        ],
      }),
      FILE,
    );
    // Then
    expect(statementsOf(model.after, policyArn('p'))?.map((s) => [s.sid, s.action, s.resource])).toEqual([
      ['A', ['s3:GetObject'], [`arn:aws:sqs:eu-west-1:${ACCOUNT}:q*`]],
      ['B', ['sqs:SendMessage'], ['*']],
    ]);
  });

  it('reports a document it cannot rebuild at all', () => {
    const model = buildPlanModel(
      plan({
        changes: [
          resourceChange('data.aws_iam_policy_document.empty', ['read'], {
            after: {},
            afterUnknown: { json: true },
          }),
          create('aws_iam_policy.p', { name: 'p', path: '/' }, { arn: true, policy: true }),
        ],
        config: [
          configResource('aws_iam_policy.p', { policy: refs('data.aws_iam_policy_document.empty.json') }),
        ],
      }),
      FILE,
    );
    expect(statementsOf(model.after, policyArn('p'))).toEqual([]);
    expect(model.diagnostics.map((d) => [d.code, d.location.path])).toContainEqual([
      'plan.unresolved',
      'resource_changes[0]',
    ]);
  });
});
