import { describe, expect, it } from 'vitest';
import { runRuleOnFixture } from '../helpers/rules.js';

describe('incident fixtures', () => {
  it('prod-env-recreate: the plan destroys production and the coding agent could too', async () => {
    const run = await runRuleOnFixture(undefined, 'fixtures/incidents/prod-env-recreate');
    expect(run.triples).toEqual(
      expect.arrayContaining([
        'production-deletion|-|aws_db_instance.prod',
        'production-deletion|-|aws_elastic_beanstalk_environment.prod_web',
        'production-deletion|-|module.service.aws_ecs_service.api',
        'no-go-zone|coding-agent|-',
      ]),
    );
    // One statement (PowerUserAccess) lets the agent modify both production resources: one finding names them.
    const production = run.findings.filter((f) => f.rule === 'environment-violation');
    expect(production.map((f) => f.title)).toEqual(['coding-agent can modify 2 production resources']);
    expect(production[0]?.message).toContain(
      'on module.service.aws_ecs_service.api and aws_db_instance.prod,',
    );
    expect(production[0]?.evidence.statements.map((s) => s.policyName)).toContain('PowerUserAccess');
    const db = run.findings.find(
      (f) => f.rule === 'production-deletion' && f.address === 'aws_db_instance.prod',
    );
    expect(db?.severity).toBe('critical');
    expect(db?.evidence.agents).toEqual(['coding-agent']);
    expect(db?.evidence.change?.protections).toMatchObject({
      deletionProtection: false,
      skipFinalSnapshot: true,
    });
  });

  it('sensitive-read-widening: the agent can now read PII it never declared', async () => {
    const run = await runRuleOnFixture(undefined, 'fixtures/incidents/sensitive-read-widening');
    expect(run.triples).toContain('data-violation|support-assistant|aws_s3_bucket.customer_pii_exports');
    const violation = run.findings.find((f) => f.rule === 'data-violation');
    expect(violation?.evidence.actions).toContain('s3:GetObject');
  });

  it('sensitive-read-widening: the change widens who can read the PII bucket, staff included', async () => {
    const run = await runRuleOnFixture(undefined, 'fixtures/incidents/sensitive-read-widening');
    const exposure = run.findings.find((f) => f.rule === 'sensitive-exposure');
    expect(exposure?.address).toBe('aws_s3_bucket.customer_pii_exports');
    expect(exposure?.message).toContain('arn:aws:iam::111111111111:user/priya.raman can now read');
    expect(exposure?.evidence.statements.map((s) => s.address)).toEqual([
      'aws_iam_policy.support_data_access',
    ]);
  });

  it('mailbox-deletion: the assistant can delete mailboxes with nothing in the way', async () => {
    const run = await runRuleOnFixture(undefined, 'fixtures/incidents/mailbox-deletion');
    const dataDelete = run.findings.find(
      (f) => f.rule === 'no-go-zone' && f.evidence.capabilities.includes('data-delete'),
    );
    expect(dataDelete?.severity).toBe('critical');
    expect(dataDelete?.evidence.actions).toEqual(
      expect.arrayContaining(['workmail:DeleteUser', 's3:DeleteObject']),
    );
  });

  it('mailbox-deletion: "confirm first" is a prompt, not a gate: deletion needs no approval condition', async () => {
    const run = await runRuleOnFixture(undefined, 'fixtures/incidents/mailbox-deletion');
    const ungated = run.findings.filter((f) => f.rule === 'ungated-approval');
    expect(ungated.map((f) => f.evidence.capabilities)).toEqual([['delete'], ['delete']]);
    expect(ungated.flatMap((f) => f.evidence.actions)).toEqual(
      expect.arrayContaining(['workmail:DeleteUser', 's3:DeleteObject']),
    );
  });

  it('clean: an agent that declares exactly its reach yields nothing', async () => {
    const run = await runRuleOnFixture(undefined, 'fixtures/incidents/clean');
    expect(run.findings).toEqual([]);
  });
});
