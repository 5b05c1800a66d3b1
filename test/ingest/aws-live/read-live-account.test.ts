import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsError } from '../../../src/errors.js';
import { readLiveAccount } from '../../../src/ingest/aws-live/read-live-account.js';
import {
  type AccountData,
  type AwsQueryServer,
  startAwsQueryServer,
} from '../../helpers/aws-query-server.js';

const FIXTURE = 'fixtures/accounts/agent-estate/auth-details.json';
const AUDITOR = 'arn:aws:iam::111111111111:user/auditor';
const AUDIT_ROLE = 'arn:aws:iam::111111111111:role/blast-radius-audit';
const CROSS_ACCOUNT_CALLER = 'arn:aws:iam::999999999999:user/security-tooling';

let account: AccountData;
let server: AwsQueryServer;
let home: string;

async function start(options: Partial<Parameters<typeof startAwsQueryServer>[0]> = {}) {
  server = await startAwsQueryServer({
    account,
    pageSize: 4,
    identities: { AKIAAUDITOR: AUDITOR, AKIATOOLING: CROSS_ACCOUNT_CALLER },
    ...options,
  });
  return server;
}

function iamRequests() {
  return server.requests.filter((r) => r.action === 'GetAccountAuthorizationDetails');
}

async function failure(promise: Promise<unknown>): Promise<AwsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AwsError);
  return error as AwsError;
}

beforeEach(async () => {
  account = JSON.parse(await readFile(FIXTURE, 'utf8')) as AccountData;
  home = await mkdtemp(join(tmpdir(), 'blast-radius-aws-'));
  // only what each test sets: no credentials or profiles of the machine, no instance metadata
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_CONFIG_FILE', join(home, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'credentials'));
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE'])
    vi.stubEnv(name, undefined);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAAUDITOR');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'auditor-secret');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  await rm(home, { recursive: true, force: true });
});

describe('readLiveAccount', () => {
  it('reads every page of GetAccountAuthorizationDetails, following the marker', async () => {
    await start();
    const progress: string[] = [];
    const live = await readLiveAccount({ endpointUrl: server.url, onProgress: (m) => progress.push(m) });

    const pages = iamRequests();
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.params.Marker)).toEqual([undefined, 'page-1', 'page-2']);
    expect(pages[0]?.params).toMatchObject({
      'Filter.member.1': 'User',
      'Filter.member.2': 'Role',
      'Filter.member.3': 'Group',
      'Filter.member.4': 'LocalManagedPolicy',
      'Filter.member.5': 'AWSManagedPolicy',
    });
    expect(pages.every((p) => p.accessKeyId === 'AKIAAUDITOR' && p.scope === 'iam/us-east-1')).toBe(true);
    expect(live.accountId).toBe('111111111111');
    expect(live.auditor).toBe(AUDITOR);
    expect(live.snapshot.RoleDetailList.map((r) => r.RoleName)).toEqual(
      (account.RoleDetailList as { RoleName: string }[]).map((r) => r.RoleName),
    );
    expect(live.snapshot.Policies).toHaveLength(account.Policies?.length ?? -1);
    expect(progress).toContain(`auditing as ${AUDITOR}`);
    expect(progress.at(-1)).toBe('reading IAM: page 3 (5 roles, 2 users, 1 groups, 4 managed policies)');
  });

  it('writes the snapshot as the AWS CLI prints it: documents decoded, dates as ISO text', async () => {
    await start();
    const live = await readLiveAccount({ endpointUrl: server.url });
    const ciBot = live.snapshot.UserDetailList[0] as Record<string, unknown>;
    expect(ciBot.CreateDate).toBe('2025-06-01T09:00:00.000Z');
    expect(ciBot.UserPolicyList).toEqual([
      {
        PolicyName: 'deploy',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['ecs:UpdateService', 'ecs:Describe*'], Resource: '*' }],
        },
      },
    ]);
    expect(JSON.stringify(live.snapshot)).not.toContain('%7B');
  });

  it('retries a throttled page and then goes on', async () => {
    await start();
    server.failNext('GetAccountAuthorizationDetails', 'Throttling', 400, 2);
    const live = await readLiveAccount({ endpointUrl: server.url });
    expect(iamRequests()).toHaveLength(5);
    expect(live.snapshot.RoleDetailList).toHaveLength(5);
  });

  it('gives up on throttling after the attempts AWS_MAX_ATTEMPTS allows, naming the call', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '2');
    await start();
    server.failNext('GetAccountAuthorizationDetails', 'Throttling', 400, 5);
    const error = await failure(readLiveAccount({ endpointUrl: server.url }));
    expect(iamRequests()).toHaveLength(2);
    expect(error.code).toBe('aws.request-failed');
    expect(error.message).toContain('iam:GetAccountAuthorizationDetails');
    expect(error.message).toContain('Throttling');
  });

  it('assumes the audit role with the external id and reads the account with its session', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIATOOLING');
    await start({ roles: { [AUDIT_ROLE]: { externalId: 'blast-radius-7' } } });
    const progress: string[] = [];
    const live = await readLiveAccount({
      endpointUrl: server.url,
      roleArn: AUDIT_ROLE,
      externalId: 'blast-radius-7',
      region: 'eu-west-1',
      onProgress: (m) => progress.push(m),
    });

    const assume = server.requests.find((r) => r.action === 'AssumeRole');
    expect(assume).toMatchObject({
      accessKeyId: 'AKIATOOLING',
      scope: 'sts/eu-west-1',
      params: { RoleArn: AUDIT_ROLE, RoleSessionName: 'blast-radius-audit', ExternalId: 'blast-radius-7' },
    });
    const session = iamRequests();
    expect(session).toHaveLength(3);
    expect(
      session.every((r) => r.accessKeyId.startsWith('ASIA') && r.sessionToken === `token-${r.accessKeyId}`),
    ).toBe(true);
    expect(live.accountId).toBe('111111111111');
    expect(live.auditor).toBe('arn:aws:sts::111111111111:assumed-role/blast-radius-audit/blast-radius-audit');
    expect(progress[1]).toBe(
      `assumed ${AUDIT_ROLE}: auditing account 111111111111 as arn:aws:sts::111111111111:assumed-role/blast-radius-audit/blast-radius-audit`,
    );
  });

  it('says the role refused the caller when AssumeRole is denied', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIATOOLING');
    await start({ roles: { [AUDIT_ROLE]: { externalId: 'blast-radius-7' } } });
    const error = await failure(
      readLiveAccount({ endpointUrl: server.url, roleArn: AUDIT_ROLE, externalId: 'wrong' }),
    );
    expect(error.code).toBe('aws.assume-role-denied');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(`as ${CROSS_ACCOUNT_CALLER}`);
    expect(error.message).toContain(`sts:AssumeRole on resource: ${AUDIT_ROLE}`);
    expect(iamRequests()).toHaveLength(0);
  });

  it('names the missing permission and the caller when the account cannot be read', async () => {
    await start({ denied: ['AKIAAUDITOR GetAccountAuthorizationDetails'] });
    const error = await failure(readLiveAccount({ endpointUrl: server.url }));
    expect(error.code).toBe('aws.access-denied');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(
      /^iam:GetAccountAuthorizationDetails is denied as arn:aws:iam::111111111111:user\/auditor: /,
    );
    expect(error.hint).toContain('SecurityAudit');
    expect(iamRequests()).toHaveLength(1);
  });

  it('reads credentials from a named profile of the shared credentials file', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    await writeFile(
      join(home, 'credentials'),
      '[default]\naws_access_key_id = AKIAUNKNOWN\naws_secret_access_key = x\n\n[audit]\naws_access_key_id = AKIAAUDITOR\naws_secret_access_key = auditor-secret\n',
    );
    await start();
    const live = await readLiveAccount({ endpointUrl: server.url, profile: 'audit' });
    expect(live.auditor).toBe(AUDITOR);
    expect(new Set(server.requests.map((r) => r.accessKeyId))).toEqual(new Set(['AKIAAUDITOR']));
  });

  it('says which profile is missing', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    await start();
    const error = await failure(readLiveAccount({ endpointUrl: server.url, profile: 'nope' }));
    expect(error.code).toBe('aws.unknown-profile');
    expect(error.message).toContain('the AWS profile nope gives no credentials');
    expect(server.requests).toHaveLength(0);
  });

  it('says there are no credentials, and how to give them', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    await start();
    const error = await failure(readLiveAccount({ endpointUrl: server.url }));
    expect(error.code).toBe('aws.no-credentials');
    expect(error.hint).toContain('--profile');
    expect(server.requests).toHaveLength(0);
  });

  it('says AWS refuses credentials it does not know', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAUNKNOWN');
    await start();
    const error = await failure(readLiveAccount({ endpointUrl: server.url }));
    expect(error.code).toBe('aws.invalid-credentials');
    expect(error.message).toContain('InvalidClientTokenId');
  });

  it('names the endpoint it cannot reach', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
    await start();
    const url = server.url;
    await server.close();
    const error = await failure(readLiveAccount({ endpointUrl: url }));
    expect(error.code).toBe('aws.unreachable');
    expect(error.message).toBe(`cannot reach ${url} for sts:GetCallerIdentity (ECONNREFUSED)`);
  });
});
