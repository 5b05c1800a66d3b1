import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type AccountData, startAwsQueryServer } from '../helpers/aws-query-server.js';
import { runCli } from '../helpers/cli.js';

const BINARY = 'build/bin/blast-radius.mjs';
const DATA = 'build/data/aws-managed-policies.json';
const built = existsSync(BINARY) && existsSync(DATA);
if (!built) console.log(`skipping the built binary: no ${BINARY} or ${DATA} (run npm run build)`);

const ARGS = [
  'check',
  '--plan',
  'fixtures/incidents/prod-env-recreate/plan.json',
  '--config',
  'fixtures/incidents/prod-env-recreate/blast-radius.yaml',
  '--format',
  'json',
  '--fail-on',
  'none',
];

describe.skipIf(!built)('the built binary, reading the compact data npm run build writes', () => {
  it('finds what the source finds reading the data packages', async () => {
    const { stdout } = await promisify(execFile)('node', [BINARY, ...ARGS], { maxBuffer: 64 * 1024 * 1024 });
    const binary = JSON.parse(stdout);
    const source = JSON.parse((await runCli(ARGS)).stdout);
    expect(binary.findings.length).toBeGreaterThan(0);
    expect(binary.findings).toEqual(source.findings);
    expect(binary.agents).toEqual(source.agents);
    expect(binary.tool.catalog).toBe(source.tool.catalog);
  });
});

describe.skipIf(!built)('the built binary, loading the AWS SDK chunk on first use', () => {
  it('audits the live account through the real SDK clients, as from its snapshot', async () => {
    // Given a loopback IAM and STS serving the agent-estate account, and a process that knows only its credentials
    const snapshot = 'fixtures/accounts/agent-estate/auth-details.json';
    const server = await startAwsQueryServer({
      account: JSON.parse(await readFile(snapshot, 'utf8')) as AccountData,
      pageSize: 3,
      identities: { AKIAAUDITOR: 'arn:aws:iam::111111111111:user/auditor' },
    });
    const work = await mkdtemp(join(tmpdir(), 'blast-radius-binary-live-'));
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: work,
      AWS_ACCESS_KEY_ID: 'AKIAAUDITOR',
      AWS_SECRET_ACCESS_KEY: 'auditor-secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const audit = (...source: string[]) =>
      promisify(execFile)(
        'node',
        [BINARY, 'audit', ...source, '--config', 'fixtures/accounts/blast-radius.yaml', '--fail-on', 'none'],
        { env, maxBuffer: 64 * 1024 * 1024 },
      );
    try {
      // When the bundled binary audits it live, and from the snapshot
      await audit('--live', '--endpoint-url', server.url, '--out', join(work, 'live'));
      await audit('--account', snapshot, '--out', join(work, 'snapshot'));
      // Then both find the same
      const findings = async (out: string) => {
        const [account] = await readdir(out);
        const [day] = await readdir(join(out, account ?? ''));
        return JSON.parse(await readFile(join(out, account ?? '', day ?? '', 'report.json'), 'utf8'))
          .findings;
      };
      const live = await findings(join(work, 'live'));
      expect(live.length).toBeGreaterThan(0);
      expect(live.map((f: { id: string }) => f.id)).toEqual(
        (await findings(join(work, 'snapshot'))).map((f: { id: string }) => f.id),
      );
    } finally {
      await server.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});
