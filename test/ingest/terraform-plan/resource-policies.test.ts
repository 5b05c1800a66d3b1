import { describe, expect, it } from 'vitest';
import { queueUrlToArn } from '../../../src/ingest/terraform-plan/resource-policies.js';
import { buildPlanModel } from '../../../src/ingest/terraform-plan/to-model.js';
import { ACCOUNT, configResource, create, FILE, plan, policyJson, refs } from './plan-builder.js';

const PUBLIC_READ = policyJson({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' });
const R = `eu-west-1:${ACCOUNT}`;

function resourcePolicies(changes: Record<string, unknown>[], config: Record<string, unknown>[] = []) {
  const model = buildPlanModel(plan({ changes, config }), FILE);
  return { model, policies: model.after.resourcePolicies };
}

describe('resource-based policies', () => {
  it.each([
    {
      type: 'aws_s3_bucket_policy',
      changes: [create('aws_s3_bucket_policy.p', { bucket: 'data', policy: PUBLIC_READ })],
      resourceArn: 'arn:aws:s3:::data',
    },
    {
      type: 'aws_s3_bucket (legacy policy attribute)',
      changes: [create('aws_s3_bucket.b', { bucket: 'legacy', policy: PUBLIC_READ }, { arn: true })],
      resourceArn: 'arn:aws:s3:::legacy',
    },
    {
      type: 'aws_kms_key',
      changes: [
        create('aws_kms_key.k', { arn: `arn:aws:kms:${R}:key/k-1`, key_id: 'k-1', policy: PUBLIC_READ }),
      ],
      resourceArn: `arn:aws:kms:${R}:key/k-1`,
    },
    {
      type: 'aws_sqs_queue_policy',
      changes: [
        create('aws_sqs_queue_policy.p', {
          queue_url: `https://sqs.us-east-2.amazonaws.com/${ACCOUNT}/jobs`,
          policy: PUBLIC_READ,
        }),
      ],
      resourceArn: `arn:aws:sqs:us-east-2:${ACCOUNT}:jobs`,
    },
    {
      type: 'aws_sns_topic_policy',
      changes: [create('aws_sns_topic_policy.p', { arn: `arn:aws:sns:${R}:alerts`, policy: PUBLIC_READ })],
      resourceArn: `arn:aws:sns:${R}:alerts`,
    },
    {
      type: 'aws_secretsmanager_secret_policy',
      changes: [
        create('aws_secretsmanager_secret_policy.p', {
          secret_arn: `arn:aws:secretsmanager:${R}:secret:db-AbCdEf`,
          policy: PUBLIC_READ,
        }),
      ],
      resourceArn: `arn:aws:secretsmanager:${R}:secret:db-AbCdEf`,
    },
    {
      type: 'aws_ecr_repository_policy',
      changes: [create('aws_ecr_repository_policy.p', { repository: 'app', policy: PUBLIC_READ })],
      resourceArn: `arn:aws:ecr:${R}:repository/app`,
    },
  ])('$type guards $resourceArn', ({ changes, resourceArn }) => {
    const { policies } = resourcePolicies(changes);
    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatchObject({
      resourceArn,
      policy: {
        kind: 'resource',
        source: { file: FILE, path: 'resource_changes[0]' },
        document: { statements: [{ effect: 'Allow' }] },
      },
    });
  });

  it('finds the guarded resource through a reference when it is unknown until apply', () => {
    const { policies } = resourcePolicies(
      [
        create('aws_s3_bucket.b', { bucket: 'new-bucket' }, { arn: true, policy: true }),
        create('aws_s3_bucket_policy.p', { policy: PUBLIC_READ }, { bucket: true }),
      ],
      [configResource('aws_s3_bucket_policy.p', { bucket: refs('aws_s3_bucket.b.id', 'aws_s3_bucket.b') })],
    );
    expect(policies.map((p) => [p.resourceArn, p.policy.address])).toEqual([
      ['arn:aws:s3:::new-bucket', 'aws_s3_bucket_policy.p'],
    ]);
  });

  it('prefers the policy resource over the bucket attribute that mirrors it', () => {
    const old = policyJson({ Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: '*' });
    const { policies } = resourcePolicies([
      create('aws_s3_bucket.b', { bucket: 'data', policy: old, arn: 'arn:aws:s3:::data' }),
      create('aws_s3_bucket_policy.p', { bucket: 'data', policy: PUBLIC_READ }),
    ]);
    expect(policies).toHaveLength(1);
    expect(policies[0]?.policy.address).toBe('aws_s3_bucket_policy.p');
  });

  it('turns an aws_lambda_permission into a one-statement policy on the function', () => {
    const { policies } = resourcePolicies([
      create('aws_lambda_permission.s3', {
        statement_id: 'AllowS3',
        action: 'lambda:InvokeFunction',
        function_name: 'thumbnailer',
        principal: 's3.amazonaws.com',
        source_arn: 'arn:aws:s3:::uploads',
        source_account: ACCOUNT,
      }),
      create('aws_lambda_permission.other_account', {
        statement_id: 'Partner',
        action: 'lambda:InvokeFunction',
        function_name: `arn:aws:lambda:${R}:function:thumbnailer`,
        qualifier: 'live',
        principal: '444455556666',
      }),
    ]);
    const fn = `arn:aws:lambda:${R}:function:thumbnailer`;
    expect(policies.map((p) => [p.resourceArn, p.policy.id, p.policy.document.statements])).toEqual([
      [
        fn,
        `${fn}#permission/AllowS3`,
        [
          {
            index: 0,
            effect: 'Allow',
            sid: 'AllowS3',
            action: ['lambda:InvokeFunction'],
            resource: [fn],
            principal: { Service: ['s3.amazonaws.com'] },
            condition: {
              ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::uploads'] },
              StringEquals: { 'aws:SourceAccount': [ACCOUNT] },
            },
          },
        ],
      ],
      [
        `${fn}:live`,
        `${fn}:live#permission/Partner`,
        [
          {
            index: 0,
            effect: 'Allow',
            sid: 'Partner',
            action: ['lambda:InvokeFunction'],
            resource: [`${fn}:live`],
            principal: { AWS: ['444455556666'] },
          },
        ],
      ],
    ]);
  });

  it('widens an aws_lambda_permission whose principal and source are unknown', () => {
    const { model, policies } = resourcePolicies(
      [
        create('aws_lambda_function.f', { function_name: 'f' }, { arn: true }),
        create(
          'aws_lambda_permission.p',
          { action: 'lambda:InvokeFunction' },
          { function_name: true, principal: true, source_arn: true },
        ),
      ],
      [
        configResource('aws_lambda_permission.p', {
          function_name: refs('aws_lambda_function.f.function_name', 'aws_lambda_function.f'),
          principal: refs('local.principal'),
          source_arn: refs('aws_api_gateway_rest_api.api.execution_arn'),
        }),
      ],
    );
    expect(policies[0]?.policy.document.statements[0]).toMatchObject({
      principal: { AWS: ['*'] },
      resource: [`arn:aws:lambda:${R}:function:f`],
    });
    expect(policies[0]?.policy.document.statements[0]?.condition).toBeUndefined();
    expect(model.diagnostics.filter((d) => d.code === 'plan.approximated')).toHaveLength(2);
  });

  it.each([
    { url: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/q`, arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:q` },
    { url: `https://queue.amazonaws.com/${ACCOUNT}/q`, arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` },
    { url: 'arn:aws:sqs:eu-west-1:1:q', arn: 'arn:aws:sqs:eu-west-1:1:q' },
  ])('reads the queue ARN from $url', ({ url, arn }) => {
    expect(queueUrlToArn(url, { partition: 'aws', region: 'us-east-1', account: ACCOUNT })).toBe(arn);
  });
});
