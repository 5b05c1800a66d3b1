import { splitConcreteArn } from './arn-pattern.js';
import type { Catalog } from './catalog.js';
import type { Grant, PrincipalReach } from './reach.js';
import { scopeMatches } from './resource-scope.js';
import type { CompiledStatement } from './statement.js';

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface RequestDecision {
  readonly decision: Decision;
  /** The grants that allow the request (conditional ones included, marked by their conditions). */
  readonly grants: readonly Grant[];
  readonly denies: readonly CompiledStatement[];
}

/**
 * Decides one request (a concrete action on a concrete ARN) against a principal's reach.
 * Actions that take no resource are requested on `*`, as AWS does. A grant under a condition counts
 * as allowing (reach is never under-reported); a Deny under a condition never counts.
 */
export function evaluateRequest(
  catalog: Catalog,
  reach: PrincipalReach,
  action: string,
  resourceArn: string,
): RequestDecision {
  const index = catalog.indexOf(action);
  if (index === undefined) return { decision: 'implicit-deny', grants: [], denies: [] };
  const resource = splitConcreteArn(catalog.wildcardOnly.has(index) ? '*' : resourceArn);
  const denies = reach.denies.filter((d) => d.actions.has(index) && scopeMatches(d.scope, resource));
  const grants = reach.grants.filter(
    (g) => g.actions.has(index) && g.scopes.every((scope) => scopeMatches(scope, resource)),
  );
  if (denies.length > 0) return { decision: 'explicit-deny', grants, denies };
  return { decision: grants.length > 0 ? 'allow' : 'implicit-deny', grants, denies };
}
