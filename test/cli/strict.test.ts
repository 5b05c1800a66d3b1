import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEST_TODAY } from '../helpers/rules.js';

const STRICT = 'fixtures/strict';
const CONFIG = `${STRICT}/uninterpreted-policy/blast-radius.yaml`;
const planOf = (name: string) => `${STRICT}/${name}/plan.json`;

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'blast-radius-strict-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function checkJson(plan: string, ...extra: string[]) {
  const result = await runCli(['check', '--plan', plan, '--config', CONFIG, '--format', 'json', ...extra]);
  return { ...result, report: JSON.parse(result.stdout) };
}

describe('check --strict: inputs not fully interpreted fail the gate', () => {
  it.each([
    { name: 'uninterpreted-policy', codes: ['plan.uninterpreted-policy'], incomplete: 3 },
    { name: 'unresolved-policy', codes: ['plan.unresolved'], incomplete: 2 },
    { name: 'newer-format', codes: ['plan.unknown-format'], incomplete: 1 },
  ])(
    '$name: listed without --strict (exit 0), failing with it (exit 1)',
    async ({ name, codes, incomplete }) => {
      // Given a plan whose findings pass the gate, but that holds inputs the tool cannot fully interpret
      const lenient = await checkJson(planOf(name));
      expect(lenient.code).toBe(0);
      expect(lenient.stderr).toBe('');
      expect(lenient.report.summary).toMatchObject({
        findings: 0,
        failed: false,
        incompleteInputs: incomplete,
      });
      expect(lenient.report.summary.strict).toBeUndefined();
      const listed = lenient.report.diagnostics.filter((d: { kind: string }) => d.kind === 'incomplete');
      for (const code of codes) expect(listed.map((d: { code: string }) => d.code)).toContain(code);

      // When --strict is given, Then the gate fails with the verdict's exit code and one line saying why
      const strict = await checkJson(planOf(name), '--strict');
      expect(strict.code).toBe(1);
      expect(strict.report.summary).toMatchObject({
        failed: true,
        strict: true,
        incompleteInputs: incomplete,
      });
      expect(strict.stderr.trim().split('\n')).toHaveLength(1);
      expect(strict.stderr).toMatch(strictLine(incomplete));
    },
  );

  it.each(['interpreted-only', '../incidents/clean'])(
    '%s: nothing left uninterpreted, so --strict passes',
    async (name) => {
      const result = await checkJson(planOf(name), '--strict');
      expect(result.report.summary).toMatchObject({ failed: false, strict: true, incompleteInputs: 0 });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    },
  );

  it('a notice alone (a limiting policy not applied) does not fail --strict', async () => {
    const { report } = await checkJson(planOf('uninterpreted-policy'), '--strict');
    const notices = report.diagnostics.filter((d: { kind: string }) => d.kind === 'notice');
    expect(notices.map((d: { code: string }) => d.code)).toEqual(['plan.limiting-policy-not-applied']);
    expect(report.summary.incompleteInputs).toBe(report.diagnostics.length - notices.length);
  });

  it('rules.strict in blast-radius.yaml turns it on; --no-strict turns it off again', async () => {
    const config = join(work, 'blast-radius.yaml');
    await writeFile(config, `${await readFile(CONFIG, 'utf8')}  strict: true\n`);
    const args = ['check', '--plan', planOf('newer-format'), '--config', config];
    expect((await runCli(args)).code).toBe(1);
    expect((await runCli([...args, '--no-strict'])).code).toBe(0);
  });

  it('--fail-on none does not turn strict off: the two gates are separate', async () => {
    const result = await runCli([
      'check',
      '--plan',
      planOf('newer-format'),
      '--config',
      CONFIG,
      '--strict',
      '--fail-on',
      'none',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL (strict: 1 input not fully interpreted)');
  });

  it('the markdown comment says why it failed and opens the list', async () => {
    const result = await runCli([
      'check',
      '--plan',
      planOf('uninterpreted-policy'),
      '--config',
      CONFIG,
      '--strict',
      '--format',
      'markdown',
    ]);
    expect(result.stdout).toContain('## ❌ blast-radius: 3 inputs not fully interpreted (strict)');
    expect(result.stdout).toContain('<details open>\n<summary>Could not be fully analysed (3)</summary>');
    expect(result.stdout).toContain('<summary>Notes (1)</summary>');
  });
});

describe('audit --strict', () => {
  const SNAPSHOT = `${STRICT}/audit-missing-policy/auth-details.json`;
  const args = (...extra: string[]) => [
    'audit',
    '--account',
    SNAPSHOT,
    '--config',
    CONFIG,
    '--out',
    join(work, 'reports'),
    ...extra,
  ];

  it('a snapshot that attaches a policy it does not list fails only with --strict', async () => {
    const lenient = await runCli(args());
    expect(lenient.code).toBe(0);
    const strict = await runCli(args('--strict'));
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(strictLine(1));
    const report = JSON.parse(
      await readFile(join(work, 'reports', '111111111111', TEST_TODAY, 'report.json'), 'utf8'),
    );
    expect(report.summary).toMatchObject({ failed: true, strict: true, incompleteInputs: 1 });
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(['snapshot.policy-missing']);
  });
});

function strictLine(count: number): RegExp {
  return new RegExp(
    `^blast-radius: ${count} inputs? (was|were) not fully interpreted .*strict mode fails the gate on any`,
    'm',
  );
}
