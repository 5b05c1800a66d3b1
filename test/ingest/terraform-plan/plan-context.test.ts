import { describe, expect, it } from 'vitest';
import { buildPlanModel } from '../../../src/ingest/terraform-plan/to-model.js';
import { configResource, create, FILE, plan, policyJson } from './plan-builder.js';

const trust = policyJson({
  Effect: 'Allow',
  Principal: { Service: 'ec2.amazonaws.com' },
  Action: 'sts:AssumeRole',
});
const newRole = create('aws_iam_role.r', { name: 'r', path: '/', assume_role_policy: trust }, { arn: true });
const newQueue = create('aws_sqs_queue.q', { name: 'q' }, { arn: true });

function stateWith(...resources: Record<string, unknown>[]) {
  return { values: { root_module: { resources } } };
}

const dataSource = (type: string, values: Record<string, unknown>) => ({
  address: `data.${type}.current`,
  mode: 'data',
  type,
  name: 'current',
  values,
});

function bare(parts: Parameters<typeof plan>[0]) {
  return plan({ ...parts, provider: false });
}

describe('account, region and partition', () => {
  it.each([
    {
      name: 'the provider configuration',
      raw: plan({ changes: [newQueue] }),
      queue: 'arn:aws:sqs:eu-west-1:111122223333:q',
    },
    {
      name: 'data.aws_caller_identity and data.aws_region',
      raw: bare({
        changes: [newQueue],
        priorState: stateWith(
          dataSource('aws_caller_identity', {
            account_id: '999988887777',
            arn: 'arn:aws:iam::999988887777:user/me',
          }),
          dataSource('aws_region', { name: 'ap-south-1' }),
        ),
      }),
      queue: 'arn:aws:sqs:ap-south-1:999988887777:q',
    },
    {
      name: 'the ARNs the plan knows (most frequent), partition included',
      raw: bare({
        changes: [
          newQueue,
          create('aws_sns_topic.a', { name: 'a', arn: 'arn:aws-cn:sns:cn-north-1:222233334444:a' }),
          create('aws_sns_topic.b', { name: 'b', arn: 'arn:aws-cn:sns:cn-north-1:222233334444:b' }),
          create('aws_sns_topic.c', { name: 'c', arn: 'arn:aws-cn:sns:cn-northwest-1:555566667777:c' }),
        ],
      }),
      queue: 'arn:aws-cn:sqs:cn-north-1:222233334444:q',
    },
  ])('come from $name', ({ raw, queue }) => {
    const model = buildPlanModel(raw, FILE);
    expect(model.after.resources.find((r) => r.type === 'aws_sqs_queue')?.arn).toBe(queue);
    expect(model.diagnostics.map((d) => d.code)).not.toContain('plan.account-unknown');
  });

  it.each([
    {
      name: 'a root variable the plan gives a value',
      key: 'aws',
      variables: { region: { value: 'eu-north-1' } },
      arn: 'arn:aws:sqs:eu-north-1:111122223333:q',
      unknown: false,
    },
    {
      name: 'a root variable without a value',
      key: 'aws',
      variables: {},
      arn: 'arn:aws:sqs:us-east-1:111122223333:q',
      unknown: true,
    },
  ])('the provider region may be $name', ({ key, variables, arn, unknown }) => {
    const raw = plan({ changes: [newQueue], region: null, variables }) as {
      configuration: { provider_config: Record<string, { expressions: Record<string, unknown> }> };
    };
    const provider = raw.configuration.provider_config[key];
    if (provider) provider.expressions.region = { references: ['var.region'] };
    const model = buildPlanModel(raw, FILE);
    expect(model.after.resources[0]?.arn).toBe(arn);
    expect(model.diagnostics.some((d) => d.code === 'plan.region-unknown')).toBe(unknown);
  });

  it('lists the other accounts the ARNs name after the plan account', () => {
    const model = buildPlanModel(
      plan({
        changes: [create('aws_sns_topic.c', { name: 'c', arn: 'arn:aws:sns:eu-west-1:555566667777:c' })],
      }),
      FILE,
    );
    expect(model.after.accountIds).toEqual(['111122223333', '555566667777']);
  });

  it('lets the options override what the plan shows', () => {
    const model = buildPlanModel(plan({ changes: [newQueue] }), FILE, {
      accountId: '123456789012',
      region: 'us-west-2',
    });
    expect(model.after.resources[0]?.arn).toBe('arn:aws:sqs:us-west-2:123456789012:q');
  });

  it('falls back to a placeholder account and us-east-1, and says so', () => {
    const model = buildPlanModel(
      bare({ changes: [newRole, newQueue], config: [configResource('aws_iam_role.r')] }),
      FILE,
    );
    expect(model.after.principals[0]?.arn).toBe('arn:aws:iam::000000000000:role/r');
    expect(model.after.resources.find((r) => r.type === 'aws_sqs_queue')?.arn).toBe(
      'arn:aws:sqs:us-east-1:000000000000:q',
    );
    expect(model.diagnostics.map((d) => [d.code, d.location])).toEqual([
      ['plan.account-unknown', { file: FILE }],
      ['plan.region-unknown', { file: FILE }],
    ]);
  });

  it('says nothing of the account or region of a plan without AWS resources', () => {
    const model = buildPlanModel(
      {
        format_version: '1.2',
        resource_changes: [create('null_resource.r', { triggers: null }, { id: true })],
      },
      FILE,
    );
    expect(model.diagnostics).toEqual([]);
  });

  it.each([
    {
      name: "a plan that does not show its account takes the fallback (an account snapshot's)",
      raw: bare({ changes: [newRole], config: [configResource('aws_iam_role.r')] }),
      role: 'arn:aws:iam::444455556666:role/r',
      diagnostics: ['plan.region-unknown'],
    },
    {
      name: 'a plan that shows its account keeps it',
      raw: plan({ changes: [newRole], config: [configResource('aws_iam_role.r')] }),
      role: 'arn:aws:iam::111122223333:role/r',
      diagnostics: [],
    },
  ])('fallbackAccountId: $name', ({ raw, role, diagnostics }) => {
    const model = buildPlanModel(raw, FILE, { fallbackAccountId: '444455556666' });
    expect(model.after.principals[0]?.arn).toBe(role);
    expect(model.diagnostics.map((d) => d.code)).toEqual(diagnostics);
  });
});
