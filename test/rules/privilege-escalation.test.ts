import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'privilege-escalation';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/privilege-escalation/fail',
    triples: ['privilege-escalation|etl-agent|aws_iam_role_policy.etl_agent_pass_role'],
  },
  {
    dir: 'fixtures/rules/privilege-escalation/fail-assume-role',
    triples: ['privilege-escalation|oncall-agent|aws_iam_role_policy.oncall_agent'],
  },
  {
    dir: 'fixtures/rules/privilege-escalation/fail-create-access-key',
    triples: ['privilege-escalation|key-rotator|aws_iam_role_policy.key_rotator'],
  },
  {
    dir: 'fixtures/rules/privilege-escalation/fail-self-rewrite',
    triples: ['privilege-escalation|cost-agent|aws_iam_role_policy.cost_agent'],
  },
  {
    dir: 'fixtures/rules/privilege-escalation/fail-update-function-code',
    triples: ['privilege-escalation|hotfix-agent|aws_iam_role_policy.hotfix_agent'],
  },
  { dir: 'fixtures/rules/privilege-escalation/pass', triples: [] },
  { dir: 'fixtures/rules/privilege-escalation/pass-base-allows-all', triples: [] },
  { dir: 'fixtures/rules/privilege-escalation/pass-declared-identity', triples: [] },
  { dir: 'fixtures/rules/privilege-escalation/pass-untrusted-service', triples: [] },
];

const ROLE = 'arn:aws:iam::111111111111:role';

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

/** The explanation path without its statements: who, to whom, how. */
function hops(finding: Finding) {
  return finding.evidence.path.map(({ from, to, kind, method, via }) => ({ from, to, kind, method, via }));
}

/** `[address, sid]` of the statements behind one hop of the path. */
function hopStatements(finding: Finding, hop: number): [string | undefined, string | undefined][] {
  return (finding.evidence.path[hop]?.statements ?? []).map((s) => [s.address, s.sid]);
}

describe('privilege-escalation', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: passing a stronger role to a Lambda function the agent creates is critical', async () => {
    // Given etl-agent, which may create and invoke etl-* functions, and a new policy
    // pass-data-pipeline (statement PassDataPipeline) allowing iam:PassRole on data-pipeline, a role
    // Lambda trusts with s3:* and dynamodb:*, when the rule runs, then data-pipeline is reported,
    // critical, through a can-pass-role hop, at the address of the PassRole statement.
    const finding = await onlyFinding('fixtures/rules/privilege-escalation/fail');
    expect(finding.severity).toBe('critical');
    expect(finding.principal).toBe(`${ROLE}/data-pipeline`);
    expect(finding.address).toBe('aws_iam_role_policy.etl_agent_pass_role');
    expect(hops(finding)).toEqual([
      { from: 'etl-agent', to: `${ROLE}/etl-agent`, kind: 'acts-as' },
      {
        from: `${ROLE}/etl-agent`,
        to: `${ROLE}/data-pipeline`,
        kind: 'can-pass-role',
        method: 'iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction',
      },
    ]);
    expect(hopStatements(finding, 1)).toEqual([
      ['aws_iam_role_policy.etl_agent_pass_role', 'PassDataPipeline'],
      ['aws_iam_role_policy.etl_agent', 'ManageEtlFunctions'],
      ['aws_iam_role.data_pipeline', 'LambdaAssumeRole'],
    ]);
    expect(finding.evidence.actions).toEqual([
      'iam:PassRole',
      'lambda:CreateFunction',
      'lambda:InvokeFunction',
    ]);
    expect(finding.evidence.resources).toEqual([`${ROLE}/data-pipeline`]);
    expect(finding.evidence.capabilities).toContain('data-export');
    expect(finding.evidence.conditions).toEqual([]);
    expect(finding.message).toContain(
      `can become ${ROLE}/data-pipeline (iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction)`,
    );
  });

  it('fail-assume-role: assuming an undeclared, stronger role is an escalation', async () => {
    // Given oncall-agent and a plan that adds AssumeRemediation (sts:AssumeRole on
    // oncall-remediation) to its policy and OncallAgentAssumeRole to the role's trust policy, when the
    // rule runs, then oncall-remediation is reported through a can-assume hop, at the address of the
    // identity statement, not the trust statement.
    const finding = await onlyFinding('fixtures/rules/privilege-escalation/fail-assume-role');
    expect(finding.severity).toBe('critical');
    expect(finding.principal).toBe(`${ROLE}/oncall-remediation`);
    expect(finding.address).toBe('aws_iam_role_policy.oncall_agent');
    expect(hops(finding)).toEqual([
      { from: 'oncall-agent', to: `${ROLE}/oncall-agent`, kind: 'acts-as' },
      { from: `${ROLE}/oncall-agent`, to: `${ROLE}/oncall-remediation`, kind: 'can-assume' },
    ]);
    expect(hopStatements(finding, 1)).toEqual([
      ['aws_iam_role.oncall_remediation', 'OncallAgentAssumeRole'],
      ['aws_iam_role_policy.oncall_agent', 'AssumeRemediation'],
    ]);
    expect(finding.evidence.actions).toEqual(['sts:AssumeRole']);
    expect(finding.message).toContain(`can become ${ROLE}/oncall-remediation (sts:AssumeRole)`);
    expect(finding.message).toMatch(/gain 4 actions/);
  });

  it('fail-create-access-key: an access key for an administrator user is that user’s power', async () => {
    // Given key-rotator with iam:CreateAccessKey on user/svc-* (statement RotateServiceUserKeys) and a
    // plan that attaches AdministratorAccess to svc-legacy-deploy, when the rule runs, then that user
    // is reported through a can-escalate hop whose method is iam:CreateAccessKey.
    const finding = await onlyFinding('fixtures/rules/privilege-escalation/fail-create-access-key');
    expect(finding.severity).toBe('critical');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:user/svc-legacy-deploy');
    expect(finding.address).toBe('aws_iam_role_policy.key_rotator');
    expect(hops(finding)).toEqual([
      { from: 'key-rotator', to: `${ROLE}/key-rotator`, kind: 'acts-as' },
      {
        from: `${ROLE}/key-rotator`,
        to: 'arn:aws:iam::111111111111:user/svc-legacy-deploy',
        kind: 'can-escalate',
        method: 'iam:CreateAccessKey',
      },
    ]);
    expect(hopStatements(finding, 1)).toEqual([['aws_iam_role_policy.key_rotator', 'RotateServiceUserKeys']]);
    expect(finding.evidence.actions).toEqual(['iam:CreateAccessKey']);
    expect(finding.evidence.capabilities).toEqual(expect.arrayContaining(['iam-write', 'audit-tamper']));
    expect(finding.message).toContain('(iam:CreateAccessKey)');
  });

  it('fail-self-rewrite: PutRolePolicy on its own role lets the agent give itself any permission', async () => {
    // Given cost-agent and a new statement TuneOwnPolicies allowing iam:PutRolePolicy on its own role,
    // when the rule runs, then the agent's own role is the principal, the last hop is a can-escalate
    // self-loop with method iam:PutRolePolicy, and the gain is every capability.
    const finding = await onlyFinding('fixtures/rules/privilege-escalation/fail-self-rewrite');
    expect(finding.severity).toBe('critical');
    expect(finding.principal).toBe(`${ROLE}/cost-agent`);
    expect(finding.address).toBe('aws_iam_role_policy.cost_agent');
    expect(hops(finding)).toEqual([
      { from: 'cost-agent', to: `${ROLE}/cost-agent`, kind: 'acts-as' },
      {
        from: `${ROLE}/cost-agent`,
        to: `${ROLE}/cost-agent`,
        kind: 'can-escalate',
        method: 'iam:PutRolePolicy',
      },
    ]);
    expect(hopStatements(finding, 1)).toEqual([['aws_iam_role_policy.cost_agent', 'TuneOwnPolicies']]);
    expect(finding.evidence.actions).toEqual(['iam:PutRolePolicy']);
    expect(finding.evidence.capabilities).toEqual(
      expect.arrayContaining(['iam-write', 'permissions-management', 'data-export', 'audit-tamper']),
    );
    expect(finding.message).toContain(`give ${ROLE}/cost-agent any permission (iam:PutRolePolicy)`);
    expect(finding.message).toMatch(/any permission in the account/);
  });

  it('fail-update-function-code: replacing a function’s code acts as its execution role', async () => {
    // Given hotfix-agent and a plan that adds lambda:UpdateFunctionCode on image-thumbnailer
    // (statement MediaFunctions), a function that runs as a role with s3:*, when the rule runs, then
    // the execution role is reported through a can-escalate hop via the function's ARN.
    const finding = await onlyFinding('fixtures/rules/privilege-escalation/fail-update-function-code');
    const fn = 'arn:aws:lambda:us-east-1:111111111111:function:image-thumbnailer';
    expect(finding.severity).toBe('critical');
    expect(finding.principal).toBe(`${ROLE}/image-thumbnailer`);
    expect(finding.address).toBe('aws_iam_role_policy.hotfix_agent');
    expect(hops(finding)).toEqual([
      { from: 'hotfix-agent', to: `${ROLE}/hotfix-agent`, kind: 'acts-as' },
      {
        from: `${ROLE}/hotfix-agent`,
        to: `${ROLE}/image-thumbnailer`,
        kind: 'can-escalate',
        method: 'lambda:UpdateFunctionCode',
        via: fn,
      },
    ]);
    expect(hopStatements(finding, 1)).toEqual([['aws_iam_role_policy.hotfix_agent', 'MediaFunctions']]);
    expect(finding.evidence.actions).toEqual(['lambda:UpdateFunctionCode']);
    expect(finding.evidence.resources).toEqual([`${ROLE}/image-thumbnailer`, fn]);
    expect(finding.message).toContain(`can become ${ROLE}/image-thumbnailer (lambda:UpdateFunctionCode)`);
  });
});
