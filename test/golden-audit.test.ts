import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { REPO } from './helpers/rules.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ACCOUNTS = 'fixtures/accounts/accounts.yaml';
const CONFIG = 'fixtures/accounts/blast-radius.yaml';
const GOLDEN = join(REPO, 'reports', 'audit');

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'blast-radius-golden-audit-'));
  const audit = await runCli([
    'audit',
    '--accounts',
    ACCOUNTS,
    '--config',
    CONFIG,
    '--out',
    out,
    '--fail-on',
    'none',
  ]);
  expect(audit.code, audit.stderr).toBe(0);
  const merge = await runCli(['merge', out, '--accounts', ACCOUNTS, '--out', out]);
  expect(merge.code, merge.stderr).toBe(0);
  if (UPDATE) {
    rmSync(GOLDEN, { recursive: true, force: true });
    for (const file of filesUnder(out)) {
      mkdirSync(dirname(join(GOLDEN, file)), { recursive: true });
      writeFileSync(join(GOLDEN, file), readFileSync(join(out, file)));
    }
  }
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('golden audit reports: the fixture estate (fixtures/accounts/accounts.yaml) audited and merged', () => {
  it('writes exactly the files reports/audit/ holds', () => {
    expect(filesUnder(out)).toEqual(filesUnder(GOLDEN));
    expect(filesUnder(GOLDEN).length, 'reports/audit/ is empty: run npm run golden:update').toBeGreaterThan(
      0,
    );
  });

  it('matches reports/audit/ byte for byte', () => {
    for (const file of filesUnder(out))
      expect(
        readFileSync(join(out, file), 'utf8'),
        `reports/audit/${file} is stale: run npm run golden:update and review the diff`,
      ).toBe(readFileSync(join(GOLDEN, file), 'utf8'));
  });
});
