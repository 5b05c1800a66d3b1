/**
 * IAM globs: `*` matches any run of characters, `?` exactly one. Compiled to tokens so that a
 * literal `*` (policy variable `${*}`) stays distinct from the wildcard. Matching never uses a
 * backtracking regex: segments between stars are placed leftmost in order, which is exact for
 * `*`-globs and linear in practice; relations between two globs are decided by dynamic programming
 * over both token lists.
 */
export interface Glob {
  readonly source: string;
  readonly tokens: Int32Array;
  readonly hasWildcards: boolean;
}

const STAR = -1;
const QMARK = -2;
/** Past this many DP cells a relation question gets its conservative answer instead. */
const MAX_RELATION_CELLS = 4_000_000;

/** Compiles a glob. With `literalEscapes`, `${*}`, `${?}` and `${$}` stand for the literal character. */
export function compileGlob(source: string, literalEscapes = false): Glob {
  const raw: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (literalEscapes && c === 36 && source[i + 1] === '{' && source[i + 3] === '}') {
      const inner = source[i + 2];
      if (inner === '*' || inner === '?' || inner === '$') {
        raw.push(inner.charCodeAt(0));
        i += 3;
        continue;
      }
    }
    raw.push(c === 42 ? STAR : c === 63 ? QMARK : c);
  }
  const tokens = normaliseWildcardRuns(raw);
  return { source, tokens: Int32Array.from(tokens), hasWildcards: tokens.some((t) => t < 0) };
}

/** A run of wildcards becomes its `?`s followed by at most one `*`: same language, canonical form. */
function normaliseWildcardRuns(raw: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const t = raw[i] ?? 0;
    if (t >= 0) {
      out.push(t);
      i++;
      continue;
    }
    let questions = 0;
    let star = false;
    while (i < raw.length && (raw[i] ?? 0) < 0) {
      if (raw[i] === STAR) star = true;
      else questions++;
      i++;
    }
    for (let q = 0; q < questions; q++) out.push(QMARK);
    if (star) out.push(STAR);
  }
  return out;
}

/** True when the glob matches the whole text. */
export function globMatches(glob: Glob, text: string): boolean {
  const t = glob.tokens;
  if (!glob.hasWildcards) return t.length === text.length && segmentAt(t, 0, t.length, text, 0);
  const stars: number[] = [];
  for (let i = 0; i < t.length; i++) if (t[i] === STAR) stars.push(i);
  if (stars.length === 0) return t.length === text.length && segmentAt(t, 0, t.length, text, 0);
  const firstStar = stars[0] ?? 0;
  const lastStar = stars[stars.length - 1] ?? 0;
  const tailLength = t.length - lastStar - 1;
  if (text.length < firstStar + tailLength) return false;
  if (!segmentAt(t, 0, firstStar, text, 0)) return false;
  if (!segmentAt(t, lastStar + 1, t.length, text, text.length - tailLength)) return false;
  let pos = firstStar;
  const limit = text.length - tailLength;
  for (let s = 0; s < stars.length - 1; s++) {
    const from = (stars[s] ?? 0) + 1;
    const to = stars[s + 1] ?? 0;
    const found = findSegment(t, from, to, text, pos, limit);
    if (found < 0) return false;
    pos = found + (to - from);
  }
  return true;
}

function segmentAt(t: Int32Array, from: number, to: number, text: string, at: number): boolean {
  for (let i = from; i < to; i++) {
    const token = t[i] ?? 0;
    if (token !== QMARK && token !== text.charCodeAt(at + i - from)) return false;
  }
  return true;
}

/** Leftmost position >= start where tokens [from, to) match, ending at or before limit; -1 if none. */
function findSegment(
  t: Int32Array,
  from: number,
  to: number,
  text: string,
  start: number,
  limit: number,
): number {
  const length = to - from;
  for (let at = start; at + length <= limit; at++) {
    if (segmentAt(t, from, to, text, at)) return at;
  }
  return -1;
}

/** True when every string `inner` matches is also matched by `outer` (sound; exact for ordinary globs). */
export function globCovers(outer: Glob, inner: Glob): boolean {
  if (!outer.hasWildcards) return !inner.hasWildcards && sameTokens(outer.tokens, inner.tokens);
  if (!inner.hasWildcards) return globMatches(outer, tokensToText(inner.tokens));
  const o = outer.tokens;
  const q = inner.tokens;
  if (!startsLikeCover(o, q)) return false;
  if ((o.length + 1) * (q.length + 1) > MAX_RELATION_CELLS) return false;
  // next[j] holds covers(o[i+1..], q[j..]); row[j] is computed for o[i..].
  let next = new Uint8Array(q.length + 1);
  next[q.length] = 1;
  for (let i = o.length - 1; i >= 0; i--) {
    const row = new Uint8Array(q.length + 1);
    const token = o[i] ?? 0;
    for (let j = q.length; j >= 0; j--) {
      const qt = j < q.length ? (q[j] ?? 0) : undefined;
      if (token === STAR) row[j] = next[j] === 1 || (qt !== undefined && row[j + 1] === 1) ? 1 : 0;
      else if (qt === undefined || qt === STAR) row[j] = 0;
      else if (token === QMARK) row[j] = next[j + 1] ?? 0;
      else row[j] = qt === token ? (next[j + 1] ?? 0) : 0;
    }
    next = row;
  }
  return next[0] === 1;
}

/**
 * The literal characters `outer` starts with before its first wildcard also start `inner`, as
 * literals: otherwise `inner` matches a string `outer` does not. It settles most pairs (a thousand
 * statements on a thousand different buckets) before the quadratic table.
 */
function startsLikeCover(o: Int32Array, q: Int32Array): boolean {
  for (let k = 0; k < o.length; k++) {
    const token = o[k] ?? STAR;
    if (token < 0) return true;
    if (q[k] !== token) return false;
  }
  return true;
}

/** True when some string is matched by both globs. */
export function globsIntersect(a: Glob, b: Glob): boolean {
  if (!a.hasWildcards) return globMatches(b, tokensToText(a.tokens));
  if (!b.hasWildcards) return globMatches(a, tokensToText(b.tokens));
  const x = a.tokens;
  const y = b.tokens;
  const width = y.length + 1;
  if ((x.length + 1) * width > MAX_RELATION_CELLS) return true;
  const seen = new Uint8Array((x.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const visit = (i: number, j: number) => {
    const key = i * width + j;
    if (seen[key] === 0) {
      seen[key] = 1;
      stack.push(key);
    }
  };
  while (stack.length > 0) {
    const key = stack.pop() ?? 0;
    const i = Math.floor(key / width);
    const j = key % width;
    if (i === x.length && j === y.length) return true;
    const xt = i < x.length ? (x[i] ?? 0) : undefined;
    const yt = j < y.length ? (y[j] ?? 0) : undefined;
    if (xt === STAR) visit(i + 1, j);
    if (yt === STAR) visit(i, j + 1);
    if (xt === undefined || yt === undefined) continue;
    if (xt >= 0 && yt >= 0 && xt !== yt) continue;
    visit(xt === STAR ? i : i + 1, yt === STAR ? j : j + 1);
  }
  return false;
}

function sameTokens(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function tokensToText(tokens: Int32Array): string {
  let out = '';
  for (const t of tokens) out += String.fromCharCode(t);
  return out;
}
