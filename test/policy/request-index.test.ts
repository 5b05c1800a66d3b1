import { describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../bench/generate.js';
import { accountSnapshotInventory } from '../../src/ingest/account-snapshot/read-account-snapshot.js';
import { arnMatches, compileArnPattern, splitConcreteArn } from '../../src/policy/arn-pattern.js';
import { evaluateRequest, type RequestDecision } from '../../src/policy/evaluate.js';
import { ReachIndex } from '../../src/policy/reach-index.js';
import { ArnList, RequestIndex } from '../../src/policy/request-index.js';
import { testCatalog } from '../helpers/policy.js';

const ACCOUNT = '123456789012';

/** The actions the graph asks about, plus ones evaluateRequest decides another way. */
const ACTIONS = [
  'iam:PassRole',
  'sts:AssumeRole',
  'iam:AttachRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:AddUserToGroup',
  'iam:UpdateAssumeRolePolicy',
  'lambda:CreateFunction',
  's3:GetObject',
  'dynamodb:DeleteItem',
  'ec2:RunInstances',
  'iam:ListRoles',
  'sts:GetCallerIdentity',
  'nosuch:Action',
];

/** ARNs beyond the account's principals and policies: other services, accounts, spellings. */
const EXTRA_ARNS = [
  '*',
  'not-an-arn',
  'arn:aws:iam::123456789012',
  `arn:AWS:IAM::${ACCOUNT}:role/prod-payments-svc-1`,
  `arn:aws:iam::${ACCOUNT}:role/Prod-payments-svc-1`,
  'arn:aws:iam::999999999999:role/agent-runtime',
  `arn:aws:lambda:us-east-1:${ACCOUNT}:function:prod-payments-x`,
  'arn:aws:s3:::prod-payments-data-3/key',
  `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/dev-search-orders`,
];

/** The same decision, from the same grants and denies (the same objects, in the same order). */
function sameDecision(a: RequestDecision, b: RequestDecision): boolean {
  const same = <T>(x: readonly T[], y: readonly T[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  return a.decision === b.decision && same(a.grants, b.grants) && same(a.denies, b.denies);
}

async function generatedAccount() {
  const inventory = await accountSnapshotInventory(generateSnapshot(60), 'generated.json');
  const arns = [
    ...inventory.principals.map((p) => p.arn),
    ...inventory.managedPolicies.flatMap((p) => (p.arn ? [p.arn] : [])),
    ...EXTRA_ARNS,
  ];
  return { inventory, arns };
}

describe('RequestIndex', () => {
  it('decides every request as evaluateRequest does with a granting resource policy', async () => {
    const catalog = testCatalog();
    const { inventory, arns } = await generatedAccount();
    const index = new ReachIndex(catalog, inventory);
    const requests = new RequestIndex(catalog);
    let allowed = 0;
    for (const principal of inventory.principals) {
      const reach = index.reachOf(principal.arn);
      if (!reach) continue;
      for (const action of ACTIONS) {
        for (const arn of arns) {
          const expected = evaluateRequest(catalog, reach, action, arn, { resourcePolicyGrants: true });
          const decided = requests.decide(reach, action, arn);
          if (expected.decision === 'allow') allowed++;
          // toEqual only where they differ: a hundred thousand deep comparisons take too long
          if (!sameDecision(decided, expected))
            expect(decided, `${principal.arn} ${action} ${arn}`).toEqual(expected);
        }
      }
    }
    expect(allowed).toBeGreaterThan(1000);
  });

  it('names every ARN some grant of the actions matches among its candidates', async () => {
    const catalog = testCatalog();
    const { inventory, arns } = await generatedAccount();
    const index = new ReachIndex(catalog, inventory);
    const requests = new RequestIndex(catalog);
    const list = new ArnList(arns);
    let narrowed = 0;
    for (const principal of inventory.principals) {
      const reach = index.reachOf(principal.arn);
      if (!reach) continue;
      for (const actions of [
        ['iam:PassRole'],
        ['sts:AssumeRole'],
        ['iam:AttachRolePolicy', 's3:GetObject'],
      ]) {
        const candidates = requests.candidates(reach, actions, list);
        if (!candidates) continue;
        narrowed++;
        expect([...candidates].sort((a, b) => a - b)).toEqual(candidates);
        arns.forEach((arn, position) => {
          const granted = actions.some(
            (action) =>
              evaluateRequest(catalog, reach, action, arn, { resourcePolicyGrants: true }).grants.length > 0,
          );
          if (granted) expect(candidates, `${principal.arn} ${actions.join(',')} ${arn}`).toContain(position);
        });
      }
    }
    expect(narrowed).toBeGreaterThan(50);
  });
});

describe('ArnList', () => {
  it('finds the ARNs a pattern matches, literal or not, as arnMatches does', async () => {
    const { arns } = await generatedAccount();
    const list = new ArnList(arns);
    const patterns = [
      '*',
      `arn:aws:iam::${ACCOUNT}:role/prod-payments-svc-1`,
      `ARN:AWS:IAM::${ACCOUNT}:role/prod-payments-svc-1`,
      `arn:aws:iam::${ACCOUNT}:role/prod-*`,
      `arn:aws:iam::${ACCOUNT}:role/Prod-payments-svc-1`,
      `arn:aws:iam::${ACCOUNT}:role/prod-payments-svc-?`,
      `arn:aws:iam::${ACCOUNT}:*`,
      'arn:aws:iam::*:role/agent-runtime',
      'arn:aws:iam',
      `arn:aws:iam::${ACCOUNT}:role/prod-payments-svc-1$\{*}`,
      'not-an-arn',
      'not-*',
      `arn:aws:iam::${ACCOUNT}`,
    ];
    for (const source of patterns) {
      const pattern = compileArnPattern(source);
      const expected = arns.flatMap((arn, i) => (arnMatches(pattern, splitConcreteArn(arn)) ? [i] : []));
      const found = list.matching(pattern);
      expect(found ?? arns.map((_, i) => i), source).toEqual(expected);
    }
  });
});
