import { describe, expect, it } from 'vitest';
import { buildAnalysis } from '../../src/graph/analysis.js';
import type { Finding } from '../../src/model/finding.js';
import type { Inventory } from '../../src/model/inventory.js';
import { agentActingAs, configWith, inventoryOf, principal } from '../helpers/inventory.js';
import { testCatalog } from '../helpers/policy.js';
import { ruleById, runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'reach-expansion';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/reach-expansion/fail',
    triples: ['reach-expansion|report-agent|aws_iam_role_policy.report_agent'],
  },
  {
    dir: 'fixtures/rules/reach-expansion/fail-new-assumable-role',
    triples: ['reach-expansion|report-agent|aws_iam_role_policy.warehouse_loader'],
  },
  {
    dir: 'fixtures/rules/reach-expansion/fail-removed-deny',
    triples: ['reach-expansion|report-agent|aws_iam_role_policy.report_agent'],
  },
  { dir: 'fixtures/rules/reach-expansion/pass', triples: [] },
  { dir: 'fixtures/rules/reach-expansion/pass-moved-statement', triples: [] },
];

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

describe('reach-expansion', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: a statement the plan adds to the agent’s policy is new, undeclared reach', async () => {
    // Given report-agent, which declares the report bucket and could reach only that before the
    // plan, and a plan that adds ShareWithPartners (s3:GetObject, s3:PutObject on the partners'
    // exchange objects) to its policy, when the rule runs, then that statement alone is reported,
    // with the two new actions on the exchange bucket's objects, through the agent's own role.
    const finding = await onlyFinding('fixtures/rules/reach-expansion/fail');
    expect(finding.severity).toBe('medium');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:role/report-agent');
    expect(finding.message).toBe(
      'After the plan report-agent can perform 2 actions on arn:aws:s3:::acme-partner-exchange/* that it could ' +
        'not before and that its declaration does not cover, through arn:aws:iam::111111111111:role/report-agent.',
    );
    expect(finding.evidence.actions).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(finding.evidence.resources).toEqual(['arn:aws:s3:::acme-partner-exchange/*']);
    expect(finding.evidence.statements.map((s) => [s.address, s.sid])).toEqual([
      ['aws_iam_role_policy.report_agent', 'ShareWithPartners'],
    ]);
    expect(finding.evidence.path.map((hop) => hop.kind)).toEqual(['acts-as']);
  });

  it('fail-new-assumable-role: a role the agent can newly assume brings its grants as new reach', async () => {
    // Given report-agent, whose own policy the plan leaves alone, and warehouse-loader, whose trust
    // policy gains ReportAgentAssumeRole naming the agent's role, when the rule runs, then the
    // loader's Glue grant is reported as new reach through the loader, and the path goes acts-as
    // then can-assume, the hop carrying the new trust statement.
    const finding = await onlyFinding('fixtures/rules/reach-expansion/fail-new-assumable-role');
    expect(finding.severity).toBe('medium');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:role/warehouse-loader');
    expect(finding.message).toBe(
      'After the plan report-agent can perform 2 actions on arn:aws:glue:us-east-1:111111111111:job/warehouse-* ' +
        'that it could not before and that its declaration does not cover, through ' +
        'arn:aws:iam::111111111111:role/warehouse-loader.',
    );
    expect(finding.evidence.actions).toEqual(['glue:GetJobRun', 'glue:StartJobRun']);
    expect(finding.evidence.resources).toEqual(['arn:aws:glue:us-east-1:111111111111:job/warehouse-*']);
    expect(finding.evidence.statements.map((s) => [s.address, s.sid])).toEqual([
      ['aws_iam_role_policy.warehouse_loader', 'RunWarehouseJobs'],
    ]);
    expect(finding.evidence.path.map((hop) => [hop.kind, hop.from, hop.to])).toEqual([
      ['acts-as', 'report-agent', 'arn:aws:iam::111111111111:role/report-agent'],
      [
        'can-assume',
        'arn:aws:iam::111111111111:role/report-agent',
        'arn:aws:iam::111111111111:role/warehouse-loader',
      ],
    ]);
    expect(finding.evidence.path[1]?.statements.map((s) => [s.address, s.sid])).toEqual([
      ['aws_iam_role.warehouse_loader', 'ReportAgentAssumeRole'],
    ]);
  });

  it('pass-moved-statement: an undeclared grant the agent already had is not new', async () => {
    // Given the Athena grant moved from the inline policy to a managed policy, undeclared, when the
    // rules run, then undeclared-reach reports it on its new policy and reach-expansion does not.
    const run = await runRuleOnFixture(undefined, 'fixtures/rules/reach-expansion/pass-moved-statement');
    expect(run.triples).toEqual(['undeclared-reach|report-agent|aws_iam_policy.reporting_queries']);
  });

  it('fail-removed-deny: removing a Deny on part of a grant’s resources is new reach', async () => {
    // Given report-agent's bucket-wide write and delete grant, held off filed/* by the Deny
    // KeepFiledReports before the plan, and a plan that removes only that Deny, when the rule runs,
    // then the grant, unchanged itself, is reported with the two actions the Deny held back.
    const finding = await onlyFinding('fixtures/rules/reach-expansion/fail-removed-deny');
    expect(finding.principal).toBe('arn:aws:iam::111111111111:role/report-agent');
    expect(finding.evidence.actions).toEqual(['s3:DeleteObject', 's3:PutObject']);
    expect(finding.evidence.resources).toEqual(['arn:aws:s3:::acme-reports/*']);
    expect(finding.evidence.statements.map((s) => s.sid)).toEqual(['ManageReports']);
  });

  describe('over an account: a principal the plan leaves alone shares its reach in both worlds', () => {
    const wide = { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    const deny = {
      Statement: [{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::logs' }],
    };
    const bot = principal('role', 'bot', { policies: [wide, deny] });
    const config = configWith([agentActingAs('bot', bot.arn)]);

    function expansion(before: Inventory, after: Inventory, shared: boolean) {
      const catalog = testCatalog();
      const guardrails: never[] = [];
      const afterWorld = buildAnalysis(catalog, after, config, guardrails);
      const beforeWorld = buildAnalysis(catalog, before, config, guardrails, shared ? afterWorld : undefined);
      const findings = ruleById(RULE).check({ catalog, config, after: afterWorld, before: beforeWorld });
      return findings.map((f) => [f.principal, f.address, f.evidence.actions.length]);
    }

    const terminate = { Statement: [{ Effect: 'Allow', Action: 'ec2:TerminateInstances', Resource: '*' }] };
    it.each([
      ['the same role', bot, 0],
      ['the role with a new statement', principal('role', 'bot', { policies: [wide, deny, terminate] }), 1],
      ['the role without its Deny', principal('role', 'bot', { policies: [wide] }), 1],
    ])('%s: the same findings as with each world computed alone', (_name, botAfter, count) => {
      const findings = expansion(inventoryOf([bot]), inventoryOf([botAfter]), true);
      expect(findings).toEqual(expansion(inventoryOf([bot]), inventoryOf([botAfter]), false));
      expect(findings).toHaveLength(count);
    });
  });
});
