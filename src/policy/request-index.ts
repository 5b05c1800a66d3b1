import { memoized } from '../model/memo.js';
import { compareText } from '../model/order.js';
import { type ArnParts, type ArnPattern, arnMatches, splitConcreteArn } from './arn-pattern.js';
import type { Catalog } from './catalog.js';
import { evaluateRequest, isAlwaysAllowed, type RequestDecision } from './evaluate.js';
import type { Glob } from './glob.js';
import type { Grant, PrincipalReach } from './reach.js';
import { isAnyScope, type ResourceScope, scopeMatches } from './resource-scope.js';
import type { CompiledStatement } from './statement.js';

/**
 * A principal's grants and unconditional Denies that name one action, in reach order, and the
 * decisions made from them so far, by which of them matched (bit i: statement i, grants first).
 */
interface ActionStatements {
  readonly grants: readonly Grant[];
  readonly denies: readonly CompiledStatement[];
  /** True when every one of them applies to every resource: then all match any ARN. */
  readonly everywhere: boolean;
  readonly decisions: Map<number, RequestDecision>;
}

const NONE: ActionStatements = { grants: [], denies: [], everywhere: true, decisions: new Map() };

/** Up to this many statements of one action, a decision is remembered by the bits of those that matched. */
const MASK_BITS = 30;
const NOTHING_ALLOWED: RequestDecision = { decision: 'implicit-deny', grants: [], denies: [] };

/**
 * Many requests against many principals' reach, answered as {@link evaluateRequest} answers them
 * with a resource-based policy granting (the account does not matter): each principal's grants and
 * denies of an action are picked out once, and each ARN is parsed once. With an {@link ArnList} it
 * also says which of a fixed list of ARNs a principal's grants of some actions could reach at all,
 * so that pairwise checks run only on those.
 */
export class RequestIndex {
  private readonly parts = new Map<string, ArnParts>();
  private readonly actionIndexes = new Map<string, number | undefined>();
  private readonly perResource = new Map<string, boolean>();
  private readonly byReach = new WeakMap<PrincipalReach, Map<number, ActionStatements>>();
  private lastReach: PrincipalReach | undefined;
  private lastByAction: Map<number, ActionStatements> | undefined;

  constructor(private readonly catalog: Catalog) {}

  /** `evaluateRequest(catalog, reach, action, arn, { resourcePolicyGrants: true })`, the same decision. */
  decide(reach: PrincipalReach, action: string, arn: string): RequestDecision {
    const index = this.indexOf(action);
    if (index === undefined || !this.isPerResource(action, index)) {
      return evaluateRequest(this.catalog, reach, action, arn, { resourcePolicyGrants: true });
    }
    const statements = this.statementsOf(reach, index);
    const { grants, denies } = statements;
    if (grants.length === 0 && denies.length === 0) return NOTHING_ALLOWED;
    const count = grants.length + denies.length;
    if (count > MASK_BITS) return decisionOn(grants, denies, this.partsOf(arn));
    // many ARNs (every role of an account, say) match the same statements: one decision object each way
    let matched = 0;
    if (statements.everywhere) matched = 2 ** count - 1;
    else {
      const parts = this.partsOf(arn);
      grants.forEach((g, i) => {
        if (g.scopes.every((scope) => scopeMatches(scope, parts))) matched |= 1 << i;
      });
      denies.forEach((d, i) => {
        if (scopeMatches(d.scope, parts)) matched |= 1 << (grants.length + i);
      });
    }
    return memoized(statements.decisions, matched, () => decisionOn(grants, denies, this.partsOf(arn)));
  }

  /**
   * The reach's grants and unconditional Denies of the action, all that {@link decide} reads of the
   * reach for it; undefined when it decides the action another way.
   */
  statementsFor(
    reach: PrincipalReach,
    action: string,
  ): { readonly grants: readonly Grant[]; readonly denies: readonly CompiledStatement[] } | undefined {
    const index = this.indexOf(action);
    if (index === undefined || !this.isPerResource(action, index)) return undefined;
    return this.statementsOf(reach, index);
  }

  /** The reach's grants of the action (on any resource), in reach order. */
  grantsOf(reach: PrincipalReach, action: string): readonly Grant[] {
    const index = this.indexOf(action);
    return index === undefined ? [] : this.statementsOf(reach, index).grants;
  }

  /**
   * The positions (ascending) in `targets` of the ARNs that some grant of one of `actions` could
   * match, or undefined when that may be any of them. A superset: {@link decide} still judges each.
   */
  candidates(
    reach: PrincipalReach,
    actions: readonly string[],
    targets: ArnList,
  ): readonly number[] | undefined {
    const lists = this.candidateLists(reach, actions, targets);
    return lists && mergePositions(lists);
  }

  /**
   * {@link candidates} before the union: the position lists of the grants' scopes, each made once
   * per scope, so callers can keep what they derive from a list across principals.
   */
  candidateLists(
    reach: PrincipalReach,
    actions: readonly string[],
    targets: ArnList,
  ): ReadonlySet<readonly number[]> | undefined {
    const lists = new Set<readonly number[]>();
    for (const action of actions) {
      const index = this.indexOf(action);
      if (index === undefined || !this.isPerResource(action, index)) return undefined;
      for (const grant of this.statementsOf(reach, index).grants) {
        const positions = grant.scopes[0] ? targets.matchingScope(grant.scopes[0]) : undefined;
        if (!positions) return undefined;
        lists.add(positions);
      }
    }
    return lists;
  }

  /** The action's catalog index, looked up once per spelling. */
  private indexOf(action: string): number | undefined {
    if (this.actionIndexes.has(action)) return this.actionIndexes.get(action);
    const index = this.catalog.indexOf(action);
    this.actionIndexes.set(action, index);
    return index;
  }

  /** False for the actions evaluateRequest decides another way: always allowed, or taking no resource. */
  private isPerResource(action: string, index: number): boolean {
    let perResource = this.perResource.get(action);
    if (perResource === undefined) {
      perResource = !isAlwaysAllowed(action) && !this.catalog.wildcardOnly.has(index);
      this.perResource.set(action, perResource);
    }
    return perResource;
  }

  private statementsOf(reach: PrincipalReach, index: number): ActionStatements {
    // callers ask many questions of one principal in a row: keep its table at hand
    let byAction = reach === this.lastReach ? this.lastByAction : this.byReach.get(reach);
    if (!byAction) {
      byAction = new Map();
      this.byReach.set(reach, byAction);
    }
    this.lastReach = reach;
    this.lastByAction = byAction;
    let found = byAction.get(index);
    if (!found) {
      found = NONE;
      // most principals hold no grant of a given action: find that without building arrays
      if (reach.grants.some((g) => g.actions.has(index)) || reach.denies.some((d) => d.actions.has(index))) {
        const grants = reach.grants.filter((g) => g.actions.has(index));
        const denies = reach.denies.filter((d) => d.actions.has(index));
        const everywhere =
          grants.every((g) => g.scopes.every(isAnyScope)) && denies.every((d) => isAnyScope(d.scope));
        found = { grants, denies, everywhere, decisions: new Map() };
      }
      byAction.set(index, found);
    }
    return found;
  }

  private partsOf(arn: string): ArnParts {
    let parts = this.parts.get(arn);
    if (!parts) {
      parts = splitConcreteArn(arn);
      this.parts.set(arn, parts);
    }
    return parts;
  }
}

/** The decision on a parsed ARN from one action's grants and unconditional Denies. */
function decisionOn(
  grants: readonly Grant[],
  denies: readonly CompiledStatement[],
  parts: ArnParts,
): RequestDecision {
  const matchedDenies = denies.filter((d) => scopeMatches(d.scope, parts));
  const matchedGrants = grants.filter((g) => g.scopes.every((scope) => scopeMatches(scope, parts)));
  if (matchedDenies.length > 0)
    return { decision: 'explicit-deny', grants: matchedGrants, denies: matchedDenies };
  return {
    decision: matchedGrants.length > 0 ? 'allow' : 'implicit-deny',
    grants: matchedGrants,
    denies: matchedDenies,
  };
}

/**
 * A fixed list of concrete ARNs (the roles, users, classified resources … of an account), each
 * parsed once, and for each ARN pattern the positions of those it matches, found once per pattern:
 * a literal ARN by lookup, any other pattern by a binary search for its literal prefix (the text
 * before its first wildcard: every ARN it matches starts with it) in the ARNs sorted. Heads
 * (partition, service, region, account) compare case-insensitively in IAM, so where an ARN's or the
 * prefix's head is not lower case the ARNs are scanned one by one: the answer is always exact.
 */
export class ArnList {
  private readonly arns: readonly string[];
  private readonly parts: readonly ArnParts[];
  /** Positions ordered by ARN text. */
  private readonly sorted: readonly number[];
  private readonly lowerHeads: boolean;
  private readonly byLiteral = new Map<string, number[]>();
  private readonly byPattern = new Map<ArnPattern, readonly number[]>();
  private readonly byScope = new WeakMap<ResourceScope, readonly number[] | 'all'>();

  constructor(arns: readonly string[]) {
    this.arns = arns;
    this.sorted = arns.map((_, i) => i).sort((a, b) => compareText(arns[a] ?? '', arns[b] ?? ''));
    this.lowerHeads = arns.every((arn) => headOf(arn) === headOf(arn).toLowerCase());
    this.parts = arns.map(splitConcreteArn);
    this.parts.forEach((parts, position) => {
      if (!parts.head) return;
      const key = literalKey(parts.head, parts.resource);
      const positions = this.byLiteral.get(key);
      if (positions) positions.push(position);
      else this.byLiteral.set(key, [position]);
    });
  }

  get length(): number {
    return this.parts.length;
  }

  /** Positions (ascending) of the ARNs the pattern matches; undefined when it matches every ARN. */
  matching(pattern: ArnPattern): readonly number[] | undefined {
    if (pattern.kind === 'any') return undefined;
    let positions = this.byPattern.get(pattern);
    if (!positions) {
      positions = this.find(pattern);
      this.byPattern.set(pattern, positions);
    }
    return positions;
  }

  /** Positions (ascending) of the ARNs in the scope; undefined when that is every one of them. */
  matchingScope(scope: ResourceScope): readonly number[] | undefined {
    let positions = this.byScope.get(scope);
    if (!positions) {
      positions = 'all';
      if (scope.kind === 'not-resources') positions = this.outside(scope.patterns);
      else {
        const lists = new Set<readonly number[]>();
        let every = false;
        for (const pattern of scope.patterns) {
          const matched = this.matching(pattern);
          if (matched) lists.add(matched);
          else every = true;
        }
        if (!every) positions = mergePositions(lists);
      }
      this.byScope.set(scope, positions);
    }
    return positions === 'all' ? undefined : positions;
  }

  private find(pattern: ArnPattern): readonly number[] {
    if (pattern.kind === 'arn') {
      const head: string[] = [];
      for (const glob of pattern.head) {
        const text = literalText(glob);
        if (text !== undefined) head.push(text);
      }
      const resource = literalText(pattern.resource);
      if (resource !== undefined && head.length === pattern.head.length) {
        return this.byLiteral.get(literalKey(head, resource)) ?? [];
      }
    }
    const prefix = literalPrefix(pattern.source);
    if (!this.lowerHeads || headOf(prefix) !== headOf(prefix).toLowerCase())
      return this.positionsWhere((parts) => arnMatches(pattern, parts));
    const out: number[] = [];
    for (let i = this.firstAtLeast(prefix); i < this.sorted.length; i++) {
      const position = this.sorted[i] ?? 0;
      if (!(this.arns[position] ?? '').startsWith(prefix)) break;
      const parts = this.parts[position];
      if (parts && arnMatches(pattern, parts)) out.push(position);
    }
    return out.sort((a, b) => a - b);
  }

  /** A NotResource scope: every ARN none of its patterns matches. */
  private outside(patterns: readonly ArnPattern[]): readonly number[] {
    return this.positionsWhere((parts) => !patterns.some((p) => arnMatches(p, parts)));
  }

  private positionsWhere(holds: (parts: ArnParts) => boolean): number[] {
    const out: number[] = [];
    this.parts.forEach((parts, position) => {
      if (holds(parts)) out.push(position);
    });
    return out;
  }

  /** The first place in ARN order whose ARN is not before `prefix`. */
  private firstAtLeast(prefix: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.arns[this.sorted[mid] ?? 0] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The text before the first `*` or `?`. */
function literalPrefix(source: string): string {
  const wildcard = source.search(/[*?]/);
  return wildcard === -1 ? source : source.slice(0, wildcard);
}

/** The part of an ARN (or of a prefix of one) before its sixth segment. */
function headOf(text: string): string {
  let colons = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ':' && ++colons === 5) return text.slice(0, i);
  }
  return text;
}

const NO_POSITIONS: readonly number[] = [];

/** The union of ascending position lists, ascending: a single list as it is, so callers can cache by it. */
function mergePositions(lists: ReadonlySet<readonly number[]>): readonly number[] {
  if (lists.size <= 1) return lists.values().next().value ?? NO_POSITIONS;
  const found = new Set<number>();
  for (const list of lists) for (const p of list) found.add(p);
  return [...found].sort((a, b) => a - b);
}

/** The text a glob without wildcards matches, or undefined when it has wildcards. */
function literalText(glob: Glob): string | undefined {
  if (glob.hasWildcards) return undefined;
  let text = '';
  for (const token of glob.tokens) text += String.fromCharCode(token);
  return text;
}

/** Head segments hold no colon, so joining them with the resource keeps ARNs apart. */
function literalKey(head: readonly string[], resource: string): string {
  return `${head.join(':')}:${resource}`;
}
