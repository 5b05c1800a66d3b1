import type { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { MAX_ISSUES } from '../zod-issues.js';

/** One problem found in blast-radius.yaml, before it is located in the text. */
export interface ConfigIssue {
  /** Path in the parsed value, with the YAML's kebab-case keys. */
  readonly path: readonly PropertyKey[];
  /** What was expected and what was received, in zod's grammar. */
  readonly message: string;
}

/** A problem with its place in the file. */
export interface LocatedIssue {
  readonly line: number;
  /** Dot path such as `agents[0].may[1].actions`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
}

/** `a, b or c`. */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The name of a value's type as zod writes it: `string`, `number`, `array`, `object`, `null` … */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  return typeof value;
}

const MAX_SHOWN_CHARS = 60;

/** A value as it appears in a message: strings quoted (and shortened), other scalars as written. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const short = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS - 1)}…` : value;
    return JSON.stringify(short);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  return describeType(value);
}

/** `expected <label>, received <type>`, or a note that a required key is missing. */
export function invalidTypeMessage(expected: string, received: unknown): string {
  if (received === undefined) return `required key is missing (expected ${expected})`;
  return `expected ${expected}, received ${describeType(received)}`;
}

/** The candidate a user most likely meant, for "did you mean …?" (case, `-` and `_` ignored; edit distance ≤ 2). */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const squash = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '');
  const target = squash(word);
  if (target === '') return undefined;
  const same = candidates.find((c) => squash(c) === target);
  if (same !== undefined) return same;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(target, squash(candidate));
    const limit = Math.min(2, Math.floor(target.length / 3));
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * `expected a capability (a, b or c), received "x"`, or `expected one of a, b or c, …` when
 * `what` is not given, with a suggestion when one value is close to what was written.
 */
export function expectedOneOfMessage(
  what: string | undefined,
  values: readonly string[],
  received: unknown,
): string {
  const expected = what === undefined ? `one of ${joinOr(values)}` : `${what} (${joinOr(values)})`;
  if (typeof received !== 'string') {
    return received === undefined || received === null || typeof received === 'object'
      ? invalidTypeMessage(expected, received)
      : `expected ${expected}, received ${describeValue(received)}`;
  }
  const suggestion = closestMatch(received, values);
  const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
  return `expected ${expected}, received ${describeValue(received)}${hint}`;
}

/**
 * Builds the error map passed to `safeParse`: zod's issues in our grammar (`expected X,
 * received Y`). It remembers the keys each strict object accepts, keyed by the object that
 * had unknown keys, so {@link toConfigIssues} can name them one by one.
 */
export function createConfigErrorMap(): {
  readonly errorMap: (issue: z.core.$ZodRawIssue) => string | undefined;
  readonly knownKeys: WeakMap<object, readonly string[]>;
} {
  const knownKeys = new WeakMap<object, readonly string[]>();
  const errorMap = (issue: z.core.$ZodRawIssue): string | undefined => {
    switch (issue.code) {
      case 'invalid_type': {
        const message = invalidTypeMessage(typeLabel(issue.expected), issue.input);
        const scalar = typeof issue.input === 'number' || typeof issue.input === 'boolean';
        return issue.expected === 'string' && scalar ? `${message} (put the value in quotes)` : message;
      }
      case 'invalid_value': {
        if (issue.values.length === 1) {
          const expected = describeValue(issue.values[0]);
          return issue.input === undefined
            ? invalidTypeMessage(expected, undefined)
            : `expected ${expected}, received ${describeValue(issue.input)}`;
        }
        return expectedOneOfMessage(undefined, issue.values.map(String), issue.input);
      }
      case 'too_small': {
        if (issue.origin === 'array') {
          return `expected at least ${issue.minimum} item(s), received ${describeCount(issue.input)}`;
        }
        return issue.origin === 'string'
          ? `expected a non-empty string, received ${describeValue(issue.input)}`
          : undefined;
      }
      case 'unrecognized_keys': {
        const input = issue.input;
        const keys = shapeKeys(issue.inst);
        if (typeof input === 'object' && input !== null && keys) knownKeys.set(input, keys);
        return keys ? `unknown key (expected ${joinOr(keys)})` : 'unknown key';
      }
      case 'invalid_key':
        return `invalid key ${describeValue(issue.input)}: ${issue.issues[0]?.message ?? 'not accepted here'}`;
      default:
        return undefined;
    }
  };
  return { errorMap, knownKeys };
}

function typeLabel(expected: string): string {
  return expected === 'record' ? 'object' : expected;
}

function describeCount(input: unknown): string {
  return Array.isArray(input) && input.length === 0 ? 'an empty array' : describeType(input);
}

/** The keys a strict object accepts (its shape), or a record accepts (its enum of keys). */
function shapeKeys(inst: unknown): readonly string[] | undefined {
  if (typeof inst !== 'object' || inst === null) return undefined;
  if ('shape' in inst && typeof inst.shape === 'object' && inst.shape !== null)
    return Object.keys(inst.shape);
  if (
    'keyType' in inst &&
    typeof inst.keyType === 'object' &&
    inst.keyType !== null &&
    'options' in inst.keyType
  ) {
    const options: unknown = inst.keyType.options;
    if (Array.isArray(options)) return options.filter((o): o is string => typeof o === 'string');
  }
  return undefined;
}

/** zod's final issues as config issues: one per unknown key, each with a suggestion when one is close. */
export function toConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  knownKeys: WeakMap<object, readonly string[]>,
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') {
      out.push({ path: issue.path, message: issue.message });
      continue;
    }
    const input = issue.input;
    const known = typeof input === 'object' && input !== null ? knownKeys.get(input) : undefined;
    for (const key of issue.keys) {
      const suggestion = known ? closestMatch(key, known) : undefined;
      const message = suggestion === undefined ? issue.message : `unknown key (did you mean ${suggestion}?)`;
      out.push({ path: [...issue.path, key], message });
    }
  }
  return out;
}

/** `file:line — path: message`, the shape every config problem is shown in. */
export function formatLocatedIssue(file: string, issue: LocatedIssue): string {
  return `${file}:${issue.line} — ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/**
 * One `config.invalid` error for all problems: sorted by line, at most ten, then "and N more".
 * The first problem is the error's location; the others follow, one per line, in the same
 * `file:line — path: message` shape, so a terminal or editor can jump to each.
 */
export function invalidConfigError(file: string, issues: readonly LocatedIssue[]): ConfigError {
  const unique = dedupe(issues);
  const sorted = unique
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => a.issue.line - b.issue.line || a.order - b.order)
    .map((entry) => entry.issue);
  const [first, ...rest] = sorted;
  if (first === undefined)
    return new ConfigError('config.invalid', 'the configuration is invalid', { location: { file } });
  const shown = rest.slice(0, MAX_ISSUES - 1).map((issue) => formatLocatedIssue(file, issue));
  const hidden = sorted.length - 1 - shown.length;
  const lines = [`${first.path ? `${first.path}: ` : ''}${first.message}`, ...shown];
  if (hidden > 0) lines.push(`and ${hidden} more`);
  return new ConfigError('config.invalid', lines.join('\n'), {
    location: { file, line: first.line, ...(first.path ? { path: first.path } : {}) },
  });
}

function dedupe(issues: readonly LocatedIssue[]): LocatedIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
