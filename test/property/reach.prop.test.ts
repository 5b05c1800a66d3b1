import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import type { Policy } from '../../src/model/policy.js';
import type { Catalog } from '../../src/policy/catalog.js';
import { type Decision, evaluateRequest } from '../../src/policy/evaluate.js';
import { computePrincipalReach, type ReachInput } from '../../src/policy/reach.js';
import { policyFrom, testCatalog } from '../helpers/policy.js';

const RUNS = Number(process.env.BLAST_RADIUS_PROP_RUNS ?? 100);
let catalog: Catalog;
beforeAll(() => {
  catalog = testCatalog();
});

const ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:ListBucket',
  's3:DeleteBucket',
  'iam:PassRole',
  'iam:CreateUser',
  'ec2:DescribeInstances',
  'ec2:TerminateInstances',
  's3:ListAllMyBuckets',
];
const ACTION_PATTERNS = [...ACTIONS, 's3:*', 's3:Get*', 's3:*Object', 'iam:*', 'ec2:*', '*', 'S3:put?bject'];
const RESOURCES = [
  'arn:aws:s3:::data',
  'arn:aws:s3:::data/report.csv',
  'arn:aws:s3:::logs/2026/01.gz',
  'arn:aws:iam::111111111111:role/deploy',
  'arn:aws:iam::111111111111:user/alice',
  'arn:aws:ec2:us-east-1:111111111111:instance/i-0abc',
];
const RESOURCE_PATTERNS = [
  ...RESOURCES,
  '*',
  'arn:aws:s3:::*',
  'arn:aws:s3:::data*',
  'arn:aws:s3:::*/*',
  'arn:aws:iam::*:role/*',
  'arn:aws:ec2:*:111111111111:*',
];

const statement = (effect: 'Allow' | 'Deny') =>
  fc.record({
    Effect: fc.constant(effect),
    Action: fc.subarray(ACTION_PATTERNS, { minLength: 1, maxLength: 3 }),
    Resource: fc.subarray(RESOURCE_PATTERNS, { minLength: 1, maxLength: 2 }),
  });
const notStatement = (effect: 'Allow' | 'Deny') =>
  fc.record({
    Effect: fc.constant(effect),
    NotAction: fc.subarray(ACTION_PATTERNS, { minLength: 1, maxLength: 2 }),
    NotResource: fc.subarray(RESOURCE_PATTERNS, { minLength: 1, maxLength: 2 }),
  });
const anyStatement = fc.oneof(
  statement('Allow'),
  statement('Deny'),
  notStatement('Allow'),
  notStatement('Deny'),
);
const policyDoc = fc.array(anyStatement, { minLength: 1, maxLength: 4 }).map((Statement) => ({ Statement }));
const policies = fc.array(policyDoc, { minLength: 1, maxLength: 3 });

function toPolicies(docs: readonly unknown[], prefix: string): Policy[] {
  return docs.map((d, i) => policyFrom(d, `${prefix}-${i}`));
}

function decisions(input: Omit<ReachInput, 'principalArn'>): Decision[] {
  const reach = computePrincipalReach(catalog, {
    principalArn: 'arn:aws:iam::111111111111:role/subject',
    ...input,
  });
  return ACTIONS.flatMap((a) => RESOURCES.map((r) => evaluateRequest(catalog, reach, a, r).decision));
}

const allowed = (ds: Decision[]) => ds.map((d) => d === 'allow');

describe('reach is monotone and order-free', () => {
  test.prop([policies, statement('Allow')], { numRuns: RUNS })(
    'adding an Allow never shrinks reach',
    (docs, extra) => {
      const before = allowed(decisions({ policies: toPolicies(docs, 'p').map((policy) => ({ policy })) }));
      const after = allowed(
        decisions({
          policies: toPolicies([...docs, { Statement: [extra] }], 'p').map((policy) => ({ policy })),
        }),
      );
      before.forEach((was, i) => {
        if (was) expect(after[i]).toBe(true);
      });
    },
  );

  test.prop([policies, fc.oneof(statement('Deny'), notStatement('Deny'))], { numRuns: RUNS })(
    'adding a Deny never grows reach, and what it matches is denied',
    (docs, extra) => {
      const before = allowed(decisions({ policies: toPolicies(docs, 'p').map((policy) => ({ policy })) }));
      const after = allowed(
        decisions({
          policies: toPolicies([...docs, { Statement: [extra] }], 'p').map((policy) => ({ policy })),
        }),
      );
      after.forEach((now, i) => {
        if (now) expect(before[i]).toBe(true);
      });
    },
  );

  test.prop([policies, policyDoc], { numRuns: RUNS })(
    'a permissions boundary never grows reach',
    (docs, boundary) => {
      const identity = toPolicies(docs, 'p').map((policy) => ({ policy }));
      const free = allowed(decisions({ policies: identity }));
      const bounded = allowed(
        decisions({ policies: identity, boundary: { policies: toPolicies([boundary], 'b') } }),
      );
      bounded.forEach((now, i) => {
        if (now) expect(free[i]).toBe(true);
      });
    },
  );

  test.prop([policies], { numRuns: RUNS })('the order of statements and policies does not matter', (docs) => {
    const forward = decisions({ policies: toPolicies(docs, 'p').map((policy) => ({ policy })) });
    const reversed = [...docs].reverse().map((d) => ({ Statement: [...d.Statement].reverse() }));
    expect(decisions({ policies: toPolicies(reversed, 'p').map((policy) => ({ policy })) })).toEqual(forward);
  });

  test.prop([fc.subarray(ACTION_PATTERNS, { minLength: 1, maxLength: 3 })], { numRuns: RUNS })(
    'NotAction X is the catalog minus X',
    (patterns) => {
      const reach = computePrincipalReach(catalog, {
        principalArn: 'arn:aws:iam::111111111111:role/subject',
        policies: [
          { policy: policyFrom({ Statement: [{ Effect: 'Allow', NotAction: patterns, Resource: '*' }] }) },
        ],
      });
      const named = patterns.reduce((set, p) => set.union(catalog.expand(p)), catalog.none);
      const granted = reach.grants.reduce((set, g) => set.union(g.actions), catalog.none);
      expect(granted.equals(catalog.all.minus(named))).toBe(true);
    },
  );
});
