/**
 * Strings shaped like an AWS secret access key, wherever they are and whether or not a plan marks
 * them sensitive, never reach an output: every input is scrubbed as it is read, and every output
 * channel scrubs what it writes once more. Access key ids (AKIA…, ASIA…) are identifiers, not
 * secrets, and are kept.
 */

/** What a secret-shaped string becomes. */
export const REDACTED = '(redacted)';

/**
 * A secret access key is 40 characters of base64's alphabet. One may sit between slashes (a path,
 * an ARN) but not inside a longer run of letters and digits, and `=` (base64 padding) may not follow.
 */
const KEY_LENGTH = 40;

/** Per ASCII code: 1, base64's alphabet; 2, may not come just before a key; 4, may not come just after one. */
const IN_KEY = 1;
const NOT_BEFORE = 2;
const NOT_AFTER = 4;
const CHARACTER_FLAGS = (() => {
  const flags = new Uint8Array(128);
  const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (const c of `${alphanumerics}+`) flags[c.charCodeAt(0)] = IN_KEY | NOT_BEFORE | NOT_AFTER;
  flags['/'.charCodeAt(0)] = IN_KEY;
  flags['='.charCodeAt(0)] = NOT_AFTER;
  return flags;
})();

function hasFlag(text: string, index: number, flag: number): boolean {
  const code = text.charCodeAt(index);
  return code < 128 && ((CHARACTER_FLAGS[code] ?? 0) & flag) !== 0;
}

/**
 * Where each 40-character window that could be a key starts, from `from` up to `limit`, in order;
 * `before` is the character that came before the text, if any.
 * Most text has no run of 40 key characters, and one character outside the alphabet rules out every
 * window holding it: each window is read from its end backwards, and the search jumps past the first
 * such character it meets, so that most characters are never read.
 */
function* candidateStarts(text: string, from: number, limit: number, before: string): Generator<number> {
  let index = from;
  while (index + KEY_LENGTH <= text.length && index < limit) {
    let probe = index + KEY_LENGTH - 1;
    while (probe >= index && hasFlag(text, probe, IN_KEY)) probe--;
    if (probe >= index) {
      index = probe + 1;
      continue;
    }
    let runEnd = index + KEY_LENGTH;
    while (runEnd < text.length && hasFlag(text, runEnd, IN_KEY)) runEnd++;
    for (let start = index; start <= runEnd - KEY_LENGTH && start < limit; start++) {
      const end = start + KEY_LENGTH;
      if (start > 0 ? hasFlag(text, start - 1, NOT_BEFORE) : hasFlag(before, 0, NOT_BEFORE)) continue;
      if (end < text.length && hasFlag(text, end, NOT_AFTER)) continue;
      yield start;
    }
    index = runEnd + 1;
  }
}

/**
 * How random a candidate must look: the number of changes of character class between neighbours
 * plus the number of distinct characters. Random keys score about 55 (fewer than 5 in 10,000 score
 * under 41); the CamelCase names in ARNs, actions and condition keys score at most 38.
 */
const MIN_RANDOMNESS = 41;

type CharacterClass = 'lower' | 'upper' | 'digit' | 'symbol';

function classOf(code: number): CharacterClass {
  if (code >= 97 && code <= 122) return 'lower';
  if (code >= 65 && code <= 90) return 'upper';
  if (code >= 48 && code <= 57) return 'digit';
  return 'symbol';
}

/**
 * A 40-character token from base64's alphabet is a secret key when it mixes lower and upper case
 * with a digit, `/` or `+`, and looks random. Hex hashes (one case), finding fingerprints (16
 * characters) and CamelCase names in ARNs (too regular) are not.
 */
export function isSecretKeyShaped(token: string): boolean {
  if (token.length !== KEY_LENGTH) return false;
  const seen = new Set<CharacterClass>();
  let changes = 0;
  for (let i = 0; i < token.length; i++) {
    const kind = classOf(token.charCodeAt(i));
    seen.add(kind);
    if (i > 0 && kind !== classOf(token.charCodeAt(i - 1))) changes++;
  }
  const mixed = seen.has('lower') && seen.has('upper') && (seen.has('digit') || seen.has('symbol'));
  return mixed && changes + new Set(token).size >= MIN_RANDOMNESS;
}

/**
 * The text up to `end`, each run of secret-shaped tokens that starts before `limit` replaced by one
 * REDACTED. Tokens that overlap (`user/ci/<key>` holds one that ends inside the key) are redacted
 * together, so that no part of a key is left. A run that tokens starting at `limit` or later could
 * still lengthen is left for later: `end` is then where it starts, else `limit`. Every token that
 * starts before `limit` must be followed by a character of the text, or by its end.
 */
function redactUpTo(text: string, limit: number, before: string): { out: string; end: number } {
  let out = '';
  let copied = 0;
  let run: { start: number; end: number } | undefined;
  for (const candidate of candidateStarts(text, 0, limit, before)) {
    if (!isSecretKeyShaped(text.slice(candidate, candidate + KEY_LENGTH))) continue;
    if (run !== undefined && candidate < run.end) {
      run.end = candidate + KEY_LENGTH;
      continue;
    }
    if (run !== undefined) {
      out += `${text.slice(copied, run.start)}${REDACTED}`;
      copied = run.end;
    }
    run = { start: candidate, end: candidate + KEY_LENGTH };
  }
  if (run !== undefined) {
    if (run.end > limit && limit < text.length)
      return { out: out + text.slice(copied, run.start), end: run.start };
    out += `${text.slice(copied, run.start)}${REDACTED}`;
    copied = run.end;
  }
  const end = Math.min(text.length, Math.max(limit, copied));
  return { out: copied === 0 && end === text.length ? text : out + text.slice(copied, end), end };
}

/** Where the run of key characters that the text ends with starts (its length if none). */
function trailingRunStart(text: string): number {
  let start = text.length;
  while (start > 0 && hasFlag(text, start - 1, IN_KEY)) start--;
  return start;
}

/** The text with each secret-shaped token replaced by REDACTED. */
export function redactSecretKeys(text: string): string {
  return text.length < KEY_LENGTH ? text : redactUpTo(text, text.length, '').out;
}

/**
 * A parsed JSON value with every string, object keys included, passed through redactSecretKeys.
 * Parts that hold no secret are the same objects as before.
 */
export function redactSecretKeysIn(value: unknown): unknown {
  if (typeof value === 'string') return redactSecretKeys(value);
  if (Array.isArray(value)) {
    let items: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = redactSecretKeysIn(value[i]);
      if (item !== value[i]) items ??= [...value];
      if (items !== undefined) items[i] = item;
    }
    return items ?? value;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    let changed = false;
    const redacted = entries.map(([key, item]): [string, unknown] => {
      const entry: [string, unknown] = [redactSecretKeys(key), redactSecretKeysIn(item)];
      if (entry[0] !== key || entry[1] !== item) changed = true;
      return entry;
    });
    return changed ? Object.fromEntries(redacted) : value;
  }
  return value;
}

/**
 * Redacts text written in pieces as if it were written whole: a token split between pieces is
 * still found, and the text written is redactSecretKeys of the whole. What a later piece could
 * still make part of a token (the run of key characters a piece ends with, at most its last 40
 * characters but a run of tokens) is held back until what follows is known; `end()` writes it.
 * A piece that ends outside a run (a report's chunks end with `}` or a line break) is written whole.
 */
export function createRedactingWriter(write: (text: string) => void): {
  write(text: string): void;
  end(): void;
} {
  /** Taken and not yet written. */
  let pending = '';
  /** The character written just before `pending`, which tells whether a token may start there. */
  let before = '';
  const emit = (text: string) => {
    if (text !== '') write(text);
  };
  return {
    write(piece: string) {
      if (standsAlone(piece) && isKnownClean(piece)) {
        // nothing before it can run into it, and nothing in it needs redacting: written as it is
        emit(redactUpTo(pending, pending.length, before).out);
        emit(piece);
        pending = '';
        before = piece.charAt(piece.length - 1);
        return;
      }
      const text = pending === '' ? piece : pending + piece;
      // every token starting before `limit` ends before a character of the text
      const limit = Math.max(trailingRunStart(text), text.length - KEY_LENGTH);
      if (limit <= 0) {
        pending = text;
        return;
      }
      const { out, end } = redactUpTo(text, limit, before);
      emit(out);
      if (end > 0) before = text.charAt(end - 1);
      pending = text.slice(end);
    },
    end() {
      emit(redactUpTo(pending, pending.length, before).out);
      pending = '';
      before = '';
    },
  };
}

/** Chunks at least this long that hold no secret are remembered: a report writes the same long chunk many times. */
const LONG_CHUNK = 4096;
/** The most characters remembered at once (the strings are shared with the report, but may outlive it). */
const KNOWN_CLEAN_CHARACTERS = 32 * 1024 * 1024;
const knownClean = new Set<string>();
let knownCleanCharacters = 0;

/**
 * True when the piece's redaction cannot depend on what comes before or after it: it starts with a
 * character that neither belongs to a key nor may follow one, and ends with one that does not belong
 * to a key. A report's shared lists (`[` … `]`) are such pieces.
 */
function standsAlone(piece: string): boolean {
  return (
    piece.length >= LONG_CHUNK &&
    !hasFlag(piece, 0, IN_KEY | NOT_AFTER) &&
    !hasFlag(piece, piece.length - 1, IN_KEY)
  );
}

/**
 * True when the piece holds no secret-shaped token, scanning it only the first time it is seen:
 * a Set finds a string it already holds by the hash the string carries, and compares the same
 * string object in constant time.
 */
function isKnownClean(piece: string): boolean {
  if (knownClean.has(piece)) return true;
  if (redactUpTo(piece, piece.length, '').out !== piece) return false;
  if (knownCleanCharacters + piece.length > KNOWN_CLEAN_CHARACTERS) {
    knownClean.clear();
    knownCleanCharacters = 0;
  }
  knownClean.add(piece);
  knownCleanCharacters += piece.length;
  return true;
}

/** The chunks' text, redacted as a whole (a token split between chunks is found), in chunks. */
export function* redactSecretKeysInChunks(chunks: Iterable<string>): Generator<string> {
  const out: string[] = [];
  const writer = createRedactingWriter((text) => out.push(text));
  for (const chunk of chunks) {
    writer.write(chunk);
    yield* out.splice(0);
  }
  writer.end();
  yield* out.splice(0);
}
