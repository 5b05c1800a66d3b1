import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'stale-declaration';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/stale-declaration/fail',
    triples: ['stale-declaration|summarizer-agent|arn:aws:iam::111111111111:role/summarizer-agent'],
  },
  {
    dir: 'fixtures/rules/stale-declaration/fail-address',
    triples: ['stale-declaration|summarizer-agent|terraform:aws_iam_role.summarizer_agent'],
  },
  {
    dir: 'fixtures/rules/stale-declaration/fail-tagged',
    triples: ['stale-declaration|-|aws_iam_role.enrichment_agent'],
  },
  { dir: 'fixtures/rules/stale-declaration/pass', triples: [] },
  { dir: 'fixtures/rules/stale-declaration/pass-other-account', triples: [] },
];

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

describe('stale-declaration', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: a declared ARN the plan deletes is reported for its agent, without an address', async () => {
    // Given a plan that deletes the role summarizer-agent, still declared by its ARN, when the rule
    // runs, then the declaration is reported, medium, with the ARN as resource and no address.
    const finding = await onlyFinding('fixtures/rules/stale-declaration/fail');
    expect(finding.severity).toBe('medium');
    expect(finding.agent).toBe('summarizer-agent');
    expect(finding.resource).toBe('arn:aws:iam::111111111111:role/summarizer-agent');
    expect(finding.address).toBeUndefined();
  });

  it('fail-address: a declared Terraform address is reported as written', async () => {
    const finding = await onlyFinding('fixtures/rules/stale-declaration/fail-address');
    expect(finding.agent).toBe('summarizer-agent');
    expect(finding.resource).toBe('terraform:aws_iam_role.summarizer_agent');
    expect(finding.address).toBeUndefined();
  });

  it('fail-tagged: a role tagged ai-agent=true that no agent declares is reported without an agent', async () => {
    // ticket-exporter is tagged ai-agent=false and triage-agent is declared: neither is reported.
    const finding = await onlyFinding('fixtures/rules/stale-declaration/fail-tagged');
    expect(finding.severity).toBe('medium');
    expect(finding.agent).toBeUndefined();
    expect(finding.resource).toBe('arn:aws:iam::111111111111:role/enrichment-agent');
    expect(finding.address).toBe('aws_iam_role.enrichment_agent');
  });
});
