import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { REPO, TEST_TODAY } from './helpers/rules.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FILES = ['report.html', 'report.json', 'report.md', 'report.sarif'];

/** Each account fixture's audit, as `blast-radius audit` writes it: reports/audit/<account>/<date>/. */
const accounts = readdirSync(join(REPO, 'fixtures', 'accounts'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'blast-radius-golden-audit-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe.each(accounts)('golden audit reports: fixtures/accounts/%s', (name) => {
  it('match reports/audit/ byte for byte', async () => {
    const dir = `fixtures/accounts/${name}`;
    const result = await runCli([
      'audit',
      '--account',
      `${dir}/auth-details.json`,
      '--config',
      `${dir}/blast-radius.yaml`,
      '--out',
      join(out, name),
      '--fail-on',
      'none',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const [account] = readdirSync(join(out, name));
    const written = join(out, name, account as string, TEST_TODAY);
    const golden = join(REPO, 'reports', 'audit', account as string, TEST_TODAY);
    for (const file of FILES) {
      const actual = readFileSync(join(written, file), 'utf8');
      if (UPDATE) {
        mkdirSync(golden, { recursive: true });
        writeFileSync(join(golden, file), actual);
      }
      expect(existsSync(join(golden, file)), `${golden}/${file} is missing: run npm run golden:update`).toBe(
        true,
      );
      expect(actual, `${golden}/${file} is stale: run npm run golden:update and review the diff`).toBe(
        readFileSync(join(golden, file), 'utf8'),
      );
    }
  });
});
