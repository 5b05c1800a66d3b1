import type { ReachablePrincipal } from '../graph/closure.js';
import type { Capability } from '../model/capability.js';
import type { FindingEvidence, PathHop } from '../model/finding.js';
import type { ConditionMap, StatementRef } from '../model/policy.js';
import type { ActionSet } from '../policy/action-set.js';
import type { Catalog } from '../policy/catalog.js';
import { describeConditions } from '../policy/condition.js';
import type { Grant, ResourceAccess } from '../policy/reach.js';
import { describeScope } from '../policy/resource-scope.js';

/** Sorted, de-duplicated statement references. */
export function uniqueStatements(refs: readonly StatementRef[]): StatementRef[] {
  const byKey = new Map<string, StatementRef>();
  for (const ref of refs) byKey.set(`${ref.policyId}#${ref.statementIndex}`, ref);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ref]) => ref);
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

/** Conditions worth showing: those of the grants when every grant is conditional. */
export function grantConditions(grants: readonly Grant[], conditionalPath: boolean): string[] {
  const all: ConditionMap[] = grants.flatMap((g) => g.conditions);
  const everyConditional = grants.length > 0 && grants.every((g) => g.conditions.length > 0);
  const lines = everyConditional ? describeConditions(all) : [];
  return conditionalPath ? [...lines, 'the explanation path holds only under a condition'] : lines;
}

export function buildEvidence(input: {
  readonly catalog: Catalog;
  readonly actions: ActionSet;
  readonly resources: readonly string[];
  readonly capabilities: readonly Capability[];
  readonly path: readonly PathHop[];
  readonly grants: readonly Grant[];
  readonly conditionalPath: boolean;
}): FindingEvidence {
  return {
    actions: input.catalog.names(input.actions).sort(),
    resources: [...new Set(input.resources)].sort(),
    capabilities: [...input.capabilities].sort(),
    path: input.path,
    statements: grantStatements(input.grants),
    conditions: grantConditions(input.grants, input.conditionalPath),
  };
}

/** One principal's access to something, with how the agent gets there. */
export interface AgentAccess {
  readonly via: ReachablePrincipal;
  readonly access: ResourceAccess;
}
