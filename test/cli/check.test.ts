import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const incident = (name: string) => [
  '--plan',
  `fixtures/incidents/${name}/plan.json`,
  '--config',
  `fixtures/incidents/${name}/blast-radius.yaml`,
];

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'blast-radius-cli-'));
}

describe('blast-radius check: exit codes', () => {
  it('exits 1 when a finding is at or above the config fail-on', async () => {
    const result = await runCli(['check', ...incident('prod-env-recreate')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('production-deletion');
  });

  it('exits 0 with --fail-on none, still printing the findings', async () => {
    const result = await runCli(['check', ...incident('prod-env-recreate'), '--fail-on', 'none']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no-go-zone');
  });

  it('--fail-on critical passes a plan whose worst finding is high', async () => {
    const result = await runCli(['check', ...incident('sensitive-read-widening'), '--fail-on', 'critical']);
    expect(result.code).toBe(0);
  });

  it('exits 0 on the clean fixture', async () => {
    const result = await runCli(['check', ...incident('clean')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 findings');
  });

  it('writes JSON to --output whole, and nothing else to stdout', async () => {
    const dir = scratch();
    const out = join(dir, 'report.json');
    const result = await runCli(['check', ...incident('clean'), '--format', 'json', '--output', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});

describe('blast-radius check: bad input exits 2 with one clear message', () => {
  const cases: { name: string; write?: (dir: string) => string[]; args?: string[]; expected: RegExp }[] = [
    {
      name: 'truncated plan JSON names the file and line',
      write: (dir) => {
        const text = readFileSync('fixtures/incidents/clean/plan.json', 'utf8');
        writeFileSync(join(dir, 'plan.json'), text.slice(0, Math.floor(text.length / 2)));
        return ['--plan', join(dir, 'plan.json'), '--config', 'fixtures/incidents/clean/blast-radius.yaml'];
      },
      expected: /plan\.json:\d+.*JSON/i,
    },
    {
      name: 'a plan of an unknown format_version whose fields do not read as a plan',
      write: (dir) => {
        const plan = JSON.parse(readFileSync('fixtures/incidents/clean/plan.json', 'utf8'));
        const changes = { changes: plan.resource_changes };
        writeFileSync(
          join(dir, 'plan.json'),
          JSON.stringify({ ...plan, format_version: '2.0', resource_changes: changes }),
        );
        return ['--plan', join(dir, 'plan.json'), '--config', 'fixtures/incidents/clean/blast-radius.yaml'];
      },
      expected: /format_version.*2\.0/,
    },
    {
      name: 'a YAML type error names the key path and line',
      write: (dir) => {
        const yaml = readFileSync('fixtures/incidents/clean/blast-radius.yaml', 'utf8').replace(
          /version: 1/,
          'version: one',
        );
        writeFileSync(join(dir, 'blast-radius.yaml'), yaml);
        return ['--plan', 'fixtures/incidents/clean/plan.json', '--config', join(dir, 'blast-radius.yaml')];
      },
      expected: /blast-radius\.yaml:\d+ — version/,
    },
    { name: 'a missing plan file', args: ['--plan', 'no/such/plan.json'], expected: /no\/such\/plan\.json/ },
    { name: 'no --plan at all', args: [], expected: /--plan/ },
    {
      name: 'an unknown --format',
      args: [...incident('clean'), '--format', 'yaml'],
      expected: /--format.*text, json/,
    },
    {
      name: 'an unknown --fail-on',
      args: [...incident('clean'), '--fail-on', 'severe'],
      expected: /--failOn|--fail-on/,
    },
    { name: 'an unknown flag', args: ['--plna', 'x'], expected: /unknown option/ },
  ];

  it.each(cases)('$name', async ({ write, args, expected }) => {
    const argv = write ? write(scratch()) : (args ?? []);
    const result = await runCli(['check', ...argv]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad --output location exits 2 and leaves nothing behind', async () => {
    const dir = scratch();
    const result = await runCli([
      'check',
      ...incident('clean'),
      '--output',
      join(dir, 'missing-dir', 'r.json'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing-dir/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('blast-radius check --account: a plan over an account snapshot', () => {
  const DIR = 'fixtures/plan-over-account/release-agent';
  const planArgs = ['--plan', `${DIR}/plan.json`, '--config', `${DIR}/blast-radius.yaml`];

  it('names the snapshot in the report and finds the reach it adds', async () => {
    const without = await runCli(['check', ...planArgs]);
    expect(without.code).toBe(0);
    expect(without.stdout).not.toContain('account:');
    const result = await runCli(['check', ...planArgs, '--account', `${DIR}/auth-details.json`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`account: ${DIR}/auth-details.json`);
    expect(result.stdout).toContain('undeclared-reach');
    const markdown = await runCli([
      'check',
      ...planArgs,
      '--account',
      `${DIR}/auth-details.json`,
      '--format',
      'markdown',
    ]);
    expect(markdown.stdout).toContain(`account \`${DIR}/auth-details.json\``);
  });

  it.each([
    {
      name: 'a snapshot with a bad field',
      text: '{"RoleDetailList": [{"RoleName": 7}]}',
      expected: 'RoleDetailList[0].RoleName',
    },
    { name: 'a snapshot that is not JSON', text: '{"RoleDetailList": [', expected: 'not valid JSON' },
  ])('exits 2 with one message naming the file for $name', async ({ text, expected }) => {
    const bad = join(scratch(), 'auth-details.json');
    writeFileSync(bad, text);
    const result = await runCli(['check', ...planArgs, '--account', bad]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(bad);
    expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('exits 2 naming a snapshot that does not exist', async () => {
    const result = await runCli(['check', ...planArgs, '--account', 'no-such-auth-details.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-auth-details.json');
  });
});
