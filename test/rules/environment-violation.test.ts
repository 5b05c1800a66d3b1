import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'environment-violation';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/environment-violation/fail',
    triples: ['environment-violation|deploy-agent|aws_lambda_function.checkout_api_prod'],
  },
  {
    dir: 'fixtures/rules/environment-violation/fail-arns',
    triples: ['environment-violation|analytics-agent|arn:aws:dynamodb:us-east-1:111111111111:table/prod-*'],
  },
  { dir: 'fixtures/rules/environment-violation/pass', triples: [] },
];

/** Fixtures pinned by their own tests below. */
const PINNED: readonly string[] = [
  'fixtures/rules/environment-violation/fail-accounts',
  'fixtures/rules/environment-violation/pass-resource-tag-condition',
];

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

describe('environment-violation', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each([...CASES.map((c) => c.dir), ...PINNED])('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: a production resource the plan names, with the modifying actions only', async () => {
    // Given lambda:UpdateFunctionCode and PublishVersion (and two reads) on checkout-api-*,
    // when the rule runs, then checkout-api-prod is reported with the two modifying actions.
    const finding = await onlyFinding('fixtures/rules/environment-violation/fail');
    expect(finding.severity).toBe('high');
    expect(finding.resource).toBe('arn:aws:lambda:us-east-1:111111111111:function:checkout-api-prod');
    expect(finding.evidence.actions).toEqual(['lambda:PublishVersion', 'lambda:UpdateFunctionCode']);
    expect(finding.evidence.resources).toEqual([
      'arn:aws:lambda:us-east-1:111111111111:function:checkout-api-prod',
    ]);
    expect(finding.evidence.path.map((hop) => hop.kind)).toEqual(['acts-as']);
    expect(finding.evidence.statements.map((s) => [s.address, s.sid])).toEqual([
      ['aws_iam_role_policy.deploy_agent', 'DeployCheckoutApi'],
    ]);
  });

  it('fail-arns: resources the plan does not name are judged by the environment’s ARN pattern', async () => {
    const finding = await onlyFinding('fixtures/rules/environment-violation/fail-arns');
    expect(finding.resource).toBe('arn:aws:dynamodb:us-east-1:111111111111:table/prod-*');
    expect(finding.address).toBeUndefined();
    expect(finding.evidence.actions).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(finding.evidence.capabilities).toEqual(['data-delete', 'delete']);
  });

  // S3 bucket and object ARNs name no account: an `accounts:` matcher naming the home account
  // covers them, so writing into every bucket of the production account is reported.
  it('fail-accounts: an `accounts:` environment covers the account’s S3 buckets', async () => {
    const run = await runRuleOnFixture(RULE, 'fixtures/rules/environment-violation/fail-accounts');
    expect(run.triples).toEqual(['environment-violation|asset-agent|arn:*:*:*:111111111111:*']);
  });

  // A grant scoped by aws:ResourceTag/env = staging cannot touch checkout-api-prod, whose tags the
  // plan shows (env=prod): resource-tag conditions are decided for resources the inputs name.
  it('pass-resource-tag-condition: an aws:ResourceTag condition keeps the agent out of production', async () => {
    const run = await runRuleOnFixture(
      RULE,
      'fixtures/rules/environment-violation/pass-resource-tag-condition',
    );
    expect(run.triples).toEqual([]);
  });
});
