import { compileGlob, type Glob, globCovers, globMatches, globsIntersect } from './glob.js';

/**
 * A Resource/NotResource value as IAM matches it: `*` (every resource), an ARN glob matched segment
 * by segment (partition, service, region and account case-insensitively; the resource part
 * case-sensitively, where `*` may span `/` and `:`), or any other string matched as a whole.
 * A short ARN (fewer than six segments) is padded with `*`, as identity policies treat it.
 */
export type ArnPattern =
  | { readonly kind: 'any'; readonly source: string }
  | { readonly kind: 'arn'; readonly source: string; readonly head: readonly Glob[]; readonly resource: Glob }
  | { readonly kind: 'text'; readonly source: string; readonly glob: Glob };

const HEAD_SEGMENTS = 5;
const cache = new Map<string, ArnPattern>();

export function compileArnPattern(source: string): ArnPattern {
  let pattern = cache.get(source);
  if (!pattern) {
    pattern = buildPattern(source);
    cache.set(source, pattern);
  }
  return pattern;
}

function buildPattern(source: string): ArnPattern {
  if (/^\*+$/.test(source)) return { kind: 'any', source };
  const parts = splitArn(source);
  if (!parts) return { kind: 'text', source, glob: compileGlob(source, true) };
  while (parts.length < HEAD_SEGMENTS + 1) parts.push('*');
  const head = parts.slice(0, HEAD_SEGMENTS).map((p) => compileGlob(p.toLowerCase(), true));
  return { kind: 'arn', source, head, resource: compileGlob(parts[HEAD_SEGMENTS] ?? '*', true) };
}

/** Splits at the first five colons; undefined when the text does not start with `arn:`. */
function splitArn(text: string): string[] | undefined {
  if (text.slice(0, 4).toLowerCase() !== 'arn:') return undefined;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < HEAD_SEGMENTS; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) break;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

/** The parts of a concrete ARN, lower-casing the case-insensitive head. */
export interface ArnParts {
  readonly text: string;
  readonly head: readonly string[] | undefined;
  readonly resource: string;
}

export function splitConcreteArn(text: string): ArnParts {
  const parts = splitArn(text);
  if (!parts || parts.length < HEAD_SEGMENTS + 1) return { text, head: undefined, resource: text };
  return {
    text,
    head: parts.slice(0, HEAD_SEGMENTS).map((p) => p.toLowerCase()),
    resource: parts[HEAD_SEGMENTS] ?? '',
  };
}

/** True when the pattern matches the concrete ARN (or other resource string). */
export function arnMatches(pattern: ArnPattern, arn: ArnParts): boolean {
  switch (pattern.kind) {
    case 'any':
      return true;
    case 'text':
      return globMatches(pattern.glob, arn.text);
    case 'arn': {
      const head = arn.head;
      if (!head) return false;
      for (let i = 0; i < HEAD_SEGMENTS; i++) {
        const glob = pattern.head[i];
        if (!glob || !globMatches(glob, head[i] ?? '')) return false;
      }
      return globMatches(pattern.resource, arn.resource);
    }
  }
}

/** True when every resource `inner` matches is matched by `outer` (sound, may say false when unsure). */
export function arnPatternCovers(outer: ArnPattern, inner: ArnPattern): boolean {
  if (outer.kind === 'any') return true;
  if (inner.kind === 'any') return false;
  if (outer.kind === 'arn' && inner.kind === 'arn') {
    return (
      outer.head.every((glob, i) => {
        const other = inner.head[i];
        return other !== undefined && globCovers(glob, other);
      }) && globCovers(outer.resource, inner.resource)
    );
  }
  if (outer.kind === 'text' && inner.kind === 'text') return globCovers(outer.glob, inner.glob);
  return false;
}

/** True when some resource matches both patterns (may say true when unsure). */
export function arnPatternsIntersect(a: ArnPattern, b: ArnPattern): boolean {
  if (a.kind === 'any' || b.kind === 'any') return true;
  if (a.kind === 'arn' && b.kind === 'arn') {
    return (
      a.head.every((glob, i) => {
        const other = b.head[i];
        return other !== undefined && globsIntersect(glob, other);
      }) && globsIntersect(a.resource, b.resource)
    );
  }
  if (a.kind === 'text' && b.kind === 'text') return globsIntersect(a.glob, b.glob);
  return true;
}
