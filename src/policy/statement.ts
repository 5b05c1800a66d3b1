import type { ConditionMap, Effect, Policy, Statement, StatementRef } from '../model/policy.js';
import { ActionSet } from './action-set.js';
import { compileArnPattern } from './arn-pattern.js';
import type { Catalog } from './catalog.js';
import type { ResourceScope } from './resource-scope.js';

/** A statement compiled once for set arithmetic. */
export interface CompiledStatement {
  readonly ref: StatementRef;
  readonly effect: Effect;
  /** Action expanded over the catalog, or the catalog minus NotAction. */
  readonly actions: ActionSet;
  readonly scope: ResourceScope;
  readonly condition?: ConditionMap;
  /** Literal Action entries the catalog does not know (typos, retired actions). */
  readonly unknownActions: readonly string[];
  /**
   * A Deny whose Resource uses policy variables (`${aws:username}`) depends on the request, like a
   * condition, so it is never assumed to apply. In an Allow, variables widen to `*`.
   */
  readonly dependsOnRequest: boolean;
}

const POLICY_VARIABLE = /\$\{(?![*?$]\})[^}]*\}/g;

export function statementRef(policy: Policy, statement: Statement): StatementRef {
  return {
    policyId: policy.id,
    policyName: policy.name,
    policyKind: policy.kind,
    statementIndex: statement.index,
    ...(statement.sid === undefined || statement.sid === '' ? {} : { sid: statement.sid }),
    ...(policy.address === undefined ? {} : { address: policy.address }),
    source: policy.source,
  };
}

export function compileStatement(catalog: Catalog, policy: Policy, statement: Statement): CompiledStatement {
  const unknownActions: string[] = [];
  const named = statement.action ?? statement.notAction ?? [];
  let actions = ActionSet.empty(catalog.size);
  for (const pattern of named) {
    const expanded = catalog.expand(pattern);
    if (expanded.isEmpty() && !/[*?]/.test(pattern)) unknownActions.push(pattern);
    actions = actions.union(expanded);
  }
  if (statement.notAction) actions = actions.complement(catalog.size);
  const variables = [...(statement.resource ?? []), ...(statement.notResource ?? [])].some((r) =>
    new RegExp(POLICY_VARIABLE.source).test(r),
  );
  const toPattern = (r: string) =>
    compileArnPattern(statement.effect === 'Allow' ? r.replace(POLICY_VARIABLE, '*') : r);
  const scope: ResourceScope = statement.notResource
    ? { kind: 'not-resources', patterns: statement.notResource.map(toPattern) }
    : { kind: 'resources', patterns: (statement.resource ?? ['*']).map(toPattern) };
  return {
    ref: statementRef(policy, statement),
    effect: statement.effect,
    actions,
    scope,
    ...(statement.condition === undefined || Object.keys(statement.condition).length === 0
      ? {}
      : { condition: statement.condition }),
    unknownActions,
    dependsOnRequest: statement.effect === 'Deny' && variables,
  };
}

const compiledPolicies = new WeakMap<Catalog, WeakMap<Policy, readonly CompiledStatement[]>>();

/** A policy's statements compiled, once per catalog: a managed policy attached to many principals compiles once. */
export function compilePolicy(catalog: Catalog, policy: Policy): readonly CompiledStatement[] {
  let byPolicy = compiledPolicies.get(catalog);
  if (!byPolicy) {
    byPolicy = new WeakMap();
    compiledPolicies.set(catalog, byPolicy);
  }
  const cached = byPolicy.get(policy);
  if (cached) return cached;
  const compiled = policy.document.statements.map((s) => compileStatement(catalog, policy, s));
  byPolicy.set(policy, compiled);
  return compiled;
}

/** An unconditional Deny that applies whatever the request context: the only kind reach subtracts. */
export function isCertainDeny(statement: CompiledStatement): boolean {
  return statement.effect === 'Deny' && statement.condition === undefined && !statement.dependsOnRequest;
}
