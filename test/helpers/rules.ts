import { join } from 'node:path';
import { buildAnalysis } from '../../src/graph/analysis.js';
import { readConfig } from '../../src/ingest/config/read-config.js';
import { readPlan } from '../../src/ingest/terraform-plan/read-plan.js';
import type { Finding } from '../../src/model/finding.js';
import { runRules } from '../../src/rules/engine.js';
import { RULES } from '../../src/rules/registry.js';
import type { Rule } from '../../src/rules/types.js';
import { testCatalog } from './policy.js';

export const REPO = join(import.meta.dirname, '..', '..');

/** The fixed day rule tests run on, so `expires` behaves the same every day. */
export const TEST_TODAY = '2026-11-22';

export function ruleById(id: string): Rule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

export interface FixtureRun {
  readonly findings: readonly Finding[];
  /** `rule|agent|address-or-resource` for each unsuppressed finding, sorted. */
  readonly triples: readonly string[];
  readonly diagnostics: readonly string[];
}

/**
 * Runs the rules (one rule, or all) on a fixture directory holding plan.json and blast-radius.yaml,
 * through the same steps as `check`.
 */
export async function runRuleOnFixture(ruleId: string | undefined, dir: string): Promise<FixtureRun> {
  const root = join(REPO, dir);
  const config = await readConfig(join(root, 'blast-radius.yaml'));
  const plan = await readPlan(join(root, 'plan.json'));
  const catalog = testCatalog();
  const after = buildAnalysis(catalog, plan.after, config);
  const before = buildAnalysis(catalog, plan.before, config);
  const rules = ruleId ? [ruleById(ruleId)] : RULES;
  const findings = runRules(rules, { catalog, config, after, before, plan }, config.rules, TEST_TODAY);
  return {
    findings,
    triples: findings
      .filter((f) => !f.suppressed)
      .map((f) => `${f.rule}|${f.agent ?? '-'}|${f.address ?? f.resource ?? '-'}`)
      .sort(),
    diagnostics: plan.diagnostics.map((d) => d.code),
  };
}
