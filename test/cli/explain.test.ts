import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionExplanation, ExplainReport, ReachExplanation } from '../../src/model/explanation.js';
import { runCli } from '../helpers/cli.js';
import { REPO } from '../helpers/rules.js';

const inputs = (dir: string) => ['--plan', `${dir}/plan.json`, '--config', `${dir}/blast-radius.yaml`];
const ASSUMED_ROLE = 'fixtures/rules/undeclared-reach/fail-assumed-role';
const DENY = 'fixtures/rules/no-go-zone/pass';
const CONDITIONAL_DENY = 'fixtures/rules/no-go-zone/fail-conditional-deny';
const PRINCIPAL_CONDITION = 'fixtures/rules/data-violation/pass-principal-condition';
const AGENT_ROLE = 'arn:aws:iam::111111111111:role/release-agent';
const DEPLOYER_ROLE = 'arn:aws:iam::111111111111:role/release-deployer';

async function explainJson(args: readonly string[]): Promise<ExplainReport> {
  const result = await runCli(['explain', ...args, '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

async function actionJson(args: readonly string[]): Promise<ActionExplanation> {
  const { explanation } = await explainJson(args);
  if (explanation.kind !== 'action')
    throw new Error(`expected an action explanation, got ${explanation.kind}`);
  return explanation;
}

describe('blast-radius explain --action: how the agent can', () => {
  const request = [
    'release-agent',
    ...inputs(ASSUMED_ROLE),
    '--action',
    'lambda:updatefunctioncode',
    '--resource',
    'arn:aws:lambda:us-east-1:111111111111:function:billing-api',
  ];

  it('follows the role chain agent -> role -> assumed role to the granting statement', async () => {
    const e = await actionJson(request);
    expect(e.action).toBe('lambda:UpdateFunctionCode');
    expect(e.allowed).toBe(true);
    const [verdict] = e.verdicts;
    expect(verdict?.resource).toBe('arn:aws:lambda:us-east-1:111111111111:function:billing-api');
    const [path, ...others] = verdict?.paths ?? [];
    expect(others).toEqual([]);
    // Every hop, with its kind and the statements that allow it
    expect(path?.principal.arn).toBe(DEPLOYER_ROLE);
    expect(path?.principal.path.map((h) => [h.from, h.kind, h.to])).toEqual([
      ['release-agent', 'acts-as', AGENT_ROLE],
      [AGENT_ROLE, 'can-assume', DEPLOYER_ROLE],
    ]);
    expect(path?.principal.path[1]?.statements.map((s) => [s.policyKind, s.sid])).toEqual([
      ['trust', 'ReleaseAgentAssumeRole'],
      ['inline', 'AssumeReleaseDeployer'],
    ]);
    // Then the statement that grants the action, with where it is written
    expect(path?.grants.map((g) => [g.statement.policyName, g.statement.sid, g.statement.address])).toEqual([
      ['deploy-billing', 'DeployBilling', 'aws_iam_role_policy.release_deployer'],
    ]);
    expect(path?.grants[0]?.statement.source.file).toBe(`${ASSUMED_ROLE}/plan.json`);
    expect(path?.grants[0]?.resources).toEqual(['arn:aws:lambda:us-east-1:111111111111:function:billing-*']);
    // The agent's own role is considered too: nothing of it allows the action
    expect(verdict?.refusals.map((r) => [r.principal.arn, r.reason])).toEqual([[AGENT_ROLE, 'no-allow']]);
  });

  it('prints the path hop by hop, then the granting statement, and exits 0', async () => {
    const result = await runCli(['explain', ...request]);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain(
      'release-agent CAN do lambda:UpdateFunctionCode on arn:aws:lambda:us-east-1:111111111111:function:billing-api through 1 path',
    );
    const hop1 = out.indexOf(`1. release-agent ─acts-as→ ${AGENT_ROLE}`);
    const hop2 = out.indexOf(`2. ${AGENT_ROLE} ─can-assume→ ${DEPLOYER_ROLE}`);
    const grant = out.indexOf('granted by: deploy-billing [inline] statement 0 (DeployBilling)');
    expect(hop1).toBeGreaterThan(0);
    expect(hop2).toBeGreaterThan(hop1);
    expect(grant).toBeGreaterThan(hop2);
  });

  it('without --resource, judges each resource pattern of the statements that grant the action', async () => {
    const e = await actionJson([
      'release-agent',
      ...inputs(ASSUMED_ROLE),
      '--action',
      'lambda:PublishVersion',
    ]);
    expect(e.verdicts.map((v) => [v.resource, v.allowed])).toEqual([
      ['arn:aws:lambda:us-east-1:111111111111:function:billing-*', true],
    ]);
  });

  it('shows a conditional Deny as a gate that may stop the request', async () => {
    const e = await actionJson([
      'ingress-agent',
      ...inputs(CONDITIONAL_DENY),
      '--action',
      'elasticloadbalancing:SetSecurityGroups',
    ]);
    expect(e.allowed).toBe(true);
    const gates = e.verdicts.flatMap((v) => v.paths.flatMap((p) => p.gates));
    expect(gates.map((g) => g.statement.sid)).toContain('SecurityGroupsOnlyWithApproval');
    expect(gates[0]?.conditions).toEqual(['StringNotEquals aws:PrincipalTag/approved-change = true']);
  });
});

describe('blast-radius explain --action: why the agent cannot', () => {
  it('names the explicit Deny that forbids it', async () => {
    const args = ['ingress-agent', ...inputs(DENY), '--action', 'elasticloadbalancing:SetSecurityGroups'];
    const e = await actionJson(args);
    expect(e.allowed).toBe(false);
    const refusals = e.verdicts.flatMap((v) => v.refusals);
    expect(refusals.map((r) => r.reason)).toEqual(['explicit-deny']);
    expect(refusals[0]?.denies.map((d) => [d.statement.sid, d.statement.address])).toEqual([
      ['NeverChangeSecurityGroups', 'aws_iam_role_policy.ingress_agent'],
    ]);
    const text = await runCli(['explain', ...args]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('ingress-agent CANNOT do elasticloadbalancing:SetSecurityGroups on *');
    expect(text.stdout).toContain('an explicit Deny forbids it: NeverChangeSecurityGroups');
  });

  it('says that no statement allows it, listing the principals considered', async () => {
    const args = ['release-agent', ...inputs(ASSUMED_ROLE), '--action', 's3:DeleteObject'];
    const e = await actionJson(args);
    expect(e.allowed).toBe(false);
    expect(e.verdicts.map((v) => v.resource)).toEqual(['*']);
    expect(e.verdicts[0]?.refusals.map((r) => [r.principal.arn, r.reason])).toEqual([
      [AGENT_ROLE, 'no-allow'],
      [DEPLOYER_ROLE, 'no-allow'],
    ]);
    const text = await runCli(['explain', ...args]);
    expect(text.stdout).toContain('no statement of any principal it can act as allows it');
    expect(text.stdout).toContain('principals considered (2)');
  });

  it('decides a condition on the requesting principal from the inputs', async () => {
    // Given ReadExports under ArnLike aws:PrincipalArn …:role/analytics-*, which insights-agent's
    // role is not, when asked about reading an export, then no statement allows it (as in check).
    const object = 'arn:aws:s3:::customer-exports/2026/01.csv';
    const ask = (dir: string) =>
      actionJson(['insights-agent', ...inputs(dir), '--action', 's3:GetObject', '--resource', object]);
    expect((await ask('fixtures/rules/data-violation/fail')).allowed).toBe(true);
    const e = await ask(PRINCIPAL_CONDITION);
    expect(e.allowed).toBe(false);
    expect(e.verdicts[0]?.refusals.map((r) => [r.principal.arn, r.reason])).toEqual([
      ['arn:aws:iam::111111111111:role/insights-agent', 'no-allow'],
    ]);
  });

  it('judges an action that takes no resource on *', async () => {
    const e = await actionJson([
      'release-agent',
      ...inputs(ASSUMED_ROLE),
      '--action',
      's3:ListAllMyBuckets',
      '--resource',
      'arn:aws:s3:::x',
    ]);
    expect(e.resourceless).toBe(true);
    expect(e.verdicts.map((v) => v.resource)).toEqual(['*']);
  });
});

describe('blast-radius explain AGENT: the whole reach', () => {
  it('lists every principal with its path and a reach summary', async () => {
    const report = await explainJson(['release-agent', ...inputs(ASSUMED_ROLE)]);
    expect(report.agent.name).toBe('release-agent');
    const e: ReachExplanation | ActionExplanation = report.explanation;
    if (e.kind !== 'reach') throw new Error('expected the reach');
    expect(e.principals.map((p) => [p.principal.arn, p.principal.path.length, p.actionCount])).toEqual([
      [AGENT_ROLE, 1, 1],
      [DEPLOYER_ROLE, 2, 3],
    ]);
    expect(e.principals[1]?.services).toEqual([{ service: 'lambda', actions: 3 }]);
    expect(e.principals[1]?.grants[0]?.actions).toEqual([
      'lambda:PublishVersion',
      'lambda:UpdateAlias',
      'lambda:UpdateFunctionCode',
    ]);
  });

  it('writes to --output and nothing to stdout', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'blast-radius-explain-')), 'explain.txt');
    const result = await runCli(['explain', 'release-agent', ...inputs(ASSUMED_ROLE), '--output', out]);
    expect(result.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain(
      'release-agent (owner release-engineering@example.com) can act as 2 principals',
    );
  });

  it('renders the same bytes twice', async () => {
    const args = ['explain', 'release-agent', ...inputs(ASSUMED_ROLE), '--format', 'json'];
    expect((await runCli(args)).stdout).toBe((await runCli(args)).stdout);
  });
});

describe('blast-radius explain: bad usage exits 2 with one clear message', () => {
  it.each([
    {
      name: 'an unknown agent, listing the declared ones',
      args: ['release-agnet', ...inputs(ASSUMED_ROLE)],
      expected:
        /no agent "release-agnet"; the agents declared are release-agent\nhint: did you mean release-agent\?/,
    },
    {
      name: 'an agent with no config at all',
      args: ['release-agent', '--plan', `${ASSUMED_ROLE}/plan.json`],
      expected: /no blast-radius\.yaml declares any agent/,
    },
    {
      name: 'an action the catalog does not hold, with the nearest name',
      args: ['release-agent', ...inputs(ASSUMED_ROLE), '--action', 's3:DeleteObjekt'],
      expected: /no action "s3:DeleteObjekt" in the IAM action catalog\nhint: did you mean s3:DeleteObject\?/,
    },
    {
      name: 'a wildcard action',
      args: ['release-agent', ...inputs(ASSUMED_ROLE), '--action', 's3:Delete*'],
      expected: /--action takes one action/,
    },
    {
      name: 'no agent argument',
      args: [...inputs(ASSUMED_ROLE)],
      expected: /missing required argument 'agent'/,
    },
    { name: 'no plan', args: ['release-agent'], expected: /explain needs a plan/ },
    {
      name: 'an unknown --format',
      args: ['release-agent', ...inputs(ASSUMED_ROLE), '--format', 'sarif'],
      expected: /--format — expected one of text, json/,
    },
  ])('$name', async ({ args, expected }) => {
    const result = await runCli(['explain', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('README', () => {
  it.each([
    ['release-agent', ASSUMED_ROLE, 'lambda:UpdateFunctionCode'],
    ['ingress-agent', DENY, 'elasticloadbalancing:SetSecurityGroups'],
  ])('shows the current output of explain %s on %s', async (agent, dir, action) => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const command = readme.indexOf(`$ blast-radius explain ${agent} --action ${action}`);
    expect(command).toBeGreaterThan(0);
    const start = readme.indexOf('\n', readme.indexOf('--config', command)) + 1;
    const shown = readme.slice(start, readme.indexOf('```', start));
    const result = await runCli(['explain', agent, ...inputs(dir), '--action', action]);
    // The README leaves out the version, plan and config lines and the blank line after them.
    expect(shown).toBe(result.stdout.split('\n').slice(4).join('\n'));
  });
});
