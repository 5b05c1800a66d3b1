import type { ActionSet } from './action-set.js';
import {
  type ArnParts,
  type ArnPattern,
  arnMatches,
  arnPatternCovers,
  arnPatternsIntersect,
} from './arn-pattern.js';
import type { Catalog } from './catalog.js';

/** The resources a statement names: its Resource list, or everything except its NotResource list. */
export type ResourceScope =
  | { readonly kind: 'resources'; readonly patterns: readonly ArnPattern[] }
  | { readonly kind: 'not-resources'; readonly patterns: readonly ArnPattern[] };

export function isAnyScope(scope: ResourceScope): boolean {
  return scope.kind === 'resources' && scope.patterns.some((p) => p.kind === 'any');
}

export function scopeMatches(scope: ResourceScope, arn: ArnParts): boolean {
  const hit = scope.patterns.some((p) => arnMatches(p, arn));
  return scope.kind === 'resources' ? hit : !hit;
}

/** True when `outer` contains every resource of `inner` (sound; false when unsure). */
export function scopeCovers(outer: ResourceScope, inner: ResourceScope): boolean {
  if (outer.kind === 'resources' && inner.kind === 'resources') {
    return inner.patterns.every((p) => outer.patterns.some((o) => arnPatternCovers(o, p)));
  }
  if (outer.kind === 'resources') return isAnyScope(outer);
  if (inner.kind === 'resources') {
    return inner.patterns.every((p) =>
      outer.patterns.every((excluded) => !arnPatternsIntersect(excluded, p)),
    );
  }
  return outer.patterns.every((excluded) => inner.patterns.some((p) => arnPatternCovers(p, excluded)));
}

/** True when some resource matching `pattern` is in the scope (may say true when unsure). */
export function scopeIntersects(scope: ResourceScope, pattern: ArnPattern): boolean {
  if (scope.kind === 'resources') return scope.patterns.some((p) => arnPatternsIntersect(p, pattern));
  return !scope.patterns.some((excluded) => arnPatternCovers(excluded, pattern));
}

/** True when the scope contains every resource matching `pattern`. */
export function scopeContains(scope: ResourceScope, pattern: ArnPattern): boolean {
  if (scope.kind === 'resources') return scope.patterns.some((p) => arnPatternCovers(p, pattern));
  return scope.patterns.every((excluded) => !arnPatternsIntersect(excluded, pattern));
}

/** The actions a grant on this scope can apply to, judged by resource types. */
export function actionsOnScope(catalog: Catalog, scope: ResourceScope): ActionSet {
  if (scope.kind === 'not-resources') return catalog.all;
  let set = catalog.actionsOnPattern(scope.patterns[0] ?? { kind: 'any', source: '*' });
  for (const p of scope.patterns.slice(1)) set = set.union(catalog.actionsOnPattern(p));
  return set;
}

/** Resource patterns as written, for evidence: NotResource shows as `NOT <pattern>`. */
export function describeScope(scope: ResourceScope): string[] {
  return scope.patterns.map((p) => (scope.kind === 'resources' ? p.source : `NOT ${p.source}`));
}
