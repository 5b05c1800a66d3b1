import { describe, expect, it } from 'vitest';
import { parseInstanceAddress } from '../../../src/ingest/terraform-plan/address.js';
import type { Instance } from '../../../src/ingest/terraform-plan/instances.js';
import { SENSITIVE } from '../../../src/ingest/terraform-plan/sensitive.js';
import { uninterpretedPolicies } from '../../../src/ingest/terraform-plan/uninterpreted-policies.js';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'glue:GetTable', Resource: '*' }],
});

function instance(address: string, values: Record<string, unknown>, unknown: unknown = {}): Instance {
  const at = parseInstanceAddress(address);
  if (at === undefined) throw new Error(`bad address ${address}`);
  return { address, at, values, unknown, path: 'resource_changes[0]' };
}

const read = (...instances: Instance[]) =>
  uninterpretedPolicies(instances, (i) => ({ file: 'plan.json', path: i.path })).map((d) => [
    d.code,
    d.kind,
    d.message.split(' ').slice(0, 2).join(' '),
  ]);

describe('uninterpretedPolicies', () => {
  it.each([
    {
      name: 'a policy document on a type the reader does not interpret',
      given: instance('aws_glue_resource_policy.catalog', { policy: POLICY }),
      expected: [['plan.uninterpreted-policy', 'incomplete', 'aws_glue_resource_policy.catalog: policy']],
    },
    {
      name: 'a document in a nested block',
      given: instance('aws_s3control_multi_region_access_point_policy.x', {
        details: [{ name: 'reports', policy: POLICY }],
      }),
      expected: [
        [
          'plan.uninterpreted-policy',
          'incomplete',
          'aws_s3control_multi_region_access_point_policy.x: details[0].policy',
        ],
      ],
    },
    {
      name: 'a document as an object (the awscc provider)',
      given: instance('awscc_iam_role.x', { policies: [{ policy_document: JSON.parse(POLICY) }] }),
      expected: [
        ['plan.uninterpreted-policy', 'incomplete', 'awscc_iam_role.x: policies[0].policy_document'],
      ],
    },
    {
      name: 'a policy-named attribute unknown until apply',
      given: instance('aws_glacier_vault.archive', { name: 'archive' }, { access_policy: true }),
      expected: [['plan.uninterpreted-policy', 'incomplete', 'aws_glacier_vault.archive: access_policy']],
    },
    {
      name: 'a policy-named attribute marked sensitive',
      given: instance('aws_api_gateway_rest_api.api', { policy: SENSITIVE }),
      expected: [['plan.uninterpreted-policy', 'incomplete', 'aws_api_gateway_rest_api.api: policy']],
    },
    {
      name: 'a policy that can only narrow access: a notice',
      given: instance('aws_vpc_endpoint.s3', { policy: POLICY }),
      expected: [['plan.limiting-policy-not-applied', 'notice', 'aws_vpc_endpoint.s3: policy']],
    },
  ])('lists $name', ({ given, expected }) => {
    expect(read(given)).toEqual(expected);
  });

  it.each([
    {
      name: 'an interpreted resource policy type',
      given: instance('aws_s3_bucket_policy.b', { policy: POLICY }),
    },
    { name: 'an interpreted IAM type', given: instance('aws_iam_role.r', { assume_role_policy: POLICY }) },
    {
      name: 'an interpreted type whose policy is unknown until apply',
      given: instance('aws_sqs_queue.q', {}, { policy: true }),
    },
    { name: 'a type of another provider', given: instance('local_file.policy', { content: POLICY }) },
    { name: 'a data source', given: instance('data.aws_iam_policy.p', { policy: POLICY }) },
    {
      name: 'JSON that is not a policy under a policy name (an ECR lifecycle policy)',
      given: instance('aws_ecr_lifecycle_policy.l', { policy: '{"rules":[]}' }),
    },
    {
      name: 'a policy name that holds a name, not a document',
      given: instance('aws_lb_listener.https', { ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }),
    },
    {
      name: 'an attribute unknown until apply whose name is not a policy name',
      given: instance('aws_lb_listener.https', {}, { ssl_policy: true, arn: true }),
    },
  ])('does not list $name', ({ given }) => {
    expect(read(given)).toEqual([]);
  });

  it.each([
    {
      name: 'configures the policy: listed',
      expressions: { policy: { references: ['var.policy'] } },
      listed: 1,
    },
    {
      name: 'leaves the policy out: the provider computes it, not listed',
      expressions: { name: {} },
      listed: 0,
    },
  ])('an unknown policy whose configuration $name', ({ expressions, listed }) => {
    const api = instance('aws_api_gateway_rest_api.api', { name: 'api' }, { policy: true });
    const config = { address: api.address, mode: 'managed', type: api.at.type, name: 'api', expressions };
    const found = uninterpretedPolicies(
      [api],
      () => ({ file: 'plan.json' }),
      () => config,
    );
    expect(found).toHaveLength(listed);
  });
});
