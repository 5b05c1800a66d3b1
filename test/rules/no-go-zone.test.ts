import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'no-go-zone';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted. */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/no-go-zone/fail',
    triples: ['no-go-zone|ingress-agent|aws_iam_role_policy.ingress_agent'],
  },
  {
    dir: 'fixtures/rules/no-go-zone/fail-conditional-deny',
    triples: ['no-go-zone|ingress-agent|aws_iam_role_policy.ingress_agent'],
  },
  {
    dir: 'fixtures/rules/no-go-zone/fail-forbid',
    triples: ['no-go-zone|triage-agent|aws_iam_role_policy.triage_agent'],
  },
  {
    dir: 'fixtures/rules/no-go-zone/fail-production',
    triples: ['no-go-zone|perf-agent|aws_iam_role_policy.perf_agent'],
  },
  { dir: 'fixtures/rules/no-go-zone/pass', triples: [] },
  { dir: 'fixtures/rules/no-go-zone/pass-allow-zones', triples: [] },
  { dir: 'fixtures/rules/no-go-zone/pass-boundary', triples: [] },
];

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

describe('no-go-zone', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: a default zone (network-exposure) is reached even though `may` declares it', async () => {
    // Given elasticloadbalancing:* on the checkout load balancers, declared under `may`,
    // when the rule runs, then the one network-exposure action in it is a critical finding.
    const finding = await onlyFinding('fixtures/rules/no-go-zone/fail');
    expect(finding.severity).toBe('critical');
    expect(finding.evidence.capabilities).toEqual(['network-exposure']);
    expect(finding.evidence.actions).toEqual(['elasticloadbalancing:SetSecurityGroups']);
    expect(finding.evidence.path.map((hop) => hop.kind)).toEqual(['acts-as']);
    expect(finding.evidence.statements.map((s) => s.sid)).toEqual(['CheckoutLoadBalancers']);
  });

  it('fail: the evidence names only the resources the zone actions apply to', async () => {
    const finding = await onlyFinding('fixtures/rules/no-go-zone/fail');
    expect(finding.evidence.resources).toEqual([
      'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/checkout-*/*',
    ]);
  });

  it('fail-conditional-deny: a Deny under a condition does not close the zone', async () => {
    // Given a Deny of SetSecurityGroups unless the principal is tagged approved-change=true,
    // when the rule runs, then the zone is still reachable: a conditional Deny is never assumed to apply.
    const finding = await onlyFinding('fixtures/rules/no-go-zone/fail-conditional-deny');
    expect(finding.evidence.capabilities).toEqual(['network-exposure']);
    expect(finding.evidence.actions).toEqual(['elasticloadbalancing:SetSecurityGroups']);
    // The Allow itself is unconditional; the conditional Deny shows as a gate a reviewer can check.
    expect(finding.evidence.conditions).toHaveLength(1);
    expect(finding.evidence.conditions[0]).toMatch(/^a Deny may stop it, but only when .*approved-change/);
  });

  it('fail-forbid: a zone the agent forbids itself (publish) is reported like a default one', async () => {
    const finding = await onlyFinding('fixtures/rules/no-go-zone/fail-forbid');
    expect(finding.severity).toBe('critical');
    expect(finding.evidence.capabilities).toEqual(['publish']);
    expect(finding.evidence.actions).toEqual(['sns:Publish']);
    expect(finding.evidence.resources).toEqual(['arn:aws:sns:us-east-1:111111111111:customer-notifications']);
    expect(finding.evidence.statements.map((s) => s.sid)).toEqual(['NotifyCustomers']);
  });

  it('fail-production: the production zone names the production resources, not the staging ones', async () => {
    const finding = await onlyFinding('fixtures/rules/no-go-zone/fail-production');
    expect(finding.evidence.capabilities).toEqual(['production']);
    expect(finding.evidence.resources).toEqual([
      'arn:aws:lambda:us-east-1:111111111111:function:checkout-api-prod',
    ]);
    // Modifying actions only: lambda:GetFunctionConfiguration, also granted, is a read.
    expect(finding.evidence.actions).toEqual([
      'lambda:PutFunctionConcurrency',
      'lambda:UpdateFunctionConfiguration',
    ]);
  });
});
