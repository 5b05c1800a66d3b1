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
  it('is the text of JSON.stringify(report, null, 2), one finding per chunk (or three)', async () => {
    const report = await reportOf('fixtures/incidents/prod-env-recreate');
    expect(report.findings.length).toBeGreaterThan(1);
    const chunks = renderJson(report);
    expect(chunks.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    // a finding with a long action list comes in three chunks (see the next test), every other in one
    const long = report.findings.filter((f) => f.evidence.actions.length >= 256).length;
    expect(long).toBeLessThan(report.findings.length);
    expect(chunks).toHaveLength(report.findings.length + 2 + 2 * long);
    const findingStarts = chunks.filter((chunk) => chunk.includes('"rule": '));
    expect(findingStarts).toHaveLength(report.findings.length);
    for (const [index, finding] of report.findings.entries()) {
      expect(findingStarts[index]).toContain(JSON.stringify(finding.id));
      expect(findingStarts[index]?.match(/"rule": /g)).toHaveLength(1);
    }
  });

  it('writes a long action list that findings share once, as its own chunk', async () => {
    // Given two findings holding the same long list (as Catalog.sortedNames shares it)
    const report = await reportOf('fixtures/incidents/prod-env-recreate');
    const [first, second] = report.findings;
    if (!first || !second) throw new Error('the fixture has two findings');
    const actions = Object.freeze(
      Array.from({ length: 300 }, (_, i) => `svc:Action${String(i).padStart(3, '0')}`),
    );
    const withList = (f: typeof first) => ({ ...f, evidence: { ...f.evidence, actions } });
    const shared = { ...report, findings: [withList(first), withList(second)] };
    // When rendered, Then each finding is its text before the list, the list, and after; the list the same string
    const chunks = renderJson(shared);
    expect(chunks.join('')).toBe(`${JSON.stringify(shared, null, 2)}\n`);
    expect(chunks).toHaveLength(2 * 3 + 2);
    expect(chunks[2]).toBe(chunks[5]);
    expect(chunks[2]?.startsWith('[\n')).toBe(true);
  });

  it('renders a report without findings as JSON.stringify does', async () => {
    const report = await reportOf('fixtures/incidents/clean');
    expect(report.findings).toHaveLength(0);
    expect(renderJson(report).join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
