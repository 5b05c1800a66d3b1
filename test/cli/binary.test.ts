import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
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
