import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { runRuleOnFixture } from '../helpers/rules.js';

const RULE = 'production-deletion';

interface Case {
  readonly dir: string;
  /** The exact `rule|agent|address-or-resource` triples, sorted (the rule names no agent: `-`). */
  readonly triples: readonly string[];
}

const CASES: readonly Case[] = [
  {
    dir: 'fixtures/rules/production-deletion/fail',
    triples: ['production-deletion|-|aws_db_instance.orders'],
  },
  {
    dir: 'fixtures/rules/production-deletion/fail-replace-create-first',
    triples: ['production-deletion|-|aws_security_group.web'],
  },
  {
    dir: 'fixtures/rules/production-deletion/fail-replace-delete-first',
    triples: ['production-deletion|-|aws_dynamodb_table.sessions'],
  },
  { dir: 'fixtures/rules/production-deletion/pass', triples: [] },
];

async function onlyFinding(dir: string): Promise<Finding> {
  const { findings } = await runRuleOnFixture(RULE, dir);
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  if (!finding) throw new Error(`${dir}: no finding`);
  return finding;
}

describe('production-deletion', () => {
  it.each(CASES)('$dir reports exactly its triples', async ({ dir, triples }) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.triples).toEqual(triples);
  });

  it.each(CASES.map((c) => c.dir))('%s reads without diagnostics', async (dir) => {
    const run = await runRuleOnFixture(RULE, dir);
    expect(run.diagnostics).toEqual([]);
  });

  it('fail: deleting a stateful production database is critical, with its protections and deleters', async () => {
    // Given a plan that deletes prod-orders (deletion_protection = false, skip_final_snapshot = true)
    // and ops-agent with rds:* on every instance, when the rule runs, then the finding is critical,
    // shows both settings and names ops-agent as able to delete the database outside Terraform.
    const finding = await onlyFinding('fixtures/rules/production-deletion/fail');
    expect(finding.severity).toBe('critical');
    expect(finding.agent).toBeUndefined();
    expect(finding.resource).toBe('arn:aws:rds:us-east-1:111111111111:db:prod-orders');
    expect(finding.evidence.change).toEqual({
      kind: 'delete',
      type: 'aws_db_instance',
      actionReason: 'delete_because_no_resource_config',
      replacePaths: [],
      protections: { deletionProtection: false, skipFinalSnapshot: true },
    });
    expect(finding.evidence.capabilities).toEqual(['data-delete', 'delete', 'production']);
    expect(finding.evidence.agents).toEqual(['ops-agent']);
    expect(finding.evidence.actions).toContain('rds:DeleteDBInstance');
    expect(finding.evidence.path.map((hop) => hop.kind)).toEqual(['acts-as']);
  });

  it('fail-replace-delete-first: replacing a stateful table destroys it first; critical', async () => {
    const finding = await onlyFinding('fixtures/rules/production-deletion/fail-replace-delete-first');
    expect(finding.severity).toBe('critical');
    expect(finding.evidence.change).toMatchObject({
      kind: 'replace-delete-first',
      type: 'aws_dynamodb_table',
      actionReason: 'replace_because_cannot_update',
      replacePaths: ['hash_key'],
    });
    expect(finding.evidence.agents).toEqual([]);
    expect(finding.evidence.actions).toEqual([]);
  });

  // DynamoDB's deletion_protection_enabled (aws_lb's enable_deletion_protection …) is the same
  // protection as deletion_protection under another name: this apply fails until it is turned off.
  it('fail-replace-delete-first: deletion_protection_enabled is reported as deletion protection', async () => {
    const finding = await onlyFinding('fixtures/rules/production-deletion/fail-replace-delete-first');
    expect(finding.evidence.change?.protections).toEqual({ deletionProtection: true });
  });

  it('fail-replace-create-first: replacing a stateless resource is high, whichever the order', async () => {
    const finding = await onlyFinding('fixtures/rules/production-deletion/fail-replace-create-first');
    expect(finding.severity).toBe('high');
    expect(finding.evidence.capabilities).toEqual(['delete', 'production']);
    expect(finding.evidence.change).toMatchObject({
      kind: 'replace-create-first',
      type: 'aws_security_group',
      replacePaths: ['description'],
      protections: {},
    });
  });
});
