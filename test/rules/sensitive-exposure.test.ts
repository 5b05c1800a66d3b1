import { describe, expect, it } from 'vitest';
import { buildAnalysis } from '../../src/graph/analysis.js';
import type { Finding } from '../../src/model/finding.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Principal } from '../../src/model/principal.js';
import { configWith, inventoryOf, principal } from '../helpers/inventory.js';
import { testCatalog } from '../helpers/policy.js';
import { ruleById, runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'sensitive-exposure';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/sensitive-exposure/fail',
    triples: ['sensitive-exposure|-|aws_s3_bucket.customer_exports'],
  },
  {
    dir: 'fixtures/rules/sensitive-exposure/fail-cross-account',
    triples: ['sensitive-exposure|-|aws_s3_bucket.finance_reports'],
  },
  {
    dir: 'fixtures/rules/sensitive-exposure/fail-new-reader',
    triples: ['sensitive-exposure|-|aws_s3_bucket.customer_exports'],
  },
  { dir: 'fixtures/rules/sensitive-exposure/pass', triples: [] },
  { dir: 'fixtures/rules/sensitive-exposure/pass-new-bucket', triples: [] },
];

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

function grantingStatements(finding: Finding): [string | undefined, string | undefined][] {
  return finding.evidence.statements.map((s) => [s.address, s.sid]);
}

describe('sensitive-exposure', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: a bucket policy that lets "*" read a pii bucket is public exposure, critical', async () => {
    // Given customer-exports (tagged pii) and a new bucket policy whose statement PublicRead allows
    // s3:GetObject to Principal "*" (next to a conditional DenyInsecureTransport), when the rule runs,
    // then the bucket is reported, critical, with no agent, and the evidence names PublicRead.
    const finding = await onlyFinding('fixtures/rules/sensitive-exposure/fail');
    expect(finding.severity).toBe('critical');
    expect(finding.agent).toBeUndefined();
    expect(finding.resource).toBe('arn:aws:s3:::customer-exports');
    expect(finding.evidence.actions).toEqual(['s3:GetObject']);
    expect(grantingStatements(finding)).toEqual([['aws_s3_bucket_policy.customer_exports', 'PublicRead']]);
  });

  it('fail-cross-account: a bucket policy that lets another account read is critical', async () => {
    // AuditorRead allows s3:GetObject and s3:ListBucket to arn:aws:iam::222222222222:root; listing
    // keys is not reading data.
    const finding = await onlyFinding('fixtures/rules/sensitive-exposure/fail-cross-account');
    expect(finding.severity).toBe('critical');
    expect(finding.resource).toBe('arn:aws:s3:::acme-finance-reports');
    expect(finding.message).toContain('222222222222');
    expect(finding.evidence.actions).toEqual(['s3:GetObject']);
    expect(grantingStatements(finding)).toEqual([['aws_s3_bucket_policy.finance_reports', 'AuditorRead']]);
  });

  it('fail-new-reader: a new reader inside the account is high, and it need not be an agent', async () => {
    const finding = await onlyFinding('fixtures/rules/sensitive-exposure/fail-new-reader');
    expect(finding.severity).toBe('high');
    expect(finding.agent).toBeUndefined();
    expect(finding.resource).toBe('arn:aws:s3:::customer-exports');
    expect(finding.message).toContain('arn:aws:iam::111111111111:role/reporting-etl');
    expect(grantingStatements(finding)).toEqual([
      ['aws_iam_role_policy.reporting_etl_exports', 'ReadExports'],
    ]);
  });

  describe('over an account: principals the plan leaves alone share their reach in both worlds', () => {
    const BUCKET = 'arn:aws:s3:::customer-data';
    const read = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }] };
    const list = { Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] };
    const reader = principal('role', 'reader', { policies: [read] });
    const other = principal('role', 'other', { policies: [list] });
    const config = {
      ...configWith([]),
      data: { sensitive: { tags: {}, names: [], accounts: [], arns: [BUCKET] } },
    };
    const bucket = {
      arn: BUCKET,
      arnKnown: true,
      type: 'aws_s3_bucket',
      name: 'customer-data',
      tags: {},
      source: { file: 'test' },
    };
    const world = (principals: readonly Principal[]): Inventory => ({
      ...inventoryOf(principals),
      resources: [bucket],
    });

    function exposure(before: Inventory, after: Inventory, shared: boolean) {
      const catalog = testCatalog();
      const guardrails: never[] = [];
      const afterWorld = buildAnalysis(catalog, after, config, guardrails);
      const beforeWorld = buildAnalysis(catalog, before, config, guardrails, shared ? afterWorld : undefined);
      return ruleById(RULE)
        .check({ catalog, config, after: afterWorld, before: beforeWorld })
        .map((f) => f.message);
    }

    it.each([
      ['the same principals', [reader, other], 0],
      ['another role now reads it', [reader, principal('role', 'other', { policies: [list, read] })], 1],
      ['a new role reads it', [reader, other, principal('role', 'new', { policies: [read] })], 1],
    ])('%s: the same findings as with each world computed alone', (_name, after, count) => {
      const findings = exposure(world([reader, other]), world(after), true);
      expect(findings).toEqual(exposure(world([reader, other]), world(after), false));
      expect(findings).toHaveLength(count);
    });
  });
});
