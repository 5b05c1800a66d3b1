import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { setOwn } from '../../src/ingest/prototype-keys.js';
import { type CliResult, runCli } from '../helpers/cli.js';

const DEFAULT_FUZZ_RUNS = 10;

/** Inputs per property in `npm test`; BLAST_RADIUS_FUZZ_RUNS raises it for the nightly run. */
export const FUZZ_RUNS = Number(process.env.BLAST_RADIUS_FUZZ_RUNS ?? DEFAULT_FUZZ_RUNS);

/**
 * The most one input may take in-process. A run of a fixture takes well under a second (10 s was
 * seen once on two cores shared by five busy engineers); a backtracking matcher or a quadratic walk
 * over a hostile input takes minutes, so the bound is generous and still breaks on a hang.
 */
export const INPUT_BOUND_MS = Number(process.env.BLAST_RADIUS_FUZZ_BOUND_MS ?? 15_000);

/** A vitest timeout for a property of `runs` inputs: each within the bound, plus the warm-up. */
export function timeoutFor(runs: number): number {
  return 30_000 + runs * INPUT_BOUND_MS;
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'blast-radius-hostile-'));
}

export function writeInput(dir: string, name: string, text: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export interface TimedResult extends CliResult {
  readonly ms: number;
}

/** Runs the CLI in-process and measures it. */
export async function runTimed(argv: readonly string[]): Promise<TimedResult> {
  const started = performance.now();
  const result = await runCli(argv);
  return { ...result, ms: performance.now() - started };
}

/** With FUZZ_LOG set, one line per run: exit code, time, what was mutated and the start of stderr. */
export function logRun(result: TimedResult, what: string): void {
  if (process.env.FUZZ_LOG)
    console.log(result.code, Math.round(result.ms), what.slice(0, 150), result.stderr.slice(0, 300));
}

/** The incidents whose plan and blast-radius.yaml the fuzzers start from. */
export const INCIDENTS = [
  'clean',
  'mailbox-deletion',
  'prod-env-recreate',
  'sensitive-read-widening',
] as const;

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const CLEAN_PROTOTYPES = PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).sort());

/** No input may add a property to a built-in prototype (`__proto__` keys, `constructor.prototype`). */
export function expectPrototypesClean(): void {
  PROTOTYPES.forEach((p, i) => {
    expect(Object.getOwnPropertyNames(p).sort()).toEqual(CLEAN_PROTOTYPES[i]);
  });
  expect({} as Record<string, unknown>).not.toHaveProperty('polluted');
}

/**
 * The outcome the house rules allow for any input: exit 2 with one message naming `file` (its
 * further problems and one hint may follow on their own lines) and no stack, or exit 0/1 with a
 * JSON report (stdout, or what `reportText` reads). Returns the exit code.
 */
export function expectCleanOutcome(
  result: TimedResult,
  file: string,
  reportText: () => string = () => result.stdout,
  boundMs = INPUT_BOUND_MS,
): number {
  expect(result.ms, 'one input took too long').toBeLessThan(boundMs);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain('internal error');
  if (result.code === 2) {
    const [first, ...more] = result.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^blast-radius: /);
    expect(first, 'the message names the input file').toContain(file);
    // further problems of the same file (up to ten), "and N more", then at most one hint
    for (const line of more)
      expect(line.startsWith(file) || /^(hint: |and \d+ more)/.test(line), line).toBe(true);
    expect(more.filter((line) => line.startsWith('hint: ')).length).toBeLessThanOrEqual(1);
    expect(result.stdout).toBe('');
  } else {
    expect([0, 1], result.stderr).toContain(result.code);
    const report = JSON.parse(reportText());
    expect(report.schemaVersion).toBe(1);
    expect(Array.isArray(report.findings)).toBe(true);
  }
  expectPrototypesClean();
  return result.code;
}

/** Every path to a value of a parsed JSON document, in document order. */
export function jsonPaths(value: unknown, max = 50_000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (out.length >= max) return;
    out.push(path);
    if (Array.isArray(node)) for (const [i, child] of node.entries()) walk(child, [...path, i]);
    else if (node !== null && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(value, []);
  return out;
}

/** The value at `path` in `root`. */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

/** The paths (of `paths`) at which `root` holds a plain object. */
export function objectPaths(root: unknown, paths: readonly (string | number)[][]): (string | number)[][] {
  return paths.filter((path) => {
    const node = valueAt(root, path);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
}

/**
 * A copy of `root` whose object at `path` also holds `key` as an own entry, as JSON.parse would make
 * it (`constructor` holding a `prototype`, to reach for the prototype chain).
 */
export function withOwnKey(
  root: unknown,
  path: readonly (string | number)[],
  key: string,
  value: unknown,
): unknown {
  const target: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(valueAt(root, path) as object)) setOwn(target, k, v);
  setOwn(target, key, key === 'constructor' ? { prototype: value } : value);
  return replaceAt(root, path, target);
}

/** The item a random number picks, wrapping around. */
export const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

/** A copy of `root` with the value at `path` replaced (own properties only: never a prototype). */
export function replaceAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[Number(head)] = replaceAt(root[Number(head)], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(root as Record<string, unknown>)) setOwn(copy, key, child);
  setOwn(copy, String(head), replaceAt(copy[String(head)], rest, value));
  return copy;
}

/** Hostile text: right-to-left marks, NUL, lone surrogates, emoji, combining marks, a BOM. */
export const HOSTILE_TEXT = [
  '\u202Eevil\u202C',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '🦀🔥👩‍👩‍👧',
  'e\u0301\u0301\u0301',
  '\uFEFF',
  '',
  ' ',
  '*',
  '?',
  '%7B',
  '${var.x}',
  'arn:aws:iam::111111111111:role/\u202Eprod',
  '\n    at Object.<anonymous> (fake.js:1:1)',
] as const;

/** Values of every JSON type, the wrong one for most places they land. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, '', 'x', [], {}, [null], [[]], { '': {} }),
  fc.constantFrom(...HOSTILE_TEXT),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
  fc.string({ maxLength: 20, unit: 'binary' }),
  fc.array(fc.constantFrom(null, 1, 'a', '*', {}), { maxLength: 4 }),
);

/** Keys that pollute a prototype when a reader assigns them onto a plain object. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** `[[[…]]]` nested `depth` levels, built as text (JSON.stringify recurses and would overflow). */
export function nestedArrayText(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** `{"a":{"a":…}}` nested `depth` levels, as text. */
export function nestedObjectText(depth: number): string {
  return `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`;
}

/** A placeholder string replaced after JSON.stringify by a value written as raw JSON text. */
export function rawJsonMarker(id: number): string {
  return `\u0001raw-json-${id}\u0001`;
}

/** JSON text of `value`, with each marker string replaced by its raw JSON text. */
export function stringifyWithRaw(value: unknown, raw: readonly string[]): string {
  let text = JSON.stringify(value);
  raw.forEach((json, id) => {
    text = text.split(JSON.stringify(rawJsonMarker(id))).join(json);
  });
  return text;
}

/**
 * A run on each incident first, so that loading the catalog and the first use of each cache (about
 * a second and a half each) are not counted against the first hostile inputs.
 */
export async function warmUp(): Promise<void> {
  for (const name of ['clean', 'mailbox-deletion', 'prod-env-recreate', 'sensitive-read-widening']) {
    const dir = `fixtures/incidents/${name}`;
    await runCli([
      'check',
      '--plan',
      `${dir}/plan.json`,
      '--config',
      `${dir}/blast-radius.yaml`,
      '--format',
      'json',
    ]);
  }
}

/** The inputs of the default `npm test` run; a larger BLAST_RADIUS_FUZZ_RUNS is the nightly run. */
export const NIGHTLY = FUZZ_RUNS > DEFAULT_FUZZ_RUNS;

/** A mutated input: what was done to which fixture, and the text. */
export interface Mutant {
  readonly what: string;
  readonly text: string;
}

/** The same input, shown in a failure as what was done and its size, not megabytes of text. */
export function describedBriefly<T extends Mutant>(input: T): T {
  return Object.defineProperty({ ...input }, fc.toStringMethod, {
    value: () => `${input.what} (${input.text.length} characters)`,
  });
}
