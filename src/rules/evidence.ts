import type { ReachablePrincipal } from '../graph/closure.js';
import type { Capability } from '../model/capability.js';
import type { FindingEvidence, PathHop } from '../model/finding.js';
import { compareText } from '../model/order.js';
import { type ConditionMap, type StatementRef, statementKey } from '../model/policy.js';
import type { ActionSet } from '../policy/action-set.js';
import type { Catalog } from '../policy/catalog.js';
import { describeConditions } from '../policy/condition.js';
import type { Grant, PrincipalReach, ResourceAccess } from '../policy/reach.js';
import { describeScope } from '../policy/resource-scope.js';
import type { CompiledStatement } from '../policy/statement.js';

/** Sorted, de-duplicated statement references. */
export function uniqueStatements(refs: readonly StatementRef[]): StatementRef[] {
  const byKey = new Map<string, StatementRef>();
  // the principals holding one policy hold the same reference objects: each is keyed once
  for (const ref of new Set(refs)) byKey.set(statementKey(ref), ref);
  return [...byKey.entries()].sort(([a], [b]) => compareText(a, b)).map(([, ref]) => ref);
}

/**
 * The grant's resources as written, keeping only the Resource patterns some of `actions` can apply
 * to (a statement on a load balancer and its listeners reaches SetSecurityGroups only on the first).
 */
export function grantResources(catalog: Catalog, grant: Grant, actions: ActionSet): string[] {
  return grant.scopes.flatMap((scope) => {
    if (scope.kind !== 'resources') return describeScope(scope);
    const relevant = scope.patterns.filter((p) => catalog.actionsOnPattern(p).intersects(actions));
    return describeScope({ ...scope, patterns: relevant.length > 0 ? relevant : scope.patterns });
  });
}

export function grantStatements(grants: readonly Grant[]): StatementRef[] {
  return uniqueStatements(grants.flatMap((g) => [g.statement, ...g.limitedBy]));
}

/**
 * Conditions worth showing: those of the grants when every grant is conditional, a conditional path,
 * and Deny statements under a condition that may also stop the actions (never assumed to apply, but
 * a reviewer should see the gate).
 */
export function grantConditions(
  grants: readonly Grant[],
  conditionalPath: boolean,
  gates: readonly CompiledStatement[] = [],
): string[] {
  const all: ConditionMap[] = [...new Set(grants.flatMap((g) => g.conditions))];
  const everyConditional = grants.length > 0 && grants.every((g) => g.conditions.length > 0);
  const lines = everyConditional ? describeConditions(all) : [];
  if (conditionalPath) lines.push('the explanation path holds only under a condition');
  for (const deny of gates) {
    const conditions = deny.condition ? describeConditions([deny.condition]).join('; ') : 'a policy variable';
    lines.push(
      `a Deny may stop it, but only when ${conditions} (${deny.ref.policyName} statement ${deny.ref.statementIndex})`,
    );
  }
  return lines;
}

export function buildEvidence(input: {
  readonly catalog: Catalog;
  readonly actions: ActionSet;
  readonly resources: readonly string[];
  readonly capabilities: readonly Capability[];
  readonly path: readonly PathHop[];
  readonly grants: readonly Grant[];
  readonly conditionalPath: boolean;
  /** The reach the grants belong to: its conditional Denies on these actions are shown as gates. */
  readonly reach?: PrincipalReach;
}): FindingEvidence {
  return {
    actions: input.catalog.sortedNames(input.actions),
    resources: [...new Set(input.resources)].sort(),
    capabilities: [...input.capabilities].sort(),
    path: input.path,
    statements: grantStatements(input.grants),
    conditions: grantConditions(
      input.grants,
      input.conditionalPath,
      (input.reach?.conditionalDenies ?? []).filter((d) => d.actions.intersects(input.actions)),
    ),
  };
}

/** One principal's access to something, with how the agent gets there. */
export interface AgentAccess {
  readonly via: ReachablePrincipal;
  readonly access: ResourceAccess;
}
