import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AccountData, startAwsQueryServer } from '../helpers/aws-query-server.js';
import { runCli } from '../helpers/cli.js';
import { TEST_TODAY } from '../helpers/rules.js';

const ACCOUNTS = 'fixtures/accounts/accounts.yaml';
const CONFIG = 'fixtures/accounts/blast-radius.yaml';
const SNAPSHOT = 'fixtures/accounts/agent-estate/auth-details.json';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'blast-radius-accounts-'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(work, { recursive: true, force: true });
});

function auditArgs(accounts: string, out: string, ...extra: string[]): string[] {
  return ['audit', '--accounts', accounts, '--config', CONFIG, '--out', out, ...extra];
}

function filesUnder(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.\w+$/.test(f)).sort();
}

async function accountsFile(text: string): Promise<string> {
  const file = join(work, 'accounts.yaml');
  await writeFile(file, text);
  return file;
}

describe('blast-radius audit --accounts', () => {
  it('audits every account listed, writes each its reports and prints the estate', async () => {
    const out = join(work, 'reports');
    const result = await runCli(auditArgs(ACCOUNTS, out));
    expect(result.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['111111111111', '222222222222']);
    expect(readdirSync(join(out, '222222222222', TEST_TODAY)).sort()).toEqual([
      'report.html',
      'report.json',
      'report.md',
      'report.sarif',
    ]);
    expect(result.stdout.split('\n').slice(0, 5)).toEqual([
      '2 accounts, 41 findings (critical 19 · high 21 · medium 1 · low 0), 1 failing: FAIL',
      '',
      'ACCOUNT       NAME          FINDINGS  CRITICAL  HIGH  FIXED  WORST     RESULT',
      '111111111111  agent-estate  41        19        21    -      critical  FAIL (fail-on high)',
      '222222222222  sandbox       0         0         0     -      none      pass',
    ]);
  });

  it('gives each account the report a single-account audit gives', async () => {
    await runCli(auditArgs(ACCOUNTS, join(work, 'many')));
    await runCli(['audit', '--account', SNAPSHOT, '--config', CONFIG, '--out', join(work, 'one')]);
    const path = join('111111111111', TEST_TODAY, 'report.json');
    expect(await readFile(join(work, 'many', path), 'utf8')).toBe(
      await readFile(join(work, 'one', path), 'utf8'),
    );
  });

  it('splits the accounts into shards that, merged, are the whole run', async () => {
    const first = await runCli(auditArgs(ACCOUNTS, join(work, 'shard-1'), '--shard', '1/2'));
    const second = await runCli(auditArgs(ACCOUNTS, join(work, 'shard-2'), '--shard', '2/2'));
    expect(first.stderr).toContain('shard 1/2: 1 of 2 accounts (111111111111)');
    expect(second.stderr).toContain('shard 2/2: 1 of 2 accounts (222222222222)');
    expect([first.code, second.code]).toEqual([1, 0]);
    const merged = await runCli([
      'merge',
      join(work, 'shard-1'),
      join(work, 'shard-2'),
      '--out',
      join(work, 'merged'),
    ]);
    expect(merged.code).toBe(1);
    await runCli(auditArgs(ACCOUNTS, join(work, 'whole')));
    await runCli(['merge', join(work, 'whole'), '--out', join(work, 'whole')]);
    const files = filesUnder(join(work, 'whole'));
    expect(filesUnder(join(work, 'merged'))).toEqual(files);
    for (const file of files)
      expect(await readFile(join(work, 'merged', file), 'utf8'), file).toBe(
        await readFile(join(work, 'whole', file), 'utf8'),
      );
  });

  it('with --baseline-dir, takes each account’s newest earlier report as its baseline', async () => {
    const previous = join(work, 'previous');
    await runCli(auditArgs(ACCOUNTS, previous));
    const result = await runCli(auditArgs(ACCOUNTS, join(work, 'now'), '--baseline-dir', previous));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '111111111111  agent-estate  0 new (41 unchanged)  0         0     0      none   pass',
    );
    const report = JSON.parse(
      await readFile(join(work, 'now', '111111111111', TEST_TODAY, 'report.json'), 'utf8'),
    );
    expect(report.inputs.baseline).toBe(join(previous, '111111111111', TEST_TODAY, 'report.json'));
  });

  it('audits live accounts through their roles, and one refused account does not stop the others', async () => {
    const server = await startAwsQueryServer({
      account: JSON.parse(await readFile(SNAPSHOT, 'utf8')) as AccountData,
      pageSize: 5,
      identities: { AKIATOOLING: 'arn:aws:iam::999999999999:user/security-tooling' },
      roles: {
        'arn:aws:iam::111111111111:role/blast-radius-audit': { externalId: 'estate-7' },
        'arn:aws:iam::333333333333:role/blast-radius-audit': { externalId: 'estate-7' },
      },
    });
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_CONFIG_FILE', join(work, 'config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(work, 'credentials'));
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIATOOLING');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'tooling-secret');
    try {
      const accounts = await accountsFile(`accounts:
  - id: "111111111111"
    role: arn:aws:iam::111111111111:role/blast-radius-audit
    external-id: estate-7
  - id: "333333333333"
    name: payments
    role: arn:aws:iam::333333333333:role/blast-radius-audit
    external-id: wrong-id
`);
      const out = join(work, 'reports');
      const result = await runCli([
        ...auditArgs(accounts, out, '--endpoint-url', server.url, '--concurrency', '2'),
      ]);
      expect(result.code).toBe(2);
      expect(readdirSync(out)).toEqual(['111111111111']);
      expect(result.stderr).toContain(
        '111111111111: reading IAM: page 3 (5 roles, 2 users, 1 groups, 4 managed policies)',
      );
      expect(result.stderr).toContain(
        'blast-radius: 333333333333: cannot assume the audit role as arn:aws:iam::999999999999:user/security-tooling',
      );
      expect(result.stdout).toMatch(
        /\n333333333333 +payments +- .* no report: cannot assume the audit role as arn:aws:iam::999999999999:user\/security-tooling: /,
      );
      const assumed = server.requests.filter((r) => r.action === 'AssumeRole').map((r) => r.params.RoleArn);
      expect(assumed.sort()).toEqual([
        'arn:aws:iam::111111111111:role/blast-radius-audit',
        'arn:aws:iam::333333333333:role/blast-radius-audit',
      ]);
    } finally {
      await server.close();
    }
  });

  it('refuses an account whose snapshot is of another account', async () => {
    const accounts = await accountsFile(
      `accounts:\n  - id: "333333333333"\n    snapshot: ${join(process.cwd(), SNAPSHOT)}\n`,
    );
    const result = await runCli(auditArgs(accounts, join(work, 'reports')));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'blast-radius: 333333333333: accounts.yaml lists 333333333333, but what was read is the account 111111111111',
    );
    expect(existsSync(join(work, 'reports'))).toBe(false);
  });

  it.each([
    [
      'accounts:\n  - id: 111111111111\n    snapshot: a.json\n',
      2,
      'accounts[0].id — expected a 12-digit account id in quotes',
    ],
    ['accounts:\n  - id: "111111111111"\n', 2, 'accounts[0] — give either role:'],
    [
      'accounts:\n  - id: "111111111111"\n    role: arn:aws:iam::222222222222:role/audit\n',
      3,
      'accounts[0].role — is not a role in the account 111111111111',
    ],
    [
      'accounts:\n  - id: "111111111111"\n    snapshot: a.json\n  - id: "111111111111"\n    snapshot: b.json\n',
      4,
      'accounts[1].id — the account 111111111111 is listed twice (also accounts[0])',
    ],
    [
      'accounts:\n  - id: "111111111111"\n    snapshot: a.json\n    region: eu-west-1\n',
      4,
      'accounts[0].region — unknown key (expected id, name, role, external-id or snapshot',
    ],
    ['accounts: [\n', 2, 'not valid YAML'],
  ])('refuses a bad accounts.yaml %j with its line', async (text, line, message) => {
    const file = await accountsFile(text);
    const result = await runCli(auditArgs(file, join(work, 'reports')));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`blast-radius: ${file}:${line} — `);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('blast-radius merge', () => {
  it('lists the accounts accounts.yaml names that have no report, and exits 2', async () => {
    await runCli(auditArgs(ACCOUNTS, join(work, 'shard-1'), '--shard', '1/2'));
    const result = await runCli([
      'merge',
      join(work, 'shard-1'),
      '--accounts',
      ACCOUNTS,
      '--out',
      join(work, 'merged'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('1 without a report');
    expect(result.stdout).toMatch(
      /222222222222 {2}sandbox .* no report: listed in accounts.yaml, but no merged directory holds a report of it/,
    );
    const estate = JSON.parse(
      await readFile(join(work, 'merged', 'estate', TEST_TODAY, 'estate.json'), 'utf8'),
    );
    expect(estate.summary).toMatchObject({ accounts: 2, missing: 1, failing: 1, failed: true });
  });

  it('refuses two different reports of one account and day', async () => {
    await runCli(auditArgs(ACCOUNTS, join(work, 'a'), '--shard', '1/2'));
    await runCli(auditArgs(ACCOUNTS, join(work, 'b'), '--shard', '1/2', '--fail-on', 'none'));
    const result = await runCli(['merge', join(work, 'a'), join(work, 'b'), '--out', join(work, 'merged')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'the account 111111111111 has a report of 2026-11-22 in two directories, and they differ',
    );
    expect(existsSync(join(work, 'merged'))).toBe(false);
  });

  it('names the report file and the field of a report it cannot read', async () => {
    await runCli(auditArgs(ACCOUNTS, join(work, 'a'), '--shard', '2/2'));
    const file = join(work, 'a', '222222222222', TEST_TODAY, 'report.json');
    const report = JSON.parse(await readFile(file, 'utf8'));
    report.summary.failed = 'no';
    await writeFile(file, JSON.stringify(report));
    const result = await runCli(['merge', join(work, 'a'), '--out', join(work, 'merged')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`blast-radius: ${file}: summary.failed — `);
    expect(existsSync(join(work, 'merged'))).toBe(false);
  });
});
