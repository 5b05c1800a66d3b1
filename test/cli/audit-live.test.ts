import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AccountData, type AwsQueryServer, startAwsQueryServer } from '../helpers/aws-query-server.js';
import { runCli } from '../helpers/cli.js';
import { TEST_TODAY } from '../helpers/rules.js';

const DIR = 'fixtures/accounts/agent-estate';
const SNAPSHOT = `${DIR}/auth-details.json`;
const CONFIG = 'fixtures/accounts/blast-radius.yaml';
const ACCOUNT = '111111111111';
const AUDITOR = 'arn:aws:iam::111111111111:user/auditor';

let work: string;
let server: AwsQueryServer;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'blast-radius-live-'));
  server = await startAwsQueryServer({
    account: JSON.parse(await readFile(SNAPSHOT, 'utf8')) as AccountData,
    pageSize: 3,
    identities: { AKIAAUDITOR: AUDITOR },
    denied: ['AKIADENIED GetAccountAuthorizationDetails'],
  });
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_CONFIG_FILE', join(work, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(work, 'credentials'));
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAAUDITOR');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'auditor-secret');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
  await rm(work, { recursive: true, force: true });
});

function liveArgs(out: string, ...extra: string[]): string[] {
  return ['audit', '--live', '--endpoint-url', server.url, '--config', CONFIG, '--out', out, ...extra];
}

async function reportText(out: string, file = 'report.json'): Promise<string> {
  return readFile(join(out, ACCOUNT, TEST_TODAY, file), 'utf8');
}

/** A report with where the account came from left out: the rest must not depend on it. */
function withoutSource(text: string, source: string): unknown {
  const report = JSON.parse(text.split(JSON.stringify(source)).join('"<account>"'));
  report.inputs = { ...report.inputs, account: '<account>', auditor: undefined };
  return report;
}

describe('blast-radius audit --live', () => {
  it('gives the report a snapshot of the same account gives', async () => {
    const live = await runCli(liveArgs(join(work, 'live')));
    const snapshot = await runCli([
      'audit',
      '--account',
      SNAPSHOT,
      '--config',
      CONFIG,
      '--out',
      join(work, 'snapshot'),
    ]);
    expect(live.code).toBe(snapshot.code);
    expect(live.code).toBe(1);
    expect(server.requests.filter((r) => r.action === 'GetAccountAuthorizationDetails')).toHaveLength(4);
    const liveReport = await reportText(join(work, 'live'));
    expect(JSON.parse(liveReport).inputs).toEqual({
      account: 'live',
      accountId: ACCOUNT,
      auditor: AUDITOR,
      config: CONFIG,
    });
    expect(withoutSource(liveReport, 'live')).toEqual(
      withoutSource(await reportText(join(work, 'snapshot')), SNAPSHOT),
    );
    expect(live.stdout).toContain(`account: live (${ACCOUNT}, read by ${AUDITOR})`);
    expect(live.stderr).toContain('reading IAM: page 4 (5 roles, 2 users, 1 groups, 4 managed policies)');
  });

  it('with --save-snapshot, writes a snapshot that replays to the same report offline', async () => {
    const saved = join(work, 'saved.json');
    await runCli(liveArgs(join(work, 'live'), '--save-snapshot', saved));
    const replay = await runCli([
      'audit',
      '--account',
      saved,
      '--config',
      CONFIG,
      '--out',
      join(work, 'replay'),
    ]);
    expect(replay.code).toBe(1);
    expect(withoutSource(await reportText(join(work, 'replay')), saved)).toEqual(
      withoutSource(await reportText(join(work, 'live')), 'live'),
    );
    const snapshot = JSON.parse(await readFile(saved, 'utf8'));
    expect(Object.keys(snapshot)).toEqual([
      'UserDetailList',
      'GroupDetailList',
      'RoleDetailList',
      'Policies',
    ]);
  });

  it('exits 2 naming the missing permission, and writes no report', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIADENIED');
    server = await replaceIdentities({ AKIADENIED: 'arn:aws:iam::111111111111:role/readonly' });
    const out = join(work, 'reports');
    const result = await runCli(liveArgs(out));
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-2)).toBe(
      'blast-radius: iam:GetAccountAuthorizationDetails is denied as arn:aws:iam::111111111111:role/readonly: User: arn:aws:iam::111111111111:role/readonly is not authorized to perform: iam:GetAccountAuthorizationDetails on resource: *',
    );
    expect(lines.at(-1)).toBe(
      'hint: attach the AWS managed policy SecurityAudit (or ReadOnlyAccess) to the auditing principal',
    );
    expect(result.stderr).not.toContain('    at ');
    expect(existsSync(out)).toBe(false);
  });
});

async function replaceIdentities(identities: Record<string, string>): Promise<AwsQueryServer> {
  await server.close();
  return startAwsQueryServer({
    account: JSON.parse(await readFile(SNAPSHOT, 'utf8')) as AccountData,
    pageSize: 3,
    identities,
    denied: Object.keys(identities).map((key) => `${key} GetAccountAuthorizationDetails`),
  });
}
