import type { Declaration } from '../model/agent.js';
import { ActionSet } from './action-set.js';
import { type ArnPattern, compileArnPattern } from './arn-pattern.js';
import type { Catalog, HomeAccount } from './catalog.js';
import type { Grant } from './reach.js';
import { type ResourceScope, scopeContains, scopeCovers } from './resource-scope.js';

/** One entry of an agent's `may`, compiled like a statement. */
export interface CompiledDeclaration {
  readonly actions: ActionSet;
  readonly scope: ResourceScope;
}

export function compileDeclarations(catalog: Catalog, may: readonly Declaration[]): CompiledDeclaration[] {
  return may.map((d) => ({
    actions: d.actions.reduce((set, a) => set.union(catalog.expand(a)), ActionSet.empty(catalog.size)),
    scope: {
      kind: 'resources',
      patterns: (d.resources.length > 0 ? d.resources : ['*']).map(compileArnPattern),
    },
  }));
}

/** Every action any declaration names. */
export function declaredActions(catalog: Catalog, declarations: readonly CompiledDeclaration[]): ActionSet {
  return declarations.reduce((set, d) => set.union(d.actions), ActionSet.empty(catalog.size));
}

/**
 * The actions of a grant that its resources take beyond the declaration. An action is declared on a
 * resource pattern of the grant when a declaration naming the action contains that pattern, or
 * contains every resource type the action can apply to in the home account (so `s3:GetObject` on
 * `*` is declared by `arn:aws:s3:::*`). Only the patterns the action can apply to are judged (a
 * statement on `[bucket, bucket/*]` takes s3:ListBucket on the bucket and s3:GetObject on the
 * objects), and several declarations may together cover a grant.
 */
export function undeclaredActions(
  catalog: Catalog,
  grant: Grant,
  declarations: readonly CompiledDeclaration[],
  home: HomeAccount,
): ActionSet {
  let remaining = grant.actions;
  for (const d of declarations) {
    if (!d.actions.intersects(remaining)) continue;
    if (grant.scopes.some((scope) => scopeCovers(d.scope, scope))) remaining = remaining.minus(d.actions);
  }
  const candidates = remaining.intersect(declaredActions(catalog, declarations));
  const covered: number[] = [];
  for (const index of candidates.indexes()) {
    const naming = declarations.filter((d) => d.actions.has(index));
    const coveredBy = (p: ArnPattern) => naming.some((d) => scopeContains(d.scope, p));
    const typePatterns = catalog.resourcePatternsOf(index, home);
    const byType = typePatterns.length > 0 && typePatterns.every(coveredBy);
    if (byType || grant.scopes.some((scope) => patternsOfAction(catalog, scope, index)?.every(coveredBy))) {
      covered.push(index);
    }
  }
  return remaining.minus(ActionSet.of(catalog.size, covered));
}

/** The scope's Resource patterns the action can apply to; undefined for a NotResource scope. */
function patternsOfAction(catalog: Catalog, scope: ResourceScope, index: number): ArnPattern[] | undefined {
  if (scope.kind !== 'resources') return undefined;
  return scope.patterns.filter((p) => catalog.actionsOnPattern(p).has(index));
}
