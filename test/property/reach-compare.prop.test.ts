import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import type { Catalog } from '../../src/policy/catalog.js';
import { evaluateRequest } from '../../src/policy/evaluate.js';
import { computePrincipalReach, type PrincipalReach } from '../../src/policy/reach.js';
import { actionsBeyond, actionsNoLongerDenied } from '../../src/policy/reach-compare.js';
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
  'iam:PassRole',
  'ec2:RunInstances',
];
const PATTERNS = [...ACTIONS, 's3:*', 's3:*Object', 'iam:*', '*'];
const RESOURCES = [
  'arn:aws:s3:::data',
  'arn:aws:s3:::data/a.csv',
  'arn:aws:s3:::logs/x',
  'arn:aws:iam::111111111111:role/deploy',
  'arn:aws:ec2:us-east-1:111111111111:instance/i-1',
];
const RESOURCE_PATTERNS = [
  ...RESOURCES,
  '*',
  'arn:aws:s3:::data*',
  'arn:aws:s3:::*/*',
  'arn:aws:iam::*:role/*',
];

const allowStatements = fc.array(
  fc.record({
    Effect: fc.constant('Allow'),
    Action: fc.subarray(PATTERNS, { minLength: 1, maxLength: 3 }),
    Resource: fc.subarray(RESOURCE_PATTERNS, { minLength: 1, maxLength: 2 }),
  }),
  { minLength: 1, maxLength: 4 },
);

const denyStatements = fc.array(
  fc.record({
    Effect: fc.constant('Deny'),
    Action: fc.subarray(PATTERNS, { minLength: 1, maxLength: 2 }),
    Resource: fc.subarray(RESOURCE_PATTERNS, { minLength: 1, maxLength: 2 }),
  }),
  { minLength: 1, maxLength: 3 },
);

function reachOf(name: string, statements: readonly unknown[]): PrincipalReach {
  return computePrincipalReach(catalog, {
    principalArn: `arn:aws:iam::111111111111:role/${name}`,
    policies: [{ policy: policyFrom({ Statement: statements }, name) }],
  });
}

describe('actionsBeyond (what one reach has that another lacks)', () => {
  test.prop([allowStatements, allowStatements], { numRuns: RUNS })(
    'is sound: a request allowed by a grant and denied to the base is in what it returns',
    (grantStatements, baseStatements) => {
      const reach = reachOf('target', grantStatements);
      const base = reachOf('base', baseStatements);
      for (const grant of reach.grants) {
        const beyond = actionsBeyond(grant, base.grants);
        for (const action of ACTIONS) {
          for (const resource of RESOURCES) {
            const index = catalog.indexOf(action);
            if (index === undefined || !grant.actions.has(index)) continue;
            if (
              evaluateRequest(catalog, { ...reach, grants: [grant] }, action, resource).decision !== 'allow'
            )
              continue;
            if (evaluateRequest(catalog, base, action, resource).decision === 'allow') continue;
            expect(beyond.has(index), `${action} on ${resource}`).toBe(true);
          }
        }
      }
    },
  );

  test.prop([allowStatements], { numRuns: RUNS })('a reach has nothing beyond itself', (statements) => {
    const reach = reachOf('self', statements);
    for (const grant of reach.grants) expect(actionsBeyond(grant, reach.grants).isEmpty()).toBe(true);
  });
});

describe('actionsNoLongerDenied (what removing a Deny gives back)', () => {
  test.prop([allowStatements, denyStatements, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 })], {
    numRuns: RUNS,
  })(
    'with actionsBeyond, is sound: a request allowed now and denied before is in one of them',
    (allows, denies, kept) => {
      const before = reachOf('agent', [...allows, ...denies]);
      const after = reachOf('agent', [...allows, ...denies.filter((_, i) => kept[i])]);
      const beforeDenies = [...before.denies, ...before.conditionalDenies];
      const afterDenies = [...after.denies, ...after.conditionalDenies];
      for (const grant of after.grants) {
        const added = actionsBeyond(grant, before.grants).union(
          actionsNoLongerDenied(grant, beforeDenies, afterDenies),
        );
        for (const action of ACTIONS) {
          for (const resource of RESOURCES) {
            const index = catalog.indexOf(action);
            if (index === undefined || !grant.actions.has(index)) continue;
            if (
              evaluateRequest(catalog, { ...after, grants: [grant] }, action, resource).decision !== 'allow'
            )
              continue;
            if (evaluateRequest(catalog, before, action, resource).decision === 'allow') continue;
            expect(added.has(index), `${action} on ${resource}`).toBe(true);
          }
        }
      }
    },
  );

  test.prop([allowStatements, denyStatements], { numRuns: RUNS })(
    'is empty when the Deny statements are unchanged',
    (allows, denies) => {
      const reach = reachOf('agent', [...allows, ...denies]);
      const all = [...reach.denies, ...reach.conditionalDenies];
      for (const grant of reach.grants) expect(actionsNoLongerDenied(grant, all, all).isEmpty()).toBe(true);
    },
  );
});
