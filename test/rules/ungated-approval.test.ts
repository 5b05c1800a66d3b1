import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'ungated-approval';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/ungated-approval/fail',
    triples: ['ungated-approval|storage-assistant|aws_iam_role_policy.storage_assistant'],
  },
  {
    dir: 'fixtures/rules/ungated-approval/fail-custom-key',
    triples: ['ungated-approval|storage-assistant|aws_iam_role_policy.storage_assistant'],
  },
  { dir: 'fixtures/rules/ungated-approval/pass', triples: [] },
  { dir: 'fixtures/rules/ungated-approval/pass-deny-gate', triples: [] },
  { dir: 'fixtures/rules/ungated-approval/pass-mfa-trust', triples: [] },
];

const ROLE = 'arn:aws:iam::111111111111:role/storage-assistant';

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

describe('ungated-approval', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: an unconditional delete for an agent that declares human-approval: [delete] is ungated', async () => {
    // Given storage-assistant with `human-approval: [delete]` and a plan that adds DeleteArtifacts
    // (s3:DeleteObject on the build artifacts, no condition) to its own role's policy, when the rule
    // runs, then one high finding names the delete capability, only the delete action (not the
    // ungated ListBucket and GetObject), the statement DeleteArtifacts and the role it acts as.
    const finding = await onlyFinding('fixtures/rules/ungated-approval/fail');
    expect(finding.severity).toBe('high');
    expect(finding.agent).toBe('storage-assistant');
    expect(finding.principal).toBe(ROLE);
    expect(finding.evidence.capabilities).toEqual(['delete']);
    expect(finding.evidence.actions).toEqual(['s3:DeleteObject']);
    expect(finding.evidence.resources).toEqual(['arn:aws:s3:::acme-build-artifacts/*']);
    expect(grantingStatements(finding)).toEqual([
      ['aws_iam_role_policy.storage_assistant', 'DeleteArtifacts'],
    ]);
    expect(finding.evidence.conditions).toEqual([]);
    expect(finding.evidence.path.map((hop) => [hop.kind, hop.to])).toEqual([['acts-as', ROLE]]);
    expect(finding.message).toContain('human approval for delete');
    expect(finding.message).toContain('no approval condition');
  });

  it('fail-custom-key: a condition on a key that is not in approval-conditions is not a gate', async () => {
    // Given the plan of pass/ (DeleteArtifacts holds only under Bool aws:MultiFactorAuthPresent =
    // true) and a config whose approval-conditions is [aws:PrincipalTag/approved-change], when the
    // rule runs, then the MFA condition does not count: the delete is reported, and the evidence
    // still shows the MFA condition the grant depends on.
    const finding = await onlyFinding('fixtures/rules/ungated-approval/fail-custom-key');
    expect(finding.severity).toBe('high');
    expect(finding.principal).toBe(ROLE);
    expect(finding.evidence.capabilities).toEqual(['delete']);
    expect(finding.evidence.actions).toEqual(['s3:DeleteObject']);
    expect(grantingStatements(finding)).toEqual([
      ['aws_iam_role_policy.storage_assistant', 'DeleteArtifacts'],
    ]);
    expect(finding.evidence.conditions).toEqual(['Bool aws:MultiFactorAuthPresent = true']);
    expect(finding.message).toContain('human approval for delete');

    // The same plan with the default keys (pass/) is gated by that very condition.
    const defaults = await runRuleOnFixture(RULE, 'fixtures/rules/ungated-approval/pass');
    expect(defaults.findings).toEqual([]);
  });
});
