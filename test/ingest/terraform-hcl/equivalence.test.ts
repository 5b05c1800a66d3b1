import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model/report.js';
import { check } from '../../../src/pipeline/check.js';
import { REPO, TEST_TODAY } from '../../helpers/rules.js';

/*
 * HCL mode against plan mode on every fixture that holds both the plan and the .tf it was made from:
 * the same (rule, agent, address) findings, except where a difference is explained below.
 */

/** Rules that compare the world before the plan with the world after it: HCL mode has no before. */
const PLAN_ONLY_RULES: Readonly<Record<string, string>> = {
  'production-deletion':
    'needs the plan’s delete and replace actions; .tf files describe only the after world',
  'reach-expansion': 'compares reach before and after the plan; without a plan there is no before',
  'sensitive-exposure': 'compares accessors before and after the plan; without a plan there is no before',
};

/**
 * Reviewed differences, by fixture: each `+` is found only in HCL mode, each `-` only in plan mode,
 * with the reason. A fixture not listed must match exactly (apart from PLAN_ONLY_RULES).
 */
const EXPECTED_DIFFERENCES: Readonly<
  Record<string, { readonly triples: readonly string[]; readonly reason: string }>
> = {
  'fixtures/rules/data-violation/pass-principal-condition': {
    triples: ['+data-violation|insights-agent|aws_s3_bucket.customer_exports'],
    reason:
      'the condition tests aws:PrincipalArn; a .tf tree gives the role an ARN made up from its name, not ' +
      'the one AWS assigned, so the key stays unknown and the conditional grant counts (conservative)',
  },
};

function fixtureDirs(): string[] {
  const roots = [join(REPO, 'fixtures', 'incidents'), join(REPO, 'fixtures', 'rules')];
  const out: string[] = [];
  const visit = (dir: string) => {
    if (existsSync(join(dir, 'main.tf')) && existsSync(join(dir, 'plan.json'))) out.push(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory()) visit(join(dir, entry.name));
  };
  for (const root of roots) visit(root);
  return out.sort();
}

function triples(report: Report): string[] {
  return report.findings
    .filter((f) => !(f.rule in PLAN_ONLY_RULES))
    .map((f) => `${f.rule}|${f.agent ?? '-'}|${f.address ?? f.resource ?? '-'}`)
    .sort();
}

const dirs = fixtureDirs();

describe('HCL mode finds what plan mode finds', () => {
  it('covers every fixture with a plan and its .tf', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(60);
  });

  it.each(dirs.map((dir) => [relative(REPO, dir), dir]))(
    '%s',
    async (name, dir) => {
      const common = { config: join(dir, 'blast-radius.yaml'), today: TEST_TODAY, version: '0.0.0-test' };
      const fromPlan = await check({ ...common, plan: join(dir, 'plan.json') });
      const fromHcl = await check({ ...common, hcl: dir });
      const plan = triples(fromPlan);
      const hcl = triples(fromHcl);
      const onlyHcl = hcl.filter((t) => !plan.includes(t)).map((t) => `+${t}`);
      const onlyPlan = plan.filter((t) => !hcl.includes(t)).map((t) => `-${t}`);
      const expected = EXPECTED_DIFFERENCES[name]?.triples ?? [];
      const unresolved = fromHcl.diagnostics.filter((d) => d.code.startsWith('hcl.')).map((d) => d.message);
      expect([...onlyHcl, ...onlyPlan].sort(), `HCL-mode diagnostics: ${unresolved.join('; ')}`).toEqual(
        [...expected].sort(),
      );
      // without a plan there is nothing before it: the rules that compare the two never fire
      expect(fromHcl.findings.filter((f) => f.rule in PLAN_ONLY_RULES)).toEqual([]);
    },
    60_000,
  );
});
