import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline/check.js';
import { SHARED_LIST_MIN } from '../../src/policy/catalog.js';
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
  it('is the text of JSON.stringify(report, null, 2), a finding per chunk but its shared values', async () => {
    const report = await reportOf('fixtures/incidents/prod-env-recreate');
    expect(report.findings.length).toBeGreaterThan(1);
    const chunks = renderJson(report);
    expect(chunks.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    // a long action list and a path are chunks of their own, with the finding's text after each (see the next test)
    const sharedValues = (f: (typeof report.findings)[number]) =>
      Number(f.evidence.actions.length >= SHARED_LIST_MIN) + Number(f.evidence.path.length > 0);
    const shared = report.findings.reduce((n, f) => n + sharedValues(f), 0);
    expect(shared).toBeGreaterThan(0);
    expect(chunks).toHaveLength(report.findings.length + 2 + 2 * shared);
    const findingStarts = chunks.filter((chunk) => chunk.includes('"rule": '));
    expect(findingStarts).toHaveLength(report.findings.length);
    for (const [index, finding] of report.findings.entries()) {
      expect(findingStarts[index]).toContain(JSON.stringify(finding.id));
      expect(findingStarts[index]?.match(/"rule": /g)).toHaveLength(1);
    }
  });

  it('writes a long action list and a path that findings share once, each as its own chunk', async () => {
    // Given two findings holding the same long list (as Catalog.sortedNames shares it) and the same path
    const report = await reportOf('fixtures/incidents/prod-env-recreate');
    const [first, second] = report.findings;
    if (!first || !second) throw new Error('the fixture has two findings');
    const actions = Object.freeze(
      Array.from({ length: 300 }, (_, i) => `svc:Action${String(i).padStart(3, '0')}`),
    );
    const path = first.evidence.path.length > 0 ? first.evidence.path : second.evidence.path;
    expect(path.length).toBeGreaterThan(0);
    const withShared = (f: typeof first) => ({ ...f, evidence: { ...f.evidence, actions, path } });
    const shared = { ...report, findings: [withShared(first), withShared(second)] };
    // When rendered, Then each finding is its text around the list and the path; each the same string in both
    const chunks = renderJson(shared);
    expect(chunks.join('')).toBe(`${JSON.stringify(shared, null, 2)}\n`);
    expect(chunks).toHaveLength(2 * 5 + 2);
    expect([chunks[2], chunks[4]]).toEqual([chunks[7], chunks[9]]);
    expect(chunks[2]?.startsWith('[\n')).toBe(true);
    expect(chunks[2]).toContain('"svc:Action299"');
  });

  it('renders a report without findings as JSON.stringify does', async () => {
    const report = await reportOf('fixtures/incidents/clean');
    expect(report.findings).toHaveLength(0);
    expect(renderJson(report).join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
