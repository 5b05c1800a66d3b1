import type { ConditionMap, Policy, StatementRef } from '../model/policy.js';
import { ActionSet } from './action-set.js';
import { type ArnParts, type ArnPattern, arnPatternCovers, splitConcreteArn } from './arn-pattern.js';
import type { Catalog } from './catalog.js';
import { evaluateConditions, type KnownContext } from './condition.js';
import {
  actionsOnScope,
  isAnyScope,
  type ResourceScope,
  scopeContains,
  scopeCovers,
  scopeIntersects,
  scopeMatches,
} from './resource-scope.js';
import { type CompiledStatement, compilePolicy, isCertainDeny } from './statement.js';

/**
 * One grant of reach: actions allowed on the resources of every scope in `scopes` (the granting
 * statement's scope first, then any narrower boundary or SCP scopes), under `conditions` (all of
 * them), explained by the granting statement.
 */
export interface Grant {
  readonly actions: ActionSet;
  readonly scopes: readonly ResourceScope[];
  readonly conditions: readonly ConditionMap[];
  readonly statement: StatementRef;
  /** Boundary and SCP statements that cap this grant. */
  readonly limitedBy: readonly StatementRef[];
  /** The group the grant comes through, for a user's group policies. */
  readonly viaGroup?: string;
}

/** What one principal may do, as sets: grants, and the Deny statements that still apply to them. */
export interface PrincipalReach {
  readonly principalArn: string;
  readonly grants: readonly Grant[];
  /** Unconditional Deny statements: subtracted where they cover a grant, re-checked per resource. */
  readonly denies: readonly CompiledStatement[];
  /** Deny statements under a condition: never assumed to apply, kept to be shown. */
  readonly conditionalDenies: readonly CompiledStatement[];
  readonly unknownActions: readonly string[];
}

export interface IdentityPolicy {
  readonly policy: Policy;
  readonly viaGroup?: string;
}

/** A set of policies that caps reach: a permissions boundary, or the SCPs in force. */
export interface Guardrail {
  readonly policies: readonly Policy[];
}

export interface ReachInput {
  readonly principalArn: string;
  readonly policies: readonly IdentityPolicy[];
  /** Resource-policy statements that name this principal (see resourcePoliciesFor). */
  readonly resourcePolicies?: readonly Policy[];
  readonly boundary?: Guardrail;
  readonly guardrails?: readonly Guardrail[];
}

/**
 * Reach as AWS evaluates identity policies: Allow statements give grants (restricted to the actions
 * their resources can carry), unconditional Deny statements from any policy remove what they fully
 * cover, and a permissions boundary or SCPs intersect what is left. An Allow under a condition is a
 * conditional grant; a Deny under a condition is not subtracted. So reach is never under-reported.
 * Resource-policy grants naming the principal join the grants; a permissions boundary does not cap
 * them (AWS applies it to identity policies only), SCPs do.
 */
export function computePrincipalReach(catalog: Catalog, input: ReachInput): PrincipalReach {
  const identity = input.policies.flatMap(({ policy, viaGroup }) =>
    compilePolicy(catalog, policy).map((statement) => ({ statement, viaGroup })),
  );
  const resource = (input.resourcePolicies ?? []).flatMap((p) => compilePolicy(catalog, p));
  const boundary = input.boundary ? input.boundary.policies.flatMap((p) => compilePolicy(catalog, p)) : [];
  const guardrails = (input.guardrails ?? []).map((g) =>
    g.policies.flatMap((p) => compilePolicy(catalog, p)),
  );
  const all = [...identity.map((i) => i.statement), ...resource, ...boundary, ...guardrails.flat()];
  const denies = all.filter(isCertainDeny);
  const conditionalDenies = all.filter((s) => s.effect === 'Deny' && !isCertainDeny(s));

  let grants = identity
    .filter(({ statement }) => statement.effect === 'Allow')
    .map(({ statement, viaGroup }) => toGrant(catalog, statement, viaGroup));
  if (input.boundary) grants = capGrants(grants, allowsOf(boundary));
  grants = [...grants, ...allowsOf(resource).map((statement) => toGrant(catalog, statement))];
  for (const cap of guardrails) grants = capGrants(grants, allowsOf(cap));
  grants = grants
    .map((g) => ({ ...g, actions: subtractCoveringDenies(g, denies) }))
    .filter((g) => !g.actions.isEmpty());

  return {
    principalArn: input.principalArn,
    grants,
    denies,
    conditionalDenies,
    unknownActions: [...new Set(identity.flatMap(({ statement }) => statement.unknownActions))].sort(),
  };
}

function allowsOf(statements: readonly CompiledStatement[]): CompiledStatement[] {
  return statements.filter((s) => s.effect === 'Allow');
}

const grantedActions = new WeakMap<CompiledStatement, ActionSet>();

/** The statement's actions that its resources can carry: once per statement, however many principals hold it. */
function actionsGranted(catalog: Catalog, statement: CompiledStatement): ActionSet {
  let actions = grantedActions.get(statement);
  if (!actions) {
    actions = statement.actions.intersect(actionsOnScope(catalog, statement.scope));
    grantedActions.set(statement, actions);
  }
  return actions;
}

function toGrant(catalog: Catalog, statement: CompiledStatement, viaGroup?: string): Grant {
  return {
    actions: actionsGranted(catalog, statement),
    scopes: [statement.scope],
    conditions: statement.condition ? [statement.condition] : [],
    statement: statement.ref,
    limitedBy: [],
    ...(viaGroup === undefined ? {} : { viaGroup }),
  };
}

function subtractCoveringDenies(grant: Grant, denies: readonly CompiledStatement[]): ActionSet {
  let actions = grant.actions;
  for (const deny of denies) {
    if (!deny.actions.intersects(actions)) continue;
    if (grant.scopes.some((scope) => scopeCovers(deny.scope, scope))) actions = actions.minus(deny.actions);
  }
  return actions;
}

/** Intersects grants with a boundary or SCP set: only what some Allow of the cap also allows survives. */
function capGrants(grants: readonly Grant[], capAllows: readonly CompiledStatement[]): Grant[] {
  const open = capAllows.filter((s) => s.condition === undefined && isAnyScope(s.scope));
  const openActions = open.reduce<ActionSet | undefined>(
    (acc, s) => (acc ? acc.union(s.actions) : s.actions),
    undefined,
  );
  const narrow = capAllows.filter((s) => !open.includes(s));
  const out: Grant[] = [];
  for (const grant of grants) {
    let rest = grant.actions;
    if (openActions) {
      const kept = grant.actions.intersect(openActions);
      if (!kept.isEmpty()) {
        const refs = open.filter((s) => s.actions.intersects(kept)).map((s) => s.ref);
        out.push({ ...grant, actions: kept, limitedBy: [...grant.limitedBy, ...refs] });
      }
      rest = grant.actions.minus(openActions);
    }
    for (const cap of narrow) {
      const kept = rest.intersect(cap.actions);
      if (kept.isEmpty()) continue;
      const disjoint = grant.scopes.every((scope) =>
        scope.kind === 'resources' && cap.scope.kind === 'resources'
          ? !scope.patterns.some((p) => scopeIntersects(cap.scope, p))
          : false,
      );
      if (disjoint) continue;
      const narrower = grant.scopes.some((scope) => scopeCovers(cap.scope, scope)) ? [] : [cap.scope];
      out.push({
        ...grant,
        actions: kept,
        scopes: [...grant.scopes, ...narrower],
        conditions: cap.condition ? [...grant.conditions, cap.condition] : grant.conditions,
        limitedBy: [...grant.limitedBy, cap.ref],
      });
    }
  }
  return out;
}

/** What a principal may do on one resource: the actions, and the grants that allow them. */
export interface ResourceAccess {
  readonly actions: ActionSet;
  readonly grants: readonly Grant[];
  /** True when every contributing grant depends on a condition. */
  readonly conditional: boolean;
}

/**
 * Exact reach on one concrete resource ARN (or `*` for actions that take no resource): the union of
 * matching grants restricted to the actions the resource's type supports, minus any Deny that
 * matches it. With the resource's tags known, a grant whose tag condition fails does not count and a
 * Deny whose tag condition holds does. Undefined when nothing is allowed.
 */
export function accessToResource(
  catalog: Catalog,
  reach: PrincipalReach,
  arn: string,
  context: KnownContext = {},
  within: ActionSet = catalog.all,
): ResourceAccess | undefined {
  return accessOnTarget(reach, resourceTarget(catalog, arn, within), context);
}

/** A concrete resource, parsed once to be judged against many principals' reach. */
export interface ResourceTarget {
  readonly parts: ArnParts;
  /** The actions its resource type takes: one set per type, so per-type work can be cached. */
  readonly onResource: ActionSet;
  /** The actions asked about: those of `onResource` within the caller's set. */
  readonly applicable: ActionSet;
}

export function resourceTarget(
  catalog: Catalog,
  arn: string,
  within: ActionSet = catalog.all,
): ResourceTarget {
  const onResource = arn === '*' ? catalog.wildcardOnly : catalog.actionsOnArn(arn);
  return { parts: splitConcreteArn(arn), onResource, applicable: onResource.intersect(within) };
}

/**
 * {@link accessToResource} on a target already parsed. `candidates` are the reach's grants that may
 * apply to it, when the caller has already sorted them out (by default, those of its resource type).
 */
export function accessOnTarget(
  reach: PrincipalReach,
  target: ResourceTarget,
  context: KnownContext = {},
  candidates: readonly Grant[] = grantsOn(reach, target.onResource),
): ResourceAccess | undefined {
  return collectAccess(
    reach,
    candidates,
    target.applicable,
    (scope) => scopeMatches(scope, target.parts),
    (deny) => scopeMatches(deny.scope, target.parts),
    context,
  );
}

/**
 * Reach on the resources a pattern describes (an environment's or classification's ARN glob):
 * grants whose resources overlap the pattern, minus Denies that cover all of it. Over-approximates
 * where a Deny covers only part of the pattern. The context holds what every request on the
 * pattern's resources shares (the principal's keys), never one resource's tags. `candidates` are the
 * grants that may apply, when the caller has sorted them out (by default, all).
 */
export function accessWithinPattern(
  catalog: Catalog,
  reach: PrincipalReach,
  pattern: ArnPattern,
  excluded: readonly ArnPattern[] = [],
  within: ActionSet = catalog.all,
  context: KnownContext = {},
  candidates: readonly Grant[] = reach.grants,
): ResourceAccess | undefined {
  return collectAccess(
    reach,
    candidates,
    catalog.actionsOnPattern(pattern).intersect(within),
    (scope) => overlaps(scope, pattern) && !withinExcluded(scope, excluded),
    (deny) => scopeContains(deny.scope, pattern),
    context,
  );
}

const overlapsByScope = new WeakMap<ResourceScope, Map<string, boolean>>();

/**
 * {@link scopeIntersects}, remembered per statement scope and pattern: a statement of a policy many
 * principals hold is asked about the same pattern (a bucket's objects) once per principal.
 */
function overlaps(scope: ResourceScope, pattern: ArnPattern): boolean {
  let byPattern = overlapsByScope.get(scope);
  if (!byPattern) {
    byPattern = new Map();
    overlapsByScope.set(scope, byPattern);
  }
  let answer = byPattern.get(pattern.source);
  if (answer === undefined) {
    answer = scopeIntersects(scope, pattern);
    byPattern.set(pattern.source, answer);
  }
  return answer;
}

/** True when every resource of the scope is one of the excluded patterns' resources. */
function withinExcluded(scope: ResourceScope, excluded: readonly ArnPattern[]): boolean {
  return (
    excluded.length > 0 &&
    scope.kind === 'resources' &&
    scope.patterns.every((p) => excluded.some((e) => arnPatternCovers(e, p)))
  );
}

const grantsByActions = new WeakMap<PrincipalReach, Map<ActionSet, readonly Grant[]>>();

/**
 * The reach's grants with some of `actions`, cached per set: the catalog gives every ARN of one
 * resource type the same set, so each principal filters its grants once per type, not per resource.
 */
function grantsOn(reach: PrincipalReach, actions: ActionSet): readonly Grant[] {
  let bySet = grantsByActions.get(reach);
  if (!bySet) {
    bySet = new Map();
    grantsByActions.set(reach, bySet);
  }
  let grants = bySet.get(actions);
  if (!grants) {
    grants = reach.grants.filter((g) => g.actions.intersects(actions));
    bySet.set(actions, grants);
  }
  return grants;
}

/** The grants' access to `applicable` where their scopes apply, minus the reach's Denies that apply. */
function collectAccess(
  reach: PrincipalReach,
  candidates: readonly Grant[],
  applicable: ActionSet,
  grantApplies: (scope: ResourceScope) => boolean,
  denyApplies: (deny: CompiledStatement) => boolean,
  context: KnownContext = {},
): ResourceAccess | undefined {
  const grants: Grant[] = [];
  let actions = ActionSet.empty(0);
  let unconditional = ActionSet.empty(0);
  for (const grant of candidates) {
    if (!grant.actions.intersects(applicable) || !grant.scopes.every(grantApplies)) continue;
    const truth = evaluateConditions(grant.conditions, context);
    if (truth === 'false') continue;
    const granted = grant.actions.intersect(applicable);
    grants.push(grant);
    actions = actions.union(granted);
    if (truth === 'true') unconditional = unconditional.union(granted);
  }
  for (const deny of reach.denies) {
    if (deny.actions.intersects(actions) && denyApplies(deny)) actions = actions.minus(deny.actions);
  }
  for (const deny of reach.conditionalDenies) {
    if (deny.dependsOnRequest || !deny.condition || !deny.actions.intersects(actions)) continue;
    if (evaluateConditions([deny.condition], context) === 'true' && denyApplies(deny))
      actions = actions.minus(deny.actions);
  }
  if (actions.isEmpty()) return undefined;
  return {
    actions,
    grants: grants.filter((g) => g.actions.intersects(actions)),
    conditional: !unconditional.intersects(actions),
  };
}
