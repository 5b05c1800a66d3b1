import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe } from 'vitest';
import {
  type Mutant as BaseMutant,
  describedBriefly,
  expectCleanOutcome,
  FUZZ_RUNS,
  HOSTILE_TEXT,
  INCIDENTS,
  jsonPaths,
  logRun,
  nestedArrayText,
  nestedObjectText,
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

interface Base {
  readonly name: string;
  readonly text: string;
  readonly plan: unknown;
  readonly paths: readonly (string | number)[][];
  readonly config: string;
}

const BASES: readonly Base[] = INCIDENTS.map((name) => {
  const text = readFileSync(`fixtures/incidents/${name}/plan.json`, 'utf8');
  const plan: unknown = JSON.parse(text);
  return { name, text, plan, paths: jsonPaths(plan), config: `fixtures/incidents/${name}/blast-radius.yaml` };
});

const isPolicyPath = (path: readonly (string | number)[]) =>
  /^(policy|assume_role_policy|json)$/.test(String(path.at(-1)));

/** One mutated plan: a name saying what was done, and the text. */
interface Mutant extends BaseMutant {
  readonly config: string;
}

const base = fc.constantFrom(...BASES);

const truncated = fc.tuple(base, fc.nat()).map(([b, n]): Mutant => {
  const at = n % b.text.length;
  return { config: b.config, what: `${b.name} truncated at ${at}`, text: b.text.slice(0, at) };
});

const wrongType = fc.tuple(base, fc.nat(), wrongValue).map(([b, n, value]): Mutant => {
  const path = pick(b.paths, n);
  return {
    config: b.config,
    what: `${b.name} ${path.join('.')} = ${JSON.stringify(value)}`,
    text: JSON.stringify(replaceAt(b.plan, path, value)),
  };
});

const protoKey = fc
  .tuple(base, fc.nat(), fc.constantFrom(...PROTO_KEYS), fc.oneof(fc.constant({ polluted: 1 }), wrongValue))
  .map(([b, n, key, value]): Mutant => {
    const path = pick(objectPaths(b.plan, b.paths), n);
    return {
      config: b.config,
      what: `${b.name} ${path.join('.')}.${key}`,
      text: JSON.stringify(withOwnKey(b.plan, path, key, value)),
    };
  });

const deepNesting = fc
  .tuple(base, fc.nat(), fc.constantFrom(1_000, 10_000, 100_000), fc.boolean())
  .map(([b, n, depth, arrays]): Mutant => {
    const path = pick(b.paths, n);
    const raw = arrays ? nestedArrayText(depth) : nestedObjectText(depth);
    return {
      config: b.config,
      what: `${b.name} ${path.join('.')} nested ${depth} deep`,
      text: stringifyWithRaw(replaceAt(b.plan, path, rawJsonMarker(0)), [raw]),
    };
  });

const unicode = fc
  .tuple(base, fc.nat(), fc.constantFrom(...HOSTILE_TEXT), fc.constantFrom('replace', 'prefix', 'suffix'))
  .map(([b, n, text, how]): Mutant => {
    const strings = b.paths.filter((p) => typeof valueAt(b.plan, p) === 'string');
    const path = pick(strings, n);
    const old = String(valueAt(b.plan, path));
    const value = how === 'replace' ? text : how === 'prefix' ? text + old : old + text;
    return {
      config: b.config,
      what: `${b.name} ${path.join('.')} ${how} ${JSON.stringify(text)}`,
      text: JSON.stringify(replaceAt(b.plan, path, value)),
    };
  });

const policyDocument = fc
  .tuple(base, fc.nat(), hostilePolicy, fc.boolean())
  .map(([b, n, policy, asText]): Mutant => {
    const paths = b.paths.filter(isPolicyPath);
    const path = pick(paths.length > 0 ? paths : b.paths, n);
    return {
      config: b.config,
      what: `${b.name} ${path.join('.')} = ${policy.what}`,
      text: JSON.stringify(
        replaceAt(b.plan, path, asText ? JSON.stringify(policy.document) : policy.document),
      ),
    };
  });

const planMutant: fc.Arbitrary<Mutant> = fc
  .oneof(truncated, wrongType, protoKey, deepNesting, unicode, policyDocument)
  .map(describedBriefly);

describe('hostile plans', () => {
  const dir = scratchDir();
  beforeAll(warmUp);

  test.prop([planMutant], { numRuns: FUZZ_RUNS })(
    'a mutated plan exits 2 with one message, or reports',
    async (mutant) => {
      const plan = writeInput(dir, 'plan.json', mutant.text);
      const result = await runTimed([
        'check',
        '--plan',
        plan,
        '--config',
        mutant.config,
        '--format',
        'json',
        '--fail-on',
        'none',
      ]);
      logRun(result, mutant.what);
      expectCleanOutcome(result, plan);
    },
    timeoutFor(FUZZ_RUNS),
  );
});
