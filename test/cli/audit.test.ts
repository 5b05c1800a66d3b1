import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEST_TODAY } from '../helpers/rules.js';

const DIR = 'fixtures/accounts/agent-estate';
const SNAPSHOT = `${DIR}/auth-details.json`;
const CONFIG = 'fixtures/accounts/blast-radius.yaml';
const ACCOUNT = '111111111111';
const REPORT_FILES = ['report.html', 'report.json', 'report.md', 'report.sarif'];

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'blast-radius-audit-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function auditArgs(snapshot: string, out: string, ...extra: string[]): string[] {
  return ['audit', '--account', snapshot, '--config', CONFIG, '--out', out, ...extra];
}

async function reportOf(out: string) {
  return JSON.parse(await readFile(join(out, ACCOUNT, TEST_TODAY, 'report.json'), 'utf8'));
}

describe('blast-radius audit --account', () => {
  it('writes dated reports of the account and exits 1 on findings at or above fail-on', async () => {
    const out = join(work, 'reports');
    const result = await runCli(auditArgs(SNAPSHOT, out));
    expect(result.code).toBe(1);
    expect(readdirSync(join(out, ACCOUNT, TEST_TODAY)).sort()).toEqual(REPORT_FILES);
    expect(result.stdout).toContain(`account: ${SNAPSHOT} (${ACCOUNT})`);
    expect(result.stderr).toContain(`reports written to ${join(out, ACCOUNT, TEST_TODAY)}/`);
    const report = await reportOf(out);
    expect(report.inputs).toEqual({ account: SNAPSHOT, accountId: ACCOUNT, config: CONFIG });
    const fired = new Set(report.findings.map((f: { rule: string }) => f.rule));
    for (const rule of [
      'privilege-escalation',
      'ungated-approval',
      'shared-identity',
      'stale-declaration',
      'undeclared-reach',
    ])
      expect(fired, rule).toContain(rule);
  });

  it('finds each incident agent as the audit meets it in an account', async () => {
    const out = join(work, 'reports');
    await runCli(auditArgs(SNAPSHOT, out));
    const findings: { rule: string; agent?: string; title: string; message: string }[] = (await reportOf(out))
      .findings;
    const of = (rule: string, agent?: string) => findings.filter((f) => f.rule === rule && f.agent === agent);
    expect(
      of('privilege-escalation', 'etl-agent').some((f) =>
        f.message.includes('role/service-role/data-pipeline'),
      ),
    ).toBe(true);
    expect(of('ungated-approval', 'mail-assistant').length).toBeGreaterThan(0);
    expect(of('shared-identity', 'mail-assistant').length).toBeGreaterThan(0);
    expect(of('no-go-zone', 'coding-agent').length).toBeGreaterThan(0);
    expect(findings.some((f) => f.rule === 'stale-declaration' && f.title.startsWith('ci-bot'))).toBe(true);
  });

  it('writes the same bytes twice', async () => {
    await runCli(auditArgs(SNAPSHOT, join(work, 'a')));
    await runCli(auditArgs(SNAPSHOT, join(work, 'b')));
    for (const file of REPORT_FILES) {
      const a = await readFile(join(work, 'a', ACCOUNT, TEST_TODAY, file), 'utf8');
      expect(await readFile(join(work, 'b', ACCOUNT, TEST_TODAY, file), 'utf8'), file).toBe(a);
    }
  });

  it('with --baseline, counts only new findings toward the exit code and lists the fixed ones', async () => {
    await runCli(auditArgs(SNAPSHOT, join(work, 'before')));
    const baseline = join(work, 'baseline.json');
    await writeFile(baseline, await readFile(join(work, 'before', ACCOUNT, TEST_TODAY, 'report.json')));

    const same = await runCli(auditArgs(SNAPSHOT, join(work, 'same'), '--baseline', baseline));
    expect(same.code).toBe(0);
    const unchanged = await reportOf(join(work, 'same'));
    expect(unchanged.summary).toMatchObject({ findings: 0, fixed: 0, failed: false });

    const snapshot = JSON.parse(await readFile(SNAPSHOT, 'utf8'));
    const etl = snapshot.RoleDetailList.find((r: { RoleName: string }) => r.RoleName === 'etl-agent');
    etl.AttachedManagedPolicies = [];
    snapshot.RoleDetailList.push({
      ...etl,
      RoleName: 'report-bot',
      Arn: `arn:aws:iam::${ACCOUNT}:role/report-bot`,
      Tags: [{ Key: 'ai-agent', Value: 'report-bot' }],
    });
    const changed = join(work, 'changed.json');
    await writeFile(changed, JSON.stringify(snapshot));
    const next = await runCli(auditArgs(changed, join(work, 'next'), '--baseline', baseline));
    const report = await reportOf(join(work, 'next'));
    expect(report.fixed.map((f: { rule: string }) => f.rule)).toContain('privilege-escalation');
    expect(report.summary.fixed).toBe(report.fixed.length);
    const fresh = report.findings.filter(
      (f: { baseline?: boolean; suppressed?: unknown }) => !f.baseline && !f.suppressed,
    );
    expect(fresh.map((f: { rule: string; title: string }) => `${f.rule} ${f.title}`)).toEqual([
      'stale-declaration report-bot is tagged as an agent but has no declaration',
    ]);
    expect(next.code).toBe(0);
    const strict = await runCli(
      auditArgs(changed, join(work, 'strict'), '--baseline', baseline, '--fail-on', 'medium'),
    );
    expect(strict.code).toBe(1);
    expect(next.stdout).toContain(`${report.summary.fixed} fixed`);
  });

  it('exits 2 with one message and writes nothing for a bad snapshot', async () => {
    const bad = join(work, 'bad.json');
    await writeFile(bad, '{"RoleDetailList": [{"RoleName": 7}]}');
    const out = join(work, 'reports');
    const result = await runCli(auditArgs(bad, out));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(bad);
    expect(result.stderr).toContain('RoleDetailList[0].RoleName');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [[], 'give one of --account FILE, --live or --accounts FILE'],
    [['--account', SNAPSHOT, '--live'], 'give one of --account FILE, --live or --accounts FILE'],
    [
      ['--account', SNAPSHOT, '--profile', 'audit'],
      '--profile — reads the live account: needs --live or --accounts',
    ],
    [
      ['--account', SNAPSHOT, '--role-arn', 'arn:aws:iam::111111111111:role/a'],
      '--role-arn — reads the live account: needs --live',
    ],
    [['--live', '--shard', '1/2'], '--shard — needs --accounts'],
    [['--accounts', 'a.yaml', '--shard', '3/2'], '--shard — expected i/n with 1 <= i <= n'],
    [['--accounts', 'a.yaml', '--shard', 'two'], '--shard — expected i/n such as 2/4'],
    [['--accounts', 'a.yaml', '--concurrency', '0'], '--concurrency — expected a whole number from 1 to 32'],
    [
      ['--accounts', 'a.yaml', '--baseline', 'r.json'],
      '--baseline — is one report: with --accounts, give --baseline-dir',
    ],
    [
      ['--accounts', 'a.yaml', '--save-snapshot', 's.json'],
      '--save-snapshot — reads the live account: needs --live',
    ],
    [['--live', '--external-id', 'x1'], '--external-id — is sent when assuming --role-arn'],
    [['--live', '--role-arn', 'audit'], '--role-arn — expected a role ARN'],
  ])('refuses %j with exit 2', async (flags, message) => {
    const result = await runCli(['audit', ...flags, '--out', join(work, 'reports')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');
const snapshots = existsSync(CORPUS)
  ? ['duo-labs__cloudmapper', 'salesforce__cloudsplaining'].flatMap((repo) =>
      (readdirSync(join(CORPUS, repo), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(CORPUS, repo, f)),
    )
  : [];
if (snapshots.length === 0) console.log(`skipping the corpus audits: no account snapshots under ${CORPUS}`);

describe.skipIf(snapshots.length === 0)('every account snapshot of the corpus is audited', () => {
  it.each(snapshots.filter((file) => existsSync(file)))('%s', async (file) => {
    const text = await readFile(file, 'utf8');
    if (!text.includes('"RoleDetailList"')) return;
    const out = join(work, 'reports');
    const result = await runCli(['audit', '--account', file, '--out', out, '--fail-on', 'none']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
  });
});
