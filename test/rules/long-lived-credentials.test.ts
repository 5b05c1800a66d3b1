import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'long-lived-credentials';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/long-lived-credentials/fail',
    triples: ['long-lived-credentials|etl-agent|aws_iam_user.etl_agent'],
  },
  {
    dir: 'fixtures/rules/long-lived-credentials/fail-session',
    triples: ['long-lived-credentials|research-agent|aws_iam_role.research_agent'],
  },
  { dir: 'fixtures/rules/long-lived-credentials/pass', triples: [] },
  { dir: 'fixtures/rules/long-lived-credentials/pass-declared-session', triples: [] },
];

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

describe('long-lived-credentials', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: an IAM user identity with an access key holds credentials that never expire', async () => {
    // Given etl-agent's IAM user and an access key the plan creates for it, when the rule runs,
    // then the user is reported, medium, for its access key.
    const finding = await onlyFinding('fixtures/rules/long-lived-credentials/fail');
    expect(finding.severity).toBe('medium');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:user/etl-agent');
    expect(finding.message).toMatch(/access key/);
  });

  it('fail-session: a role allowing longer sessions than declared names both durations', async () => {
    // Given max_session_duration = 43200 and `max-session-duration: 1h`, when the rule runs, then
    // the message compares 43200 s with the declared 3600 s.
    const finding = await onlyFinding('fixtures/rules/long-lived-credentials/fail-session');
    expect(finding.severity).toBe('medium');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:role/research-agent');
    expect(finding.message).toContain('43200 s');
    expect(finding.message).toContain('3600 s');
  });
});
