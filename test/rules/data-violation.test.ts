import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'data-violation';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/data-violation/fail',
    triples: ['data-violation|insights-agent|aws_s3_bucket.customer_exports'],
  },
  {
    dir: 'fixtures/rules/data-violation/fail-pattern',
    triples: ['data-violation|search-indexer|arn:aws:s3:::customer-*'],
  },
  {
    dir: 'fixtures/rules/data-violation/fail-write',
    triples: ['data-violation|insights-agent|aws_s3_bucket.customer_exports'],
  },
  { dir: 'fixtures/rules/data-violation/pass', triples: [] },
  { dir: 'fixtures/rules/data-violation/pass-bucket-config', triples: [] },
  // A condition on aws:PrincipalArn that the agent's role never satisfies: decided from the inputs.
  { dir: 'fixtures/rules/data-violation/pass-principal-condition', triples: [] },
];

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

describe('data-violation', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: reading the objects of a bucket tagged pii is an undeclared read of sensitive data', async () => {
    // Given s3:GetObject on customer-exports/* and s3:ListBucket on the bucket, with `data.read: []`,
    // when the rule runs, then the bucket is reported for s3:GetObject: listing keys is not reading data.
    const finding = await onlyFinding('fixtures/rules/data-violation/fail');
    expect(finding.severity).toBe('high');
    expect(finding.resource).toBe('arn:aws:s3:::customer-exports');
    expect(finding.evidence.actions).toEqual(['s3:GetObject']);
    expect(finding.evidence.path.map((hop) => hop.kind)).toEqual(['acts-as']);
    expect(finding.evidence.statements.map((s) => [s.address, s.sid])).toEqual([
      ['aws_iam_role_policy.insights_agent', 'ReadExports'],
    ]);
  });

  it('fail-write: a declared read does not cover a write', async () => {
    const finding = await onlyFinding('fixtures/rules/data-violation/fail-write');
    expect(finding.resource).toBe('arn:aws:s3:::customer-exports');
    expect(finding.evidence.actions).toEqual(['s3:PutObject']);
    expect(finding.evidence.statements.map((s) => s.sid)).toEqual(['WriteAnalysis']);
  });

  it('fail-pattern: buckets the plan does not name are judged by the classification’s ARN pattern', async () => {
    const finding = await onlyFinding('fixtures/rules/data-violation/fail-pattern');
    expect(finding.resource).toBe('arn:aws:s3:::customer-*');
    expect(finding.address).toBeUndefined();
    // s3:ListBucket and s3:ListAllMyBuckets are also granted: List actions are not data reads.
    expect(finding.evidence.actions).toEqual(['s3:GetObject']);
    expect(finding.evidence.statements.map((s) => s.sid)).toEqual(['ReadDocuments']);
  });
});
