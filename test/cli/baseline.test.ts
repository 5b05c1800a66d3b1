import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { runCli } from '../helpers/cli.js';

const FIXTURE = 'fixtures/incidents/prod-env-recreate';
const inputs = ['--plan', `${FIXTURE}/plan.json`, '--config', `${FIXTURE}/blast-radius.yaml`];

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'blast-radius-baseline-'));
}

/** A JSON report of the fixture, written where a later run can take it as its baseline. */
async function writeBaseline(dir: string, edit: (report: Report) => Report = (r) => r): Promise<string> {
  const result = await runCli(['check', ...inputs, '--format', 'json', '--fail-on', 'none']);
  const file = join(dir, 'baseline.json');
  writeFileSync(file, JSON.stringify(edit(JSON.parse(result.stdout))));
  return file;
}

async function checkJson(args: readonly string[]): Promise<{ code: number; report: Report }> {
  const result = await runCli(['check', ...inputs, ...args, '--format', 'json']);
  expect(result.stderr).toBe('');
  return { code: result.code, report: JSON.parse(result.stdout) };
}

describe('check --baseline', () => {
  it('findings the baseline holds do not fail the run, and are marked and counted', async () => {
    // Given a report of the same inputs, which fails on its own
    const before = await checkJson([]);
    expect(before.code).toBe(1);
    const baseline = await writeBaseline(scratch());
    // When checked against it
    const { code, report } = await checkJson(['--baseline', baseline]);
    // Then nothing new counts
    expect(code).toBe(0);
    expect(report.inputs.baseline).toBe(baseline);
    expect(report.summary.failed).toBe(false);
    expect(report.summary.findings).toBe(0);
    expect(report.summary.baselined).toBe(before.report.summary.findings);
    expect(report.summary.bySeverity).toEqual({ critical: 0, high: 0, medium: 0, low: 0 });
    expect(report.findings.length).toBe(before.report.findings.length);
    expect(report.findings.every((f) => f.baseline === true)).toBe(true);
  });

  it('a finding the baseline lacks still counts', async () => {
    const { report: full } = await checkJson([]);
    const dropped = full.findings.find((f) => f.severity === 'critical');
    const baseline = await writeBaseline(scratch(), (r) => ({
      ...r,
      findings: r.findings.filter((f) => f.id !== dropped?.id),
    }));
    const { code, report } = await checkJson(['--baseline', baseline]);
    expect(code).toBe(1);
    expect(report.summary.findings).toBe(1);
    expect(report.summary.bySeverity.critical).toBe(1);
    expect(report.findings.filter((f) => !f.baseline).map((f) => f.id)).toEqual([dropped?.id]);
  });

  it('without --baseline, no finding or summary says anything of one', async () => {
    const { report } = await checkJson([]);
    expect(report.summary).not.toHaveProperty('baselined');
    expect(report.inputs).not.toHaveProperty('baseline');
    expect(report.findings.some((f) => 'baseline' in f)).toBe(false);
  });

  it('the text report counts them and lists them apart', async () => {
    const baseline = await writeBaseline(scratch());
    const result = await runCli(['check', ...inputs, '--baseline', baseline]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/0 findings: .* · \d+ in the baseline · pass \(fail-on high\)/);
    expect(result.stdout).toContain('── in the baseline');
    expect(result.stdout).toContain(`baseline: ${baseline}`);
  });

  it.each([
    {
      name: 'a missing file',
      write: undefined,
      expected: /baseline\.json — cannot read the baseline report \(ENOENT\)/,
    },
    {
      name: 'a file that is not JSON, with its line',
      write: '{\n  "schemaVersion": 1,\n  "findings": [\n',
      expected: /baseline\.json:4:\d+ — the baseline report is not valid JSON/,
    },
    {
      name: 'a finding without an id, with its JSON path',
      write: JSON.stringify({ schemaVersion: 1, findings: [{ id: 'abc' }, { rule: 'x' }] }),
      expected: /baseline\.json: findings\[1\]\.id — /,
    },
    {
      name: 'not a report',
      write: JSON.stringify({ findings: [] }),
      expected: /baseline\.json: schemaVersion — /,
    },
  ])('exits 2 on $name', async ({ write, expected }) => {
    const file = join(scratch(), 'baseline.json');
    if (write !== undefined) writeFileSync(file, write);
    const result = await runCli(['check', ...inputs, '--baseline', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('check: expired rules.ignore entries', () => {
  const ASSUMED_ROLE = 'fixtures/rules/undeclared-reach/fail-assumed-role';

  it('an expired entry stops suppressing and is reported once, with where it is written', async () => {
    // Given an ignore entry that expired before the test day (2026-11-22), and one that has not
    const dir = scratch();
    const config = join(dir, 'blast-radius.yaml');
    writeFileSync(
      config,
      `${readFileSync(`${ASSUMED_ROLE}/blast-radius.yaml`, 'utf8')}  ignore:\n` +
        '    - { rule: undeclared-reach, agent: release-agent, reason: "reviewed in SEC-1", expires: 2026-01-31 }\n' +
        '    - { rule: no-go-zone, reason: "not yet", expires: 2027-01-31 }\n',
    );
    // When checked
    const result = await runCli([
      'check',
      '--plan',
      `${ASSUMED_ROLE}/plan.json`,
      '--config',
      config,
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    const report: Report = JSON.parse(result.stdout);
    // Then the finding it matched is no longer suppressed, and the entry is named as expired
    const undeclared = report.findings.filter((f) => f.rule === 'undeclared-reach');
    expect(undeclared.length).toBeGreaterThan(0);
    expect(undeclared.every((f) => f.suppressed === undefined)).toBe(true);
    const expired = report.diagnostics.filter((d) => d.code === 'config.ignore-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]?.location).toMatchObject({ file: config, path: 'rules.ignore[0]' });
    expect(expired[0]?.location.line).toBeGreaterThan(30);
    expect(expired[0]?.message).toContain('undeclared-reach for release-agent');
    expect(expired[0]?.message).toContain('2026-01-31');
    expect(expired[0]?.message).toContain('reviewed in SEC-1');
  });
});
