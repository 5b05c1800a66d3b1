import type { ActionSet } from './action-set.js';
import { canonicalConditions } from './condition.js';
import type { Grant } from './reach.js';
import { type ResourceScope, scopeCovers, scopeIntersects } from './resource-scope.js';
import type { CompiledStatement } from './statement.js';

/**
 * The actions of `grant` that no grant of `base` also allows on all of its resources. A base grant
 * counts when it is unconditional, or holds under exactly the same conditions; its resources must
 * cover the grant's (each base scope covers some scope of the grant). A grant on several resource
 * patterns is judged pattern by pattern, so grants merged into one statement are not new. Sound:
 * what it returns may still be reachable through a mix of base grants, never the other way round.
 */
export function actionsBeyond(grant: Grant, base: readonly Grant[]): ActionSet {
  const [first, ...rest] = grant.scopes;
  if (first?.kind === 'resources' && first.patterns.length > 1) {
    return first.patterns
      .map((pattern) =>
        beyondOne({ ...grant, scopes: [{ kind: 'resources', patterns: [pattern] }, ...rest] }, base),
      )
      .reduce((all, actions) => all.union(actions));
  }
  return beyondOne(grant, base);
}

function beyondOne(grant: Grant, base: readonly Grant[]): ActionSet {
  let rest = grant.actions;
  const conditions = canonicalConditions(grant.conditions);
  for (const b of base) {
    if (!b.actions.intersects(rest)) continue;
    if (b.conditions.length > 0 && canonicalConditions(b.conditions) !== conditions) continue;
    if (b.scopes.every((outer) => grant.scopes.some((inner) => scopeCovers(outer, inner)))) {
      rest = rest.minus(b.actions);
      if (rest.isEmpty()) break;
    }
  }
  return rest;
}

/**
 * The actions of `grant` that a Deny used to hold back and no longer does: for each Deny of
 * `baseDenies` (certain or conditional) that touches the grant's actions and resources, what no
 * Deny of `denies` under the same conditions still covers. A Deny on part of a grant's resources
 * does not shrink the grant, so removing it is a widening only this finds.
 */
export function actionsNoLongerDenied(
  grant: Grant,
  baseDenies: readonly CompiledStatement[],
  denies: readonly CompiledStatement[],
): ActionSet {
  let lifted = grant.actions.minus(grant.actions);
  for (const before of baseDenies) {
    let held = before.actions.intersect(grant.actions);
    if (held.isEmpty() || !grant.scopes.every((scope) => scopesMayOverlap(before.scope, scope))) continue;
    const condition = canonicalConditions(before.condition ? [before.condition] : []);
    for (const now of denies) {
      const same = canonicalConditions(now.condition ? [now.condition] : []) === condition;
      if (same && scopeCovers(now.scope, before.scope)) held = held.minus(now.actions);
    }
    lifted = lifted.union(held);
  }
  return lifted;
}

/** True unless the two scopes surely share no resource. */
function scopesMayOverlap(a: ResourceScope, b: ResourceScope): boolean {
  if (b.kind === 'resources') return b.patterns.some((pattern) => scopeIntersects(a, pattern));
  if (a.kind === 'resources') return a.patterns.some((pattern) => scopeIntersects(b, pattern));
  return true;
}

/** The grants with actions beyond `base`, each with those actions. */
export function grantsBeyond(
  grants: readonly Grant[],
  base: readonly Grant[],
): { readonly grant: Grant; readonly actions: ActionSet }[] {
  return grants.flatMap((grant) => {
    const actions = actionsBeyond(grant, base);
    return actions.isEmpty() ? [] : [{ grant, actions }];
  });
}
