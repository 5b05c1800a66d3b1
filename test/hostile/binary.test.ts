import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nestedArrayText, scratchDir, writeInput } from './harness.js';

const BINARY = 'build/bin/blast-radius.mjs';
const built = existsSync(BINARY);
if (!built) console.log(`skipping the built binary's hostile cases: no ${BINARY} (run npm run build)`);

const PROD = 'fixtures/incidents/prod-env-recreate';
/** Generous for a 100 MB input on two shared cores (about 10 s when the machine is busy); a hang is killed. */
const PROCESS_BOUND_MS = 90_000;

interface ProcessResult {
  readonly code: number | null;
  readonly stderr: string;
  readonly ms: number;
}

function runBinary(args: readonly string[]): Promise<ProcessResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      'node',
      [BINARY, ...args],
      { timeout: PROCESS_BOUND_MS, maxBuffer: 256 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stderr, ms: performance.now() - started });
      },
    );
  });
}

/** The process ended by itself with `codes`, in time, and printed no stack and no internal error. */
function expectProcessOutcome(result: ProcessResult, codes: readonly number[], file: string): void {
  expect(result.ms).toBeLessThan(PROCESS_BOUND_MS);
  expect(codes, result.stderr).toContain(result.code);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain('internal error');
  if (result.code === 2)
    expect(result.stderr).toMatch(
      new RegExp(`^blast-radius: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
}

/** The fixture plan with the JSON text `"MARK"` replaced by a string of `megabytes` MB, written in pieces. */
function writePlanWithHugeString(
  file: string,
  mutate: (plan: Record<string, unknown>) => void,
  megabytes: number,
): void {
  const plan = JSON.parse(readFileSync(`${PROD}/plan.json`, 'utf8'));
  mutate(plan);
  const [head, tail] = JSON.stringify(plan).split('"MARK"');
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${head}"`);
    const piece = 'prod-'.repeat(200_000);
    for (let i = 0; i < megabytes; i += 1) writeSync(fd, piece);
    writeSync(fd, `"${tail}`);
  } finally {
    closeSync(fd);
  }
}

function change(plan: Record<string, unknown>, address: string): Record<string, Record<string, unknown>> {
  const found = (
    plan.resource_changes as { address: string; change: Record<string, Record<string, unknown>> }[]
  ).find((c) => c.address === address);
  if (!found) throw new Error(`no ${address} in the fixture`);
  return found.change;
}

describe.skipIf(!built)(
  'hostile input through the built binary: exit codes, no stack traces, bounded time',
  () => {
    const dir = scratchDir();
    let outputs = 0;
    const output = () => {
      outputs += 1;
      return join(dir, `report-${outputs}.json`);
    };
    const check = (plan: string, config = `${PROD}/blast-radius.yaml`, out = output()) =>
      runBinary([
        'check',
        '--plan',
        plan,
        '--config',
        config,
        '--format',
        'json',
        '--fail-on',
        'none',
        '--output',
        out,
      ]);

    it(
      'a 100 MB string in a resource attribute and another in a production tag',
      async () => {
        const plan = join(dir, 'huge-string.json');
        writePlanWithHugeString(
          plan,
          (p) => Object.assign(change(p, 'aws_iam_role.coding_agent').after ?? {}, { description: 'MARK' }),
          100,
        );
        expectProcessOutcome(await check(plan), [0], plan);
        writePlanWithHugeString(
          plan,
          (p) => Object.assign(change(p, 'aws_db_instance.prod').before ?? {}, { tags: { env: 'MARK' } }),
          100,
        );
        expectProcessOutcome(await check(plan), [0], plan);
      },
      4 * PROCESS_BOUND_MS,
    );

    it(
      'a plan cut off inside 100,000 nested arrays',
      async () => {
        const plan = writeInput(
          dir,
          'deep.json',
          `{"format_version":"1.2","resource_changes":${'['.repeat(100_000)}`,
        );
        const out = output();
        expectProcessOutcome(await check(plan, `${PROD}/blast-radius.yaml`, out), [2], plan);
        expect(existsSync(out)).toBe(false);
      },
      PROCESS_BOUND_MS,
    );

    it(
      'an account snapshot nesting 100,000 levels',
      async () => {
        const account = writeInput(dir, 'deep-auth.json', `{"UserDetailList":${nestedArrayText(100_000)}}`);
        const out = join(dir, 'reports');
        expectProcessOutcome(
          await runBinary([
            'audit',
            '--account',
            account,
            '--config',
            'fixtures/accounts/blast-radius.yaml',
            '--out',
            out,
          ]),
          [2],
          account,
        );
        expect(existsSync(out)).toBe(false);
      },
      PROCESS_BOUND_MS,
    );

    it(
      'a YAML alias bomb and a YAML of 100,000 nested flow levels',
      async () => {
        const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
        for (let i = 1; i < 10; i += 1)
          laughs.push(
            `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
              .fill(`*${String.fromCharCode(96 + i)}`)
              .join(', ')}]`,
          );
        const bomb = writeInput(dir, 'laughs.yaml', `version: 1\n${laughs.join('\n')}\n`);
        expectProcessOutcome(await check(`${PROD}/plan.json`, bomb), [2], bomb);
        const deep = writeInput(dir, 'deep.yaml', `version: 1\nagents: ${nestedArrayText(100_000)}\n`);
        expectProcessOutcome(await check(`${PROD}/plan.json`, deep), [2], deep);
      },
      2 * PROCESS_BOUND_MS,
    );

    it(
      '__proto__, constructor and prototype keys throughout a plan',
      async () => {
        const text = readFileSync(`${PROD}/plan.json`, 'utf8').replaceAll(
          '"after":{',
          '"after":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":{"x":1},',
        );
        const plan = writeInput(dir, 'proto.json', text);
        expectProcessOutcome(await check(plan), [0], plan);
      },
      PROCESS_BOUND_MS,
    );
  },
);
