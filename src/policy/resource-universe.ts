import { compareText } from '../model/order.js';
import { type ArnParts, type ArnPattern, arnMatches, splitConcreteArn } from './arn-pattern.js';
import type { ResourceScope } from './resource-scope.js';

/**
 * A finite set of concrete resource ARNs, sorted, that answers "which of them does this scope
 * match" without testing every one: an ARN pattern can only match ARNs that start with its
 * literal prefix (the text before its first wildcard), so a binary search finds the candidates.
 * Heads (partition, service, region, account) compare case-insensitively in IAM; ARNs and patterns
 * whose head is not lower case are matched one by one, so the answer is always exact.
 */
export class ResourceUniverse {
  readonly arns: readonly string[];
  private readonly parts: readonly ArnParts[];
  private readonly lowerHeads: boolean;
  private readonly matchCache = new Map<ResourceScope, readonly number[]>();

  constructor(arns: readonly string[]) {
    this.arns = [...arns].sort(compareText);
    this.parts = this.arns.map(splitConcreteArn);
    this.lowerHeads = this.arns.every((arn) => headOf(arn) === headOf(arn).toLowerCase());
  }

  /** Indexes (into `arns`) of the resources the scope matches, ascending; cached per scope. */
  matching(scope: ResourceScope): readonly number[] {
    let hits = this.matchCache.get(scope);
    if (!hits) {
      hits = scope.kind === 'resources' ? this.matchingAny(scope.patterns) : this.scan(scope);
      this.matchCache.set(scope, hits);
    }
    return hits;
  }

  private matchingAny(patterns: readonly ArnPattern[]): number[] {
    if (patterns.some((p) => p.kind === 'any')) return this.arns.map((_, i) => i);
    const hits = new Set<number>();
    for (const pattern of patterns) for (const i of this.matchingPattern(pattern)) hits.add(i);
    return [...hits].sort((a, b) => a - b);
  }

  private matchingPattern(pattern: ArnPattern): number[] {
    const prefix = literalPrefix(pattern.source);
    const indexed = this.lowerHeads && headOf(prefix) === headOf(prefix).toLowerCase();
    const from = indexed ? this.firstAtLeast(prefix) : 0;
    const hits: number[] = [];
    for (let i = from; i < this.arns.length; i++) {
      const arn = this.arns[i] ?? '';
      if (indexed && !arn.startsWith(prefix)) break;
      const parts = this.parts[i];
      if (parts && arnMatches(pattern, parts)) hits.push(i);
    }
    return hits;
  }

  /** A NotResource scope: every resource none of its patterns matches. */
  private scan(scope: ResourceScope): number[] {
    const hits: number[] = [];
    this.parts.forEach((parts, i) => {
      if (!scope.patterns.some((p) => arnMatches(p, parts))) hits.push(i);
    });
    return hits;
  }

  private firstAtLeast(prefix: string): number {
    let lo = 0;
    let hi = this.arns.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.arns[mid] ?? '') < prefix) lo = mid + 1;
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
