import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'undeclared-reach';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/undeclared-reach/fail',
    triples: ['undeclared-reach|build-agent|aws_iam_role_policy.build_agent'],
  },
  {
    dir: 'fixtures/rules/undeclared-reach/fail-assumed-role',
    triples: ['undeclared-reach|release-agent|aws_iam_role_policy.release_deployer'],
  },
  { dir: 'fixtures/rules/undeclared-reach/pass', triples: [] },
  { dir: 'fixtures/rules/undeclared-reach/pass-trust-account-root', triples: [] },
  { dir: 'fixtures/rules/undeclared-reach/pass-bucket-and-objects', triples: [] },
];

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

describe('undeclared-reach', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: names the undeclared action, the granting statement and the direct path', async () => {
    // Given a policy that adds s3:PutObject to a declared s3:GetObject on the build cache objects,
    // when the rule runs, then the finding is about s3:PutObject alone.
    const finding = await onlyFinding('fixtures/rules/undeclared-reach/fail');
    expect(finding.severity).toBe('high');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:role/build-agent');
    expect(finding.evidence.actions).toEqual(['s3:PutObject']);
    expect(finding.evidence.resources).toEqual(['arn:aws:s3:::acme-build-cache/*']);
    expect(finding.evidence.path.map((hop) => hop.kind)).toEqual(['acts-as']);
    expect(finding.evidence.statements.map((s) => [s.address, s.sid])).toEqual([
      ['aws_iam_role_policy.build_agent', 'ReadWriteCache'],
    ]);
  });

  it('fail-assumed-role: reach through an assumed role is the agent’s reach, explained hop by hop', async () => {
    // Given release-deployer's trust policy naming release-agent's role ARN (same account),
    // when the rule runs, then the deployer's grant is reported through acts-as then can-assume.
    const finding = await onlyFinding('fixtures/rules/undeclared-reach/fail-assumed-role');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:role/release-deployer');
    expect(finding.evidence.actions).toEqual([
      'lambda:PublishVersion',
      'lambda:UpdateAlias',
      'lambda:UpdateFunctionCode',
    ]);
    expect(finding.evidence.path.map((hop) => hop.kind)).toEqual(['acts-as', 'can-assume']);
    const [, assume] = finding.evidence.path;
    expect(assume).toMatchObject({
      from: 'arn:aws:iam::111111111111:role/release-agent',
      to: 'arn:aws:iam::111111111111:role/release-deployer',
    });
    // The trust statement naming the agent's role, then the agent's own sts:AssumeRole grant.
    expect(assume?.statements.map((s) => [s.policyKind, s.sid])).toEqual([
      ['trust', 'ReleaseAgentAssumeRole'],
      ['inline', 'AssumeReleaseDeployer'],
    ]);
    expect(finding.evidence.statements.map((s) => s.address)).toEqual([
      'aws_iam_role_policy.release_deployer',
    ]);
  });
});
