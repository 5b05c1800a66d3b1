import { describe, expect, it } from 'vitest';
import { evaluateRequest } from '../../src/policy/evaluate.js';
import { ReachIndex } from '../../src/policy/reach-index.js';
import { ACCOUNT, inventoryOf, principal } from '../helpers/inventory.js';
import { policyFrom, testCatalog } from '../helpers/policy.js';

const BUCKET = 'arn:aws:s3:::customer-data';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/reader`;

function decide(bucketPolicy: unknown, action: string, resource: string, identity: unknown[] = []) {
  const inventory = {
    ...inventoryOf([principal('role', 'reader', { policies: identity })]),
    resourcePolicies: [
      {
        resourceArn: BUCKET,
        policy: { ...policyFrom(bucketPolicy, 'bucket', 'resource'), address: 'aws_s3_bucket_policy.data' },
      },
    ],
  };
  const reach = new ReachIndex(testCatalog(), inventory).reachOf(ROLE);
  if (!reach) throw new Error('no reach');
  return evaluateRequest(testCatalog(), reach, action, resource).decision;
}

describe('resource-based policies in reach', () => {
  it('a bucket policy naming the role grants it reach its identity policies do not', () => {
    const policy = {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: `${BUCKET}/*` },
      ],
    };
    expect(decide(policy, 's3:GetObject', `${BUCKET}/a.csv`)).toBe('allow');
    expect(decide(policy, 's3:PutObject', `${BUCKET}/a.csv`)).toBe('implicit-deny');
  });

  it('a grant to the account root only delegates to identity policies; one to * is not added to each principal', () => {
    const root = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 's3:*',
          Resource: `${BUCKET}/*`,
        },
      ],
    };
    expect(decide(root, 's3:GetObject', `${BUCKET}/a.csv`)).toBe('implicit-deny');
    const open = {
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }],
    };
    expect(decide(open, 's3:GetObject', `${BUCKET}/a.csv`)).toBe('implicit-deny');
  });

  it('a Deny to * in a bucket policy removes what identity policies allow', () => {
    const deny = {
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `${BUCKET}/*` }],
    };
    const identity = [{ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }];
    expect(decide(deny, 's3:DeleteObject', `${BUCKET}/a.csv`, identity)).toBe('explicit-deny');
    expect(decide(deny, 's3:DeleteObject', 'arn:aws:s3:::other/a.csv', identity)).toBe('allow');
  });

  it('a statement without Resource guards the resource the policy is attached to', () => {
    const policy = { Statement: [{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:ListBucket' }] };
    expect(decide(policy, 's3:ListBucket', BUCKET)).toBe('allow');
    expect(decide(policy, 's3:ListBucket', 'arn:aws:s3:::other')).toBe('implicit-deny');
  });
});
