import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'shared-identity';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/shared-identity/fail',
    triples: ['shared-identity|ops-agent|aws_iam_role.ops_agent'],
  },
  {
    dir: 'fixtures/rules/shared-identity/fail-console-user',
    triples: ['shared-identity|reporting-agent|aws_iam_user.reporting_agent'],
  },
  {
    dir: 'fixtures/rules/shared-identity/fail-saml',
    triples: ['shared-identity|support-agent|aws_iam_role.support_agent'],
  },
  { dir: 'fixtures/rules/shared-identity/pass', triples: [] },
];

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

describe('shared-identity', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: a trust policy naming the account root makes the agent’s role usable by people', async () => {
    // Given ops-agent's role, trusted by Lambda, and a new trust statement EngineersAssumeRole naming
    // arn:aws:iam::111111111111:root, when the rule runs, then the role is reported and the message
    // says the trust admits the account root.
    const finding = await onlyFinding('fixtures/rules/shared-identity/fail');
    expect(finding.severity).toBe('high');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:role/ops-agent');
    expect(finding.message).toMatch(/account root/);
    expect(finding.message).toContain('arn:aws:iam::111111111111:root');
    expect(finding.evidence.statements.map((s) => [s.address, s.sid])).toEqual([
      ['aws_iam_role.ops_agent', 'EngineersAssumeRole'],
    ]);
  });

  it('fail-saml: a trust policy admitting a SAML provider names the provider', async () => {
    const finding = await onlyFinding('fixtures/rules/shared-identity/fail-saml');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:role/support-agent');
    expect(finding.message).toMatch(/SAML/);
    expect(finding.message).toContain('arn:aws:iam::111111111111:saml-provider/okta');
    expect(finding.evidence.statements.map((s) => s.sid)).toEqual(['OktaSignIn']);
  });

  it('fail-console-user: an IAM user identity with a login profile is a console identity', async () => {
    const finding = await onlyFinding('fixtures/rules/shared-identity/fail-console-user');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:user/reporting-agent');
    expect(finding.message).toMatch(/login profile/);
  });
});
