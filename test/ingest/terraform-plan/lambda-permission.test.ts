import { describe, expect, it } from 'vitest';
import { buildPlanModel } from '../../../src/ingest/terraform-plan/to-model.js';
import { ACCOUNT, configResource, create, FILE, plan, refs } from './plan-builder.js';

const FN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:thumbnailer`;
const PARTNER = '444455556666';

function policiesOf(changes: Record<string, unknown>[], config: Record<string, unknown>[] = []) {
  return buildPlanModel(plan({ changes, config }), FILE).after.resourcePolicies;
}

const permission = (name: string, after: Record<string, unknown>) =>
  create(`aws_lambda_permission.${name}`, {
    action: 'lambda:InvokeFunction',
    function_name: 'thumbnailer',
    ...after,
  });

describe('aws_lambda_permission as a resource-based policy on the function', () => {
  it.each([
    {
      name: 'anyone',
      after: { statement_id: 'Public', principal: '*' },
      statement: { sid: 'Public', principal: { AWS: ['*'] } },
    },
    {
      name: 'an account id',
      after: { statement_id: 'Partner', principal: PARTNER },
      statement: { sid: 'Partner', principal: { AWS: [PARTNER] } },
    },
    {
      name: 'a role ARN',
      after: { principal: `arn:aws:iam::${PARTNER}:role/caller` },
      statement: { principal: { AWS: [`arn:aws:iam::${PARTNER}:role/caller`] } },
    },
    {
      name: 'a service, for one source ARN and account',
      after: {
        statement_id: 'AllowS3',
        principal: 's3.amazonaws.com',
        source_arn: 'arn:aws:s3:::uploads',
        source_account: ACCOUNT,
      },
      statement: {
        sid: 'AllowS3',
        principal: { Service: ['s3.amazonaws.com'] },
        condition: {
          ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::uploads'] },
          StringEquals: { 'aws:SourceAccount': [ACCOUNT] },
        },
      },
    },
    {
      name: 'anyone in an organization',
      after: { principal: '*', principal_org_id: 'o-abc123' },
      statement: {
        principal: { AWS: ['*'] },
        condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-abc123'] } },
      },
    },
  ])('grants $name', ({ after, statement }) => {
    const [policy, ...rest] = policiesOf([permission('p', after)]);
    expect(rest).toEqual([]);
    expect(policy?.resourceArn).toBe(FN);
    expect(policy?.policy).toMatchObject({ kind: 'resource', address: 'aws_lambda_permission.p' });
    expect(policy?.policy.document.statements).toEqual([
      { index: 0, effect: 'Allow', action: ['lambda:InvokeFunction'], resource: [FN], ...statement },
    ]);
  });

  it('guards the qualified function when a qualifier is set', () => {
    const [policy] = policiesOf([permission('p', { principal: '*', function_name: FN, qualifier: 'live' })]);
    expect(policy?.resourceArn).toBe(`${FN}:live`);
    expect(policy?.policy.document.statements[0]?.resource).toEqual([`${FN}:live`]);
  });

  it('finds a function the plan creates through the configuration', () => {
    // Given a function whose name is generated and a permission whose function_name refers to it
    const policies = policiesOf(
      [
        create(
          'aws_lambda_function.f',
          { role: `arn:aws:iam::${ACCOUNT}:role/r` },
          {
            arn: true,
            function_name: true,
          },
        ),
        create(
          'aws_lambda_permission.p',
          { statement_id: 'Api', action: 'lambda:InvokeFunction', principal: 'apigateway.amazonaws.com' },
          { function_name: true },
        ),
      ],
      [
        configResource('aws_lambda_permission.p', {
          function_name: refs('aws_lambda_function.f.arn', 'aws_lambda_function.f'),
        }),
      ],
    );
    // Then the policy guards the function's synthesised ARN
    const fn = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:aws_lambda_function.f`;
    expect(policies.map((p) => [p.resourceArn, p.policy.document.statements[0]?.resource])).toEqual([
      [fn, [fn]],
    ]);
  });

  it('keeps several permissions on one function as separate policies', () => {
    const policies = policiesOf([
      permission('s3', { statement_id: 'AllowS3', principal: 's3.amazonaws.com' }),
      permission('sns', { statement_id: 'AllowSns', principal: 'sns.amazonaws.com' }),
      permission('anon', { principal: '*' }),
    ]);
    expect(policies.map((p) => [p.resourceArn, p.policy.id, p.policy.address])).toEqual([
      [FN, `${FN}#permission/AllowS3`, 'aws_lambda_permission.s3'],
      [FN, `${FN}#permission/AllowSns`, 'aws_lambda_permission.sns'],
      [FN, `${FN}#permission/aws_lambda_permission.anon`, 'aws_lambda_permission.anon'],
    ]);
  });
});
