import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAccountSnapshot } from '../src/ingest/account-snapshot/read-account-snapshot.js';
import { readPlan } from '../src/ingest/terraform-plan/read-plan.js';
import { REDACTED } from '../src/redact.js';
import { FORMATS, type Format } from '../src/report/index.js';
import {
  ACCESS_KEY_ID,
  CANARY_FRAGMENTS,
  canariesIn,
  expectNoCanary,
  PLAN_KEY_CANARIES,
  SECRETS,
  SENSITIVE_CANARIES,
  SNAPSHOT_KEY_CANARIES,
} from './helpers/canaries.js';
import { runCli } from './helpers/cli.js';
import { TEST_TODAY } from './helpers/rules.js';

/** What surrounds the canaries in every report: a blank or truncated output cannot pass. */
const SECRET_ARN = `arn:aws:secretsmanager:us-east-1:111111111111:secret:ci/${REDACTED}-AbCdEf`;
const BOT_ARN = `arn:aws:iam::111111111111:${REDACTED}/ci-bot`;
const SNAPSHOT_CONDITION = `aws:RequestTag/api-secret = ${REDACTED}`;

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'blast-radius-secrets-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Every file under a directory, as one text. */
function filesUnder(dir: string): { names: string[]; text: string } {
  const names = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return { names, text: names.map((name) => readFileSync(name, 'utf8')).join('\n') };
}

describe('the canary fixture', () => {
  it('holds every canary, and the sensitive ones are marked', () => {
    const plan = readFileSync(SECRETS.plan, 'utf8');
    const snapshot = readFileSync(SECRETS.account, 'utf8');
    for (const canary of [...SENSITIVE_CANARIES, ...Object.values(PLAN_KEY_CANARIES)])
      expect(plan).toContain(canary);
    for (const canary of Object.values(SNAPSHOT_KEY_CANARIES)) expect(snapshot).toContain(canary);
    expect(plan).toContain(ACCESS_KEY_ID);
    expect(plan).toMatch(/"after_sensitive": \{\s*"secret": true,\s*"ses_smtp_password_v4": true/);
  });

  it('the canaries reach no model; the access key id and the ARNs around them do', async () => {
    const plan = JSON.stringify(await readPlan(SECRETS.plan));
    const account = JSON.stringify(await readAccountSnapshot(SECRETS.account));
    expect(canariesIn(plan)).toEqual([]);
    expect(canariesIn(account)).toEqual([]);
    expect(plan).toContain(SECRET_ARN);
    expect(plan).toContain('arn:aws:iam::111111111111:role/ci-agent');
    expect(account).toContain('arn:aws:iam::111111111111:role/ops-agent');
    expect(account).toContain(`"api-secret":"${REDACTED}"`);
  });
});

describe('check: no canary in any format, on stdout, stderr or in --output', () => {
  const FORMAT_EXTRAS: Record<Format, readonly string[]> = {
    text: [SNAPSHOT_CONDITION],
    json: [SNAPSHOT_CONDITION],
    markdown: [SNAPSHOT_CONDITION],
    sarif: [],
    html: [SNAPSHOT_CONDITION],
  };

  it.each(FORMATS as Format[])('%s, the plan over the account, to stdout', async (format) => {
    const result = await runCli([
      'check',
      '--plan',
      SECRETS.plan,
      '--account',
      SECRETS.account,
      '--config',
      SECRETS.config,
      '--format',
      format,
      '--fail-on',
      'none',
    ]);
    expect(result.code).toBe(0);
    expectNoCanary(result.stdout, [SECRET_ARN, BOT_ARN, 'ops-agent', ...FORMAT_EXTRAS[format]]);
    expectNoCanary(result.stderr, []);
  });

  it.each(FORMATS as Format[])('%s, the plan alone, to --output', async (format) => {
    const output = join(work, `report.${format}`);
    const result = await runCli([
      'check',
      '--plan',
      SECRETS.plan,
      '--config',
      SECRETS.config,
      '--format',
      format,
      '--output',
      output,
    ]);
    expect(result.code).toBe(1);
    expectNoCanary(await readFile(output, 'utf8'), [SECRET_ARN, BOT_ARN]);
    expectNoCanary(result.stdout + result.stderr, []);
  });
});

describe('check --hcl: the same canaries in .tf files', () => {
  const HCL = 'fixtures/secrets/hcl';
  const HCL_SENSITIVE_DEFAULT = 'canary-sensitive-hcl-default';

  it('holds them', () => {
    const tf = readFileSync(`${HCL}/main.tf`, 'utf8');
    for (const canary of [PLAN_KEY_CANARIES.roleTag, PLAN_KEY_CANARIES.conditionValue, HCL_SENSITIVE_DEFAULT])
      expect(tf).toContain(canary);
  });

  it.each(FORMATS as Format[])('%s', async (format) => {
    const result = await runCli([
      'check',
      '--hcl',
      HCL,
      '--config',
      SECRETS.config,
      '--format',
      format,
      '--fail-on',
      'none',
    ]);
    expect(result.code).toBe(0);
    expectNoCanary(result.stdout, [SECRET_ARN]);
    expect(result.stdout).not.toContain(HCL_SENSITIVE_DEFAULT);
    expectNoCanary(result.stderr, []);
  });
});

describe('check on an incident plan: its sensitive db password', () => {
  const INCIDENT = 'fixtures/incidents/prod-env-recreate';
  const CANARY = 'canary-db-password-DO-NOT-LEAK';

  it('is in the plan', () => {
    expect(readFileSync(`${INCIDENT}/plan.json`, 'utf8')).toContain(CANARY);
  });

  it.each(FORMATS as Format[])('is in no %s output', async (format) => {
    const result = await runCli([
      'check',
      '--plan',
      `${INCIDENT}/plan.json`,
      '--config',
      `${INCIDENT}/blast-radius.yaml`,
      '--format',
      format,
    ]);
    expect(result.stdout).toContain('aws_db_instance.prod');
    expect(result.stdout + result.stderr).not.toContain(CANARY);
  });
});

describe('the other commands', () => {
  it.each(['text', 'json'])('explain, %s', async (format) => {
    const result = await runCli([
      'explain',
      'ci-agent',
      '--plan',
      SECRETS.plan,
      '--account',
      SECRETS.account,
      '--config',
      SECRETS.config,
      '--format',
      format,
    ]);
    expect(result.code).toBe(0);
    expectNoCanary(result.stdout, ['ci-agent', 'secretsmanager:GetSecretValue', SECRET_ARN]);
    expectNoCanary(result.stderr, []);
  });

  it('init: the blast-radius.yaml it writes', async () => {
    const output = join(work, 'blast-radius.yaml');
    const result = await runCli([
      'init',
      '--plan',
      SECRETS.plan,
      '--account',
      SECRETS.account,
      '--output',
      output,
    ]);
    expect(result.code).toBe(0);
    expectNoCanary(await readFile(output, 'utf8'), ['ci-agent', 'ops-agent', SECRET_ARN]);
    expectNoCanary(result.stdout + result.stderr, []);
  });

  it('audit: every file under --out, and the summary', async () => {
    const out = join(work, 'reports');
    const result = await runCli([
      'audit',
      '--account',
      SECRETS.account,
      '--config',
      SECRETS.config,
      '--out',
      out,
      '--fail-on',
      'none',
    ]);
    expect(result.code).toBe(0);
    const written = filesUnder(out);
    expect(written.names.map((name) => name.slice(out.length + 1))).toEqual(
      ['report.html', 'report.json', 'report.md', 'report.sarif'].map((file) =>
        join('111111111111', TEST_TODAY, file),
      ),
    );
    for (const name of written.names) {
      expectNoCanary(readFileSync(name, 'utf8'), ['arn:aws:iam::111111111111:role/ops-agent']);
    }
    expectNoCanary(written.text, [SNAPSHOT_CONDITION]);
    expectNoCanary(result.stdout, ['ops-agent']);
    expectNoCanary(result.stderr, ['reports written to']);
  });

  it('report, not on a terminal (the text report)', async () => {
    const result = await runCli([
      'report',
      '--plan',
      SECRETS.plan,
      '--account',
      SECRETS.account,
      '--config',
      SECRETS.config,
    ]);
    expectNoCanary(result.stdout, [SECRET_ARN, BOT_ARN, SNAPSHOT_CONDITION]);
    expectNoCanary(result.stderr, []);
  });

  it('an error message that names an input file', async () => {
    // Given a plan path that holds a key, which the error message names
    const result = await runCli([
      'check',
      '--plan',
      join('missing', PLAN_KEY_CANARIES.conditionValue, 'plan.json'),
    ]);
    expect(result.code).toBe(2);
    expectNoCanary(result.stderr, [join('missing', REDACTED, 'plan.json')]);
  });
});

describe('the canary list itself', () => {
  it('counts partial leaks: a piece of a key between slashes is a canary', () => {
    expect(CANARY_FRAGMENTS).toContain('ulXpvnF');
    expect(canariesIn(`user/${REDACTED}/ulXpvnF/ci-bot`)).toEqual(['ulXpvnF']);
  });
});
