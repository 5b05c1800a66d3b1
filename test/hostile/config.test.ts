import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import {
  type Mutant as BaseMutant,
  describedBriefly,
  expectCleanOutcome,
  FUZZ_RUNS,
  HOSTILE_TEXT,
  INCIDENTS,
  jsonPaths,
  logRun,
  objectPaths,
  PROTO_KEYS,
  pick,
  replaceAt,
  runTimed,
  scratchDir,
  timeoutFor,
  valueAt,
  warmUp,
  withOwnKey,
  writeInput,
  wrongValue,
} from './harness.js';

interface Base {
  readonly name: string;
  readonly text: string;
  readonly value: unknown;
  readonly paths: readonly (string | number)[][];
  readonly plan: string;
}

const BASES: readonly Base[] = INCIDENTS.map((name) => {
  const text = readFileSync(`fixtures/incidents/${name}/blast-radius.yaml`, 'utf8');
  const value: unknown = parseDocument(text).toJS();
  return { name, text, value, paths: jsonPaths(value), plan: `fixtures/incidents/${name}/plan.json` };
});

interface Mutant extends BaseMutant {
  readonly plan: string;
}

const base = fc.constantFrom(...BASES);

const truncated = fc.tuple(base, fc.nat()).map(([b, n]): Mutant => {
  const at = n % b.text.length;
  return { plan: b.plan, what: `${b.name} truncated at ${at}`, text: b.text.slice(0, at) };
});

const wrongType = fc.tuple(base, fc.nat(), wrongValue).map(([b, n, value]): Mutant => {
  const path = pick(b.paths, n);
  return {
    plan: b.plan,
    what: `${b.name} ${path.join('.')} = ${JSON.stringify(value)}`,
    text: stringify(replaceAt(b.value, path, value)),
  };
});

const protoKey = fc
  .tuple(
    base,
    fc.nat(),
    fc.constantFrom(...PROTO_KEYS),
    fc.oneof(fc.constant({ polluted: 1 }), fc.constant(['prod']), wrongValue),
  )
  .map(([b, n, key, value]): Mutant => {
    const path = pick(objectPaths(b.value, b.paths), n);
    return {
      plan: b.plan,
      what: `${b.name} ${path.join('.')}.${key}`,
      text: stringify(withOwnKey(b.value, path, key, value)),
    };
  });

/** A line of the file written twice: duplicate keys, or a list item twice. */
const duplicateLine = fc.tuple(base, fc.nat()).map(([b, n]): Mutant => {
  const lines = b.text.split('\n');
  const at = n % lines.length;
  lines.splice(at, 0, lines[at] ?? '');
  return { plan: b.plan, what: `${b.name} line ${at + 1} twice`, text: lines.join('\n') };
});

const YAML_TAGS = [
  '!!binary',
  '!!set',
  '!!omap',
  '!!timestamp',
  '!!float',
  '!!int',
  '!!map',
  '!!seq',
  '!!str',
  '!!js/function',
  '!custom',
  '!<tag:yaml.org,2002:python/object>',
];

/** A YAML tag put before a value: `key: !!set value`. */
const tagged = fc.tuple(base, fc.nat(), fc.constantFrom(...YAML_TAGS)).map(([b, n, tag]): Mutant => {
  const lines = b.text.split('\n');
  const candidates = lines.flatMap((line, i) =>
    /^\s*[\w-]+: \S/.test(line) && !line.trim().startsWith('#') ? [i] : [],
  );
  const at = pick(candidates, n);
  lines[at] = (lines[at] ?? '').replace(/: /, `: ${tag} `);
  return { plan: b.plan, what: `${b.name} line ${at + 1} tagged ${tag}`, text: lines.join('\n') };
});

const unicode = fc.tuple(base, fc.nat(), fc.constantFrom(...HOSTILE_TEXT)).map(([b, n, text]): Mutant => {
  const strings = b.paths.filter((p) => typeof valueAt(b.value, p) === 'string');
  const path = pick(strings, n);
  return {
    plan: b.plan,
    what: `${b.name} ${path.join('.')} += ${JSON.stringify(text)}`,
    text: stringify(replaceAt(b.value, path, `${String(valueAt(b.value, path))}${text}`)),
  };
});

const configMutant = fc
  .oneof(truncated, wrongType, protoKey, duplicateLine, tagged, unicode)
  .map(describedBriefly);

describe('hostile blast-radius.yaml', () => {
  const dir = scratchDir();
  beforeAll(warmUp);

  test.prop([configMutant], { numRuns: FUZZ_RUNS })(
    'a mutated config exits 2 with one message naming the file, or reports',
    async (mutant) => {
      const config = writeInput(dir, 'blast-radius.yaml', mutant.text);
      const result = await runTimed([
        'check',
        '--plan',
        mutant.plan,
        '--config',
        config,
        '--format',
        'json',
        '--fail-on',
        'none',
      ]);
      logRun(result, mutant.what);
      expectCleanOutcome(result, config);
    },
    timeoutFor(FUZZ_RUNS),
  );
});
