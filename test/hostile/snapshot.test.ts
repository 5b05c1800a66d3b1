import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import {
  type Mutant as BaseMutant,
  describedBriefly,
  expectCleanOutcome,
  FUZZ_RUNS,
  HOSTILE_TEXT,
  jsonPaths,
  logRun,
  nestedArrayText,
  objectPaths,
  PROTO_KEYS,
  pick,
  rawJsonMarker,
  replaceAt,
  runTimed,
  scratchDir,
  stringifyWithRaw,
  timeoutFor,
  valueAt,
  warmUp,
  withOwnKey,
  writeInput,
  wrongValue,
} from './harness.js';
import { hostilePolicy } from './policies.js';

const SNAPSHOTS = ['agent-estate', 'sandbox'] as const;

interface Base {
  readonly name: string;
  readonly text: string;
  readonly value: unknown;
  readonly paths: readonly (string | number)[][];
}

const BASES: readonly Base[] = SNAPSHOTS.map((name) => {
  const text = readFileSync(`fixtures/accounts/${name}/auth-details.json`, 'utf8');
  const value: unknown = JSON.parse(text);
  return { name, text, value, paths: jsonPaths(value) };
});

type Mutant = BaseMutant;

const base = fc.constantFrom(...BASES);

const truncated = fc.tuple(base, fc.nat()).map(([b, n]): Mutant => {
  const at = n % b.text.length;
  return { what: `${b.name} truncated at ${at}`, text: b.text.slice(0, at) };
});

const wrongType = fc.tuple(base, fc.nat(), wrongValue).map(([b, n, value]): Mutant => {
  const path = pick(b.paths, n);
  return {
    what: `${b.name} ${path.join('.')} = ${JSON.stringify(value)}`,
    text: JSON.stringify(replaceAt(b.value, path, value)),
  };
});

const protoKey = fc
  .tuple(base, fc.nat(), fc.constantFrom(...PROTO_KEYS), fc.oneof(fc.constant({ polluted: 1 }), wrongValue))
  .map(([b, n, key, value]): Mutant => {
    const path = pick(objectPaths(b.value, b.paths), n);
    return {
      what: `${b.name} ${path.join('.')}.${key}`,
      text: JSON.stringify(withOwnKey(b.value, path, key, value)),
    };
  });

const deepNesting = fc.tuple(base, fc.nat(), fc.constantFrom(1_000, 100_000)).map(([b, n, depth]): Mutant => {
  const path = pick(b.paths, n);
  return {
    what: `${b.name} ${path.join('.')} nested ${depth} deep`,
    text: stringifyWithRaw(replaceAt(b.value, path, rawJsonMarker(0)), [nestedArrayText(depth)]),
  };
});

const unicode = fc.tuple(base, fc.nat(), fc.constantFrom(...HOSTILE_TEXT)).map(([b, n, text]): Mutant => {
  const strings = b.paths.filter((p) => typeof valueAt(b.value, p) === 'string');
  const path = pick(strings, n);
  return {
    what: `${b.name} ${path.join('.')} += ${JSON.stringify(text)}`,
    text: JSON.stringify(replaceAt(b.value, path, `${String(valueAt(b.value, path))}${text}`)),
  };
});

const policyDocument = fc
  .tuple(base, fc.nat(), hostilePolicy, fc.constantFrom('object', 'json', 'url'))
  .map(([b, n, policy, encoding]): Mutant => {
    const paths = b.paths.filter((p) => /Document$/.test(String(p.at(-1))));
    const path = pick(paths, n);
    const json = JSON.stringify(policy.document) ?? 'null';
    const value =
      encoding === 'object' ? policy.document : encoding === 'json' ? json : encodeURIComponent(json);
    return {
      what: `${b.name} ${path.join('.')} = ${policy.what} (${encoding})`,
      text: JSON.stringify(replaceAt(b.value, path, value)),
    };
  });

/** The report.json `audit` wrote under `out`/<account>/<date>/. */
function onlyReport(out: string): string {
  const [account] = readdirSync(out);
  const [date] = readdirSync(join(out, account ?? ''));
  return join(out, account ?? '', date ?? '', 'report.json');
}

const snapshotMutant = fc
  .oneof(truncated, wrongType, protoKey, deepNesting, unicode, policyDocument)
  .map(describedBriefly);

describe('hostile account snapshots', () => {
  const dir = scratchDir();
  let runs = 0;
  beforeAll(warmUp);

  test.prop([snapshotMutant], { numRuns: FUZZ_RUNS })(
    'a mutated auth-details file exits 2 with one message and writes nothing, or reports',
    async (mutant) => {
      const account = writeInput(dir, 'auth-details.json', mutant.text);
      runs += 1;
      const out = join(dir, `reports-${runs}`);
      const result = await runTimed([
        'audit',
        '--account',
        account,
        '--config',
        'fixtures/accounts/blast-radius.yaml',
        '--out',
        out,
        '--fail-on',
        'none',
        '--no-color',
      ]);
      logRun(result, mutant.what);
      const code = expectCleanOutcome(result, account, () => readFileSync(onlyReport(out), 'utf8'));
      // nothing half-written: a bad snapshot leaves no reports directory
      if (code === 2) expect(existsSync(out)).toBe(false);
    },
    timeoutFor(FUZZ_RUNS),
  );
});
