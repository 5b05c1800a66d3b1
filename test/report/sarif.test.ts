import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline/check.js';
import { locateFindings } from '../../src/pipeline/locate-findings.js';
import { renderSarif } from '../../src/report/sarif.js';
import { RULES } from '../../src/rules/registry.js';
import { TEST_TODAY } from '../helpers/rules.js';

const FIXTURES = [
  'fixtures/incidents/prod-env-recreate',
  'fixtures/incidents/mailbox-deletion',
  'fixtures/incidents/sensitive-read-widening',
  'fixtures/incidents/clean',
  'fixtures/rules/privilege-escalation/fail',
];

/**
 * Warnings of the validator that are accepted, each with why. SARIF2005: the tool has no public
 * informationUri yet.
 */
const ACCEPTED_WARNINGS = new Set(['SARIF2005']);

/** The SARIF multitool's native binary (its package's postinstall only marks it executable). */
function multitool(): string | undefined {
  try {
    const binary: string = createRequire(import.meta.url)('@microsoft/sarif-multitool');
    if (!existsSync(binary)) return undefined;
    try {
      accessSync(binary, constants.X_OK);
    } catch {
      chmodSync(binary, 0o755);
    }
    return binary;
  } catch {
    return undefined;
  }
}

const validator = multitool();
if (!validator) console.log('skipping the SARIF multitool validation: no binary for this platform');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'blast-radius-sarif-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function sarifOf(dir: string): Promise<string> {
  const report = await check({
    plan: `${dir}/plan.json`,
    config: `${dir}/blast-radius.yaml`,
    today: TEST_TODAY,
    version: '0.0.0-test',
  });
  return renderSarif(report, await locateFindings(report));
}

interface ValidationResult {
  readonly ruleId: string;
  readonly level?: string;
  readonly message: { readonly text: string };
}

/** Runs `Sarif.Multitool validate` (SARIF schema and rules, and GitHub's ingestion rules). */
async function validate(file: string): Promise<ValidationResult[]> {
  const output = `${file}.validation.sarif`;
  await new Promise<void>((resolve, reject) => {
    execFile(
      validator as string,
      ['validate', file, '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning', '-o', output],
      { env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' } },
      (error, stdout, stderr) => (error ? reject(new Error(`${stdout}${stderr}`)) : resolve()),
    );
  });
  const log = JSON.parse(await readFile(output, 'utf8'));
  return log.runs.flatMap((run: { results?: ValidationResult[] }) => run.results ?? []);
}

describe.skipIf(!validator)('SARIF passes the SARIF multitool (schema, SARIF and GitHub rules)', () => {
  it.each(FIXTURES)('%s', async (dir) => {
    const file = join(work, `${dir.replace(/\//g, '_')}.sarif`);
    await writeFile(file, await sarifOf(dir));
    const problems = (await validate(file)).filter(
      (r) => r.level === 'error' || !ACCEPTED_WARNINGS.has(r.ruleId),
    );
    expect(problems.map((p) => `${p.level} ${p.ruleId}: ${p.message.text}`)).toEqual([]);
  });

  it('rejects a SARIF file that breaks the schema (the validator is really checking)', async () => {
    const file = join(work, 'broken.sarif');
    const log = JSON.parse(await sarifOf('fixtures/incidents/mailbox-deletion'));
    delete log.runs[0].results[0].message;
    log.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    await writeFile(file, JSON.stringify(log));
    const errors = (await validate(file)).filter((r) => r.level === 'error');
    expect(errors.map((e) => e.ruleId)).toEqual(['JSON1002', 'JSON1008']);
  });
});

describe('renderSarif', () => {
  it('has one rule entry per rule id, with descriptions, help and a default level', async () => {
    const log = JSON.parse(await sarifOf('fixtures/incidents/prod-env-recreate'));
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const rule of rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.fullDescription.text).not.toBe('');
      expect(rule.help.text).not.toBe('');
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
  });

  it('fingerprints each result by the finding id, and points at a rule by index', async () => {
    const dir = 'fixtures/incidents/prod-env-recreate';
    const report = await check({
      plan: `${dir}/plan.json`,
      config: `${dir}/blast-radius.yaml`,
      today: TEST_TODAY,
      version: '0.0.0-test',
    });
    const log = JSON.parse(renderSarif(report, await locateFindings(report)));
    const results = log.runs[0].results;
    expect(
      results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints),
    ).toEqual(report.findings.map((f) => ({ 'blastRadiusFinding/v1': f.id })));
    for (const r of results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('writes an absolute path outside the checkout as a file: URI', async () => {
    const dir = 'fixtures/incidents/mailbox-deletion';
    const report = await check({
      plan: join(process.cwd(), dir, 'plan.json'),
      config: `${dir}/blast-radius.yaml`,
      today: TEST_TODAY,
      version: '0.0.0-test',
    });
    const outside = JSON.parse(renderSarif(report, await locateFindings(report)));
    const uri = outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toMatch(/^file:\/\/\/.*\/fixtures\/incidents\/mailbox-deletion\/main\.tf$/);
    const inside = JSON.parse(renderSarif(report, await locateFindings(report, { root: process.cwd() })));
    expect(inside.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      `${dir}/main.tf`,
    );
  });
});
