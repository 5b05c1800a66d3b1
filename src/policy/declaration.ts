import type { Declaration } from '../model/agent.js';
import { memoized } from '../model/memo.js';
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
  const coverage = coverageOf(catalog, declarations, home);
  let remaining = grant.actions;
  for (const scope of grant.scopes) {
    if (remaining.isEmpty()) break;
    remaining = remaining.minus(coverage.declaredOn(scope));
  }
  return remaining;
}

/**
 * What a set of declarations covers, per resource scope: the actions declared on every resource of
 * the scope the action can apply to. Scopes are compiled once per statement, so a statement held
 * by many principals is judged once.
 */
class Coverage {
  private readonly byScope = new WeakMap<ResourceScope, ActionSet>();
  private readonly byScopeText = new Map<string, ActionSet>();
  private readonly declared: ActionSet;
  /** Declared actions whose every resource type in the home account the declarations contain. */
  private readonly byType: ActionSet;

  constructor(
    private readonly catalog: Catalog,
    private readonly declarations: readonly CompiledDeclaration[],
    home: HomeAccount,
  ) {
    this.declared = declaredActions(catalog, declarations);
    const covered: number[] = [];
    for (const index of this.declared.indexes()) {
      const typePatterns = catalog.resourcePatternsOf(index, home);
      if (typePatterns.length > 0 && typePatterns.every((p) => this.contains(index, p))) covered.push(index);
    }
    this.byType = ActionSet.of(catalog.size, covered);
  }

  declaredOn(scope: ResourceScope): ActionSet {
    let set = this.byScope.get(scope);
    if (!set) {
      // statements of different policies often name the same resources
      const text = scopeText(scope);
      set = this.byScopeText.get(text);
      if (!set) {
        set = this.compute(scope);
        this.byScopeText.set(text, set);
      }
      this.byScope.set(scope, set);
    }
    return set;
  }

  private compute(scope: ResourceScope): ActionSet {
    let set = this.byType;
    for (const d of this.declarations) if (scopeCovers(d.scope, scope)) set = set.union(d.actions);
    const covered: number[] = [];
    for (const index of this.declared.minus(set).indexes()) {
      if (patternsOfAction(this.catalog, scope, index)?.every((p) => this.contains(index, p)))
        covered.push(index);
    }
    return set.union(ActionSet.of(this.catalog.size, covered));
  }

  /** True when a declaration naming the action contains every resource of the pattern. */
  private contains(index: number, pattern: ArnPattern): boolean {
    return this.declarations.some((d) => d.actions.has(index) && scopeContains(d.scope, pattern));
  }
}

const scopeTexts = new WeakMap<ResourceScope, string>();

/** A string equal for two scopes exactly when they name the same resources the same way. */
function scopeText(scope: ResourceScope): string {
  return memoized(
    scopeTexts,
    scope,
    () => `${scope.kind}\n${scope.patterns.map((p) => p.source).join('\n')}`,
  );
}

const coverages = new WeakMap<readonly CompiledDeclaration[], Map<string, Coverage>>();

function coverageOf(
  catalog: Catalog,
  declarations: readonly CompiledDeclaration[],
  home: HomeAccount,
): Coverage {
  let byHome = coverages.get(declarations);
  if (!byHome) {
    byHome = new Map();
    coverages.set(declarations, byHome);
  }
  const key = `${home.partition}:${home.accountId}`;
  let coverage = byHome.get(key);
  if (!coverage) {
    coverage = new Coverage(catalog, declarations, home);
    byHome.set(key, coverage);
  }
  return coverage;
}

/** The scope's Resource patterns the action can apply to; undefined for a NotResource scope. */
function patternsOfAction(catalog: Catalog, scope: ResourceScope, index: number): ArnPattern[] | undefined {
  if (scope.kind !== 'resources') return undefined;
  return scope.patterns.filter((p) => catalog.actionsOnPattern(p).has(index));
}
