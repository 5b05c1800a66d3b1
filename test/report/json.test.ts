import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline/check.js';
import { renderJson } from '../../src/report/json.js';

const TODAY = '2026-11-20';

async function reportOf(dir: string) {
  return check({
    plan: `${dir}/plan.json`,
    config: `${dir}/blast-radius.yaml`,
    today: TODAY,
    version: '0.0.0-test',
  });
}

describe('renderJson', () => {
  it('is the text of JSON.stringify(report, null, 2), one finding per chunk', async () => {
    const report = await reportOf('fixtures/incidents/prod-env-recreate');
    expect(report.findings.length).toBeGreaterThan(1);
    const chunks = renderJson(report);
    expect(chunks.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(chunks).toHaveLength(report.findings.length + 2);
    for (const [index, finding] of report.findings.entries()) {
      expect(chunks[index + 1]).toContain(JSON.stringify(finding.id));
      expect(chunks[index + 1]?.match(/"rule": /g)).toHaveLength(1);
    }
  });

  it('renders a report without findings as JSON.stringify does', async () => {
    const report = await reportOf('fixtures/incidents/clean');
    expect(report.findings).toHaveLength(0);
    expect(renderJson(report).join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
