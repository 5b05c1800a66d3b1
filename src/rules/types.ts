import type { Analysis } from '../graph/analysis.js';
import type { Config } from '../model/config.js';
import type { Finding } from '../model/finding.js';
import type { PlanModel } from '../model/plan.js';
import type { Severity } from '../model/severity.js';
import type { Catalog } from '../policy/catalog.js';

/** What every rule may read: the catalog, the declarations, the world after (and before) the plan. */
export interface RuleContext {
  readonly catalog: Catalog;
  readonly config: Config;
  /** The world the rules judge: after the plan, or the account as it is. */
  readonly after: Analysis;
  /** The world before the plan, when there is a plan. */
  readonly before?: Analysis;
  readonly plan?: PlanModel;
}

/** A finding as a rule reports it; the engine adds the id, the rule, the final severity and suppression. */
export type RuleFinding = Omit<Finding, 'id' | 'rule' | 'severity' | 'suppressed'> & {
  /** Overrides the rule's default severity for this finding (a config override still wins). */
  readonly severity?: Severity;
  /** Extra parts that make the finding's fingerprint unique within its rule, agent and resource. */
  readonly key: readonly string[];
};

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** What the rule finds, one sentence. */
  readonly description: string;
  /** How to fix what it finds. */
  readonly help: string;
  check(context: RuleContext): RuleFinding[];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
