import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlastRadiusError, InputError } from '../../../src/errors.js';
import { readPlan } from '../../../src/ingest/terraform-plan/read-plan.js';
import type { PlanModel } from '../../../src/model/plan.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const corpus = path.resolve(repo, '../shared/corpus');
const hasCorpus = existsSync(corpus);

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return entry.endsWith('.json') ? [full] : [];
  });
}

/** The corpus README's plan criterion: a JSON object with format_version and resource_changes or planned_values. */
function isPlanFile(file: string): boolean {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return (
      typeof value === 'object' &&
      value !== null &&
      'format_version' in value &&
      ('resource_changes' in value || 'planned_values' in value)
    );
  } catch {
    return false;
  }
}

function counts(model: PlanModel) {
  const policies = (inventory: PlanModel['after']) =>
    inventory.managedPolicies.length +
    inventory.resourcePolicies.length +
    inventory.principals.reduce((n, p) => n + p.inlinePolicies.length + (p.trustPolicy ? 1 : 0), 0);
  return {
    principals: model.after.principals.length,
    policies: policies(model.after),
    resources: model.after.resources.length,
    changes: model.changes.length,
    diagnostics: model.diagnostics.length,
  };
}

describe('terraform plan corpus', () => {
  if (!hasCorpus) console.warn(`skipping the plan corpus test: ${corpus} is absent`);

  it.skipIf(!hasCorpus)('reads every plan in the corpus into a model or a clear InputError', async () => {
    const files = jsonFiles(corpus).filter(isPlanFile).sort();
    expect(files.length).toBeGreaterThan(0);
    const rows: string[] = [];
    for (const file of files) {
      const name = path.relative(corpus, file);
      try {
        const model = await readPlan(file);
        const c = counts(model);
        rows.push(
          `| ${name} | ${c.principals} | ${c.policies} | ${c.resources} | ${c.changes} | ${c.diagnostics} |`,
        );
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect(error instanceof BlastRadiusError && error.location?.file).toBe(file);
        rows.push(`| ${name} | error: ${error instanceof Error ? error.message : String(error)} |||||`);
      }
    }
    console.log(
      [
        '| file | principals | policies | resources | changes | diagnostics |',
        '|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    );
  });
});

describe.skipIf(!hasCorpus)('corpus plans with modules', () => {
  const read = (file: string) =>
    readPlan(path.join(corpus, 'terraform-compliance__cli/tests/functional', file, 'plan.out.json'));

  it('attaches a count-indexed policy created in a nested module to the role (policy_arn unknown until apply)', async () => {
    const model = await read('test_non_created_module_resource_parameter');
    const prefix = 'module.apigw_test_1.module.api_gw_log_role';
    const role = model.after.principals.find((p) => p.address === `${prefix}.aws_iam_role.default`);
    const policy = model.after.managedPolicies.find(
      (p) => p.address === `${prefix}.aws_iam_policy.default[0]`,
    );
    expect(policy?.document.statements[0]?.action).toContain('logs:PutLogEvents');
    expect(role?.managedPolicyArns).toEqual([policy?.id]);
  });

  it('reads Terraform 0.12 child module state, whose addresses are module-relative', async () => {
    const model = await read('test_issue-249');
    const addresses = model.before.principals.map((p) => p.address);
    expect(addresses).toContain('module.myapp-asg.module.iam.aws_iam_role.role');
    expect(addresses).not.toContain('aws_iam_role.role');
    expect(new Set(model.before.resources.map((r) => r.address)).size).toBe(model.before.resources.length);
  });

  it('keeps for_each keys in module and resource addresses', async () => {
    const model = await read('actions_for_each_and_modules');
    expect(model.after.principals.map((p) => p.address)).toEqual([
      'aws_iam_role.test_iam_role["repository_1"]',
      'aws_iam_role.test_iam_role["repository_2"]',
    ]);
    expect(model.after.resources.map((r) => r.address)).toContain(
      'module.ecr_repository["repository_2"].aws_ecr_repository.ecr_repository',
    );
  });
});
