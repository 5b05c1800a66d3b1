import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../src/ingest/policy-document/parse-policy-document.js';
import {
  expectCleanOutcome,
  expectPrototypesClean,
  INPUT_BOUND_MS,
  NIGHTLY,
  nestedArrayText,
  nestedObjectText,
  runTimed,
  scratchDir,
  warmUp,
  writeInput,
} from './harness.js';
import { longArn, redosGlob } from './policies.js';

const CLEAN = 'fixtures/incidents/clean';
const PROD = 'fixtures/incidents/prod-env-recreate';
const prodPlan = (): Record<string, unknown> => JSON.parse(readFileSync(`${PROD}/plan.json`, 'utf8'));

/** The plan text with the string "MARK" replaced by raw JSON text. */
function planWith(mutate: (plan: Record<string, unknown>) => void, raw: string): string {
  const plan = prodPlan();
  mutate(plan);
  return JSON.stringify(plan).replace('"MARK"', raw);
}

function roleChange(plan: Record<string, unknown>): Record<string, unknown> {
  const changes = plan.resource_changes as { address: string; change: Record<string, unknown> }[];
  const role = changes.find((c) => c.address === 'aws_iam_role.coding_agent');
  if (!role) throw new Error('the fixture has no aws_iam_role.coding_agent');
  return role.change;
}

const check = (plan: string, config = `${PROD}/blast-radius.yaml`, ...more: string[]) =>
  runTimed(['check', '--plan', plan, '--config', config, '--format', 'json', '--fail-on', 'none', ...more]);

describe('hostile input: regressions of bugs the fuzzing found', () => {
  const dir = scratchDir();
  beforeAll(warmUp);

  it('a plan cut off inside 100,000 nested arrays names the line, not "internal error"', async () => {
    const plan = writeInput(
      dir,
      'truncated-deep.json',
      `{"format_version":"1.2","resource_changes":${'['.repeat(100_000)}`,
    );
    const result = await check(plan);
    expect(expectCleanOutcome(result, plan)).toBe(2);
    expect(result.stderr).toMatch(/truncated-deep\.json:1:\d+ — not valid JSON/);
  });

  it.each([
    [
      'an attribute',
      (p: Record<string, unknown>) => Object.assign(roleChange(p).after as object, { tags: 'MARK' }),
      'json',
    ],
    [
      'after_unknown',
      (p: Record<string, unknown>) => Object.assign(roleChange(p), { after_unknown: 'MARK' }),
      'sarif',
    ],
    [
      'after_sensitive',
      (p: Record<string, unknown>) => Object.assign(roleChange(p), { after_sensitive: 'MARK' }),
      'sarif',
    ],
    [
      'a variable',
      (p: Record<string, unknown>) => Object.assign(p, { variables: { x: { value: 'MARK' } } }),
      'sarif',
    ],
  ])(
    'a plan nesting 100,000 levels in %s is refused at the line it goes too deep (%s)',
    async (_, mutate, format) => {
      for (const raw of [nestedArrayText(100_000), nestedObjectText(100_000)]) {
        const plan = writeInput(dir, 'deep.json', planWith(mutate, raw));
        const result = await runTimed([
          'check',
          '--plan',
          plan,
          '--config',
          `${PROD}/blast-radius.yaml`,
          '--hcl',
          PROD,
          '--format',
          format,
        ]);
        expect(expectCleanOutcome(result, plan)).toBe(2);
        expect(result.stderr).toMatch(/deep\.json:1:\d+ — arrays and objects nest more than 512 levels deep/);
      }
    },
  );

  it.each([
    [
      'child_modules',
      (p: Record<string, unknown>) =>
        Object.assign(p.planned_values as object, { root_module: { child_modules: 'MARK' } }),
      '[{"address":"module.a","child_modules":',
      '[]',
      '}]',
    ],
    [
      'module_calls',
      (p: Record<string, unknown>) =>
        Object.assign(p.configuration as object, { root_module: { module_calls: 'MARK' } }),
      '{"a":{"module":{"module_calls":',
      '{}',
      '}}}',
    ],
  ])('a plan of 5,000 nested %s is refused, not a stack overflow', async (_, mutate, open, inner, close) => {
    const plan = writeInput(
      dir,
      'modules.json',
      planWith(mutate, `${open.repeat(5_000)}${inner}${close.repeat(5_000)}`),
    );
    const result = await check(plan);
    expect(expectCleanOutcome(result, plan)).toBe(2);
    expect(result.stderr).toContain('nest more than 512 levels deep');
  });

  it('a plan nesting modules 200 deep (400 JSON levels) is still read', async () => {
    const plan = writeInput(
      dir,
      'modules-200.json',
      planWith(
        (p) => Object.assign(p.planned_values as object, { root_module: { child_modules: 'MARK' } }),
        `${'[{"address":"module.a","child_modules":'.repeat(200)}[]${'}]'.repeat(200)}`,
      ),
    );
    expect(expectCleanOutcome(await check(plan), plan)).not.toBe(2);
  });

  it('an account snapshot nesting 100,000 levels names the file and line (the line finder overflowed)', async () => {
    const snapshot = JSON.parse(readFileSync('fixtures/accounts/sandbox/auth-details.json', 'utf8'));
    const text = JSON.stringify({ ...snapshot, UserDetailList: 'MARK' }).replace(
      '"MARK"',
      nestedArrayText(100_000),
    );
    const account = writeInput(dir, 'deep-auth-details.json', text);
    const out = join(dir, 'deep-reports');
    const result = await runTimed([
      'audit',
      '--account',
      account,
      '--config',
      'fixtures/accounts/blast-radius.yaml',
      '--out',
      out,
    ]);
    expect(expectCleanOutcome(result, account)).toBe(2);
    expect(result.stderr).toContain('nests arrays and objects more than 512 levels deep');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [
      'a condition operator',
      '"Condition":{"__proto__":{"aws:MultiFactorAuthPresent":"false"}}',
      'Statement[0].Condition.__proto__',
    ],
    [
      'a condition key',
      '"Condition":{"Bool":{"__proto__":"false"}}',
      'Statement[0].Condition.Bool.__proto__',
    ],
    [
      'a principal type',
      '"Principal":{"__proto__":"arn:aws:iam::111111111111:root"}',
      'Statement[0].Principal.__proto__',
    ],
  ])(
    'a policy with __proto__ as %s is refused with its path (zod dropped it: a conditional Deny became unconditional)',
    (_, element, path) => {
      const parsed = parsePolicyDocument(
        `{"Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*",${element}}]}`,
      );
      expect(parsed).toEqual({ ok: false, problem: `${path} — "__proto__" is not a key IAM knows` });
      expectPrototypesClean();
    },
  );

  it.each([
    [
      'a tag key of an environment',
      'environments:\n  production:\n    tags:\n      __proto__: [prod]\n',
      5,
      'environments.production.tags.__proto__',
    ],
    ['a severity', 'rules:\n  severity:\n    __proto__: low\n', 4, 'rules.severity.__proto__'],
  ])(
    'blast-radius.yaml with __proto__ as %s is refused at its line (zod dropped it)',
    async (_, yaml, line, path) => {
      const config = writeInput(dir, 'proto.yaml', `version: 1\n${yaml}`);
      const result = await check(`${CLEAN}/plan.json`, config);
      expect(expectCleanOutcome(result, config)).toBe(2);
      expect(result.stderr).toContain(`${config}:${line} — ${path}: the key "__proto__" is not allowed`);
    },
  );

  it('blast-radius.yaml nesting 100,000 flow levels says so, not "Maximum call stack size exceeded"', async () => {
    const config = writeInput(dir, 'deep.yaml', `version: 1\nagents: ${nestedArrayText(100_000)}\n`);
    const result = await check(`${CLEAN}/plan.json`, config);
    expect(expectCleanOutcome(result, config)).toBe(2);
    expect(result.stderr).toContain('the file nests too deeply to read');
  });
});

describe('hostile input: named cases', () => {
  const dir = scratchDir();
  beforeAll(warmUp);

  it('a YAML alias bomb (billion laughs) is refused quickly', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i += 1) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const config = writeInput(dir, 'laughs.yaml', `version: 1\n${levels.join('\n')}\n`);
    const result = await check(`${CLEAN}/plan.json`, config);
    expect(expectCleanOutcome(result, config)).toBe(2);
  });

  // the nightly sizes take tens of seconds (each Deny of a principal is compared with each of
  // its Allows), so they get their own bound; the default sizes stay within the per-input one
  const agents = NIGHTLY ? 20_000 : 2_000;
  const statementBuckets = NIGHTLY ? 10_000 : 8;
  const largeBound = NIGHTLY ? 180_000 : INPUT_BOUND_MS;

  it(
    `a blast-radius.yaml of ${agents} agents with long names is read or refused within the bound`,
    async () => {
      const agent = (i: number) =>
        `  - name: agent-${i}\n    identities: [arn:aws:iam::111111111111:role/agent-${i}]\n    may:\n      - actions: ["s3:${'Get'.repeat(40)}*"]\n        resources: ["arn:aws:s3:::${'b'.repeat(600)}-${i}/*"]\n`;
      const config = writeInput(
        dir,
        'huge.yaml',
        `version: 1\nagents:\n${Array.from({ length: agents }, (_, i) => agent(i)).join('')}`,
      );
      expectCleanOutcome(await check(`${CLEAN}/plan.json`, config), config, undefined, largeBound);
    },
    30_000 + largeBound,
  );

  it(
    `an inline policy of 10,000 statements over ${statementBuckets} buckets is analysed within the bound`,
    async () => {
      const statements = Array.from({ length: 10_000 }, (_, i) => ({
        Effect: i % 7 === 0 ? 'Deny' : 'Allow',
        Action: [`s3:Get${'*'.repeat(1 + (i % 3))}`, `ec2:${'a*'.repeat(i % 5)}Describe*`],
        Resource: `arn:aws:s3:::bucket-${i % statementBuckets}/*`,
      }));
      const plan = writeInput(
        dir,
        'statements.json',
        planWith(
          (p) =>
            Object.assign(roleChange(p).after as object, {
              inline_policy: [
                { name: 'huge', policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) },
              ],
            }),
          'null',
        ),
      );
      expect(expectCleanOutcome(await check(plan), plan, undefined, largeBound)).not.toBe(2);
    },
    30_000 + largeBound,
  );

  it('a*a*a*…b wildcards in a policy and in blast-radius.yaml against 100,000-character ARNs stay linear', async () => {
    const glob = redosGlob('arn:aws:s3:::', 2_000);
    const arn = longArn('arn:aws:s3:::', 100_000);
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: [redosGlob('s3:', 500), 's3:GetObject'], Resource: [glob, arn] },
        {
          Effect: 'Deny',
          Action: 's3:*',
          NotResource: [glob, `${arn}/*`],
          Condition: { StringLike: { 'aws:PrincipalArn': [redosGlob('arn:aws:iam::', 2_000)] } },
        },
      ],
    };
    const plan = writeInput(
      dir,
      'redos.json',
      planWith(
        (p) =>
          Object.assign(roleChange(p).after as object, {
            inline_policy: [{ name: 'redos', policy: JSON.stringify(policy) }],
          }),
        'null',
      ),
    );
    const yaml = readFileSync(`${PROD}/blast-radius.yaml`, 'utf8').replace(
      /^data:\n/m,
      `data:\n  hostile:\n    arns: ["${glob}"]\n    names: ["${'a*'.repeat(2_000)}b"]\n`,
    );
    const config = writeInput(
      dir,
      'redos.yaml',
      yaml.includes('hostile:') ? yaml : `${yaml}\ndata:\n  hostile:\n    arns: ["${glob}"]\n`,
    );
    expect(expectCleanOutcome(await check(plan, config), plan)).not.toBe(2);
  });

  it('--output on a bad plan creates no file and leaves an existing one as it was', async () => {
    const plan = writeInput(dir, 'bad.json', '{"format_version":"1.2","resource_changes":[{');
    const fresh = join(dir, 'fresh.json');
    const result = await check(plan, `${PROD}/blast-radius.yaml`, '--output', fresh);
    expect(expectCleanOutcome(result, plan)).toBe(2);
    expect(existsSync(fresh)).toBe(false);

    const existing = join(dir, 'existing.json');
    writeFileSync(existing, 'the previous report');
    await check(plan, `${PROD}/blast-radius.yaml`, '--output', existing);
    expect(readFileSync(existing, 'utf8')).toBe('the previous report');
  });

  it('--output on a bad blast-radius.yaml creates no file', async () => {
    const config = writeInput(dir, 'bad.yaml', 'version: 1\nagents: [{name: x, identities: 5}]\n');
    const out = join(dir, 'from-bad-config.json');
    const result = await check(`${CLEAN}/plan.json`, config, '--output', out);
    expect(expectCleanOutcome(result, config)).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
