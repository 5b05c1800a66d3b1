import { describe, expect, it } from 'vitest';
import type { Report, ReportFinding } from '../../src/model/report.js';
import { SEVERITIES } from '../../src/model/severity.js';
import { check } from '../../src/pipeline/check.js';
import { COMMENT_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import { TEST_TODAY } from '../helpers/rules.js';

async function incidentReport(): Promise<Report> {
  const dir = 'fixtures/incidents/prod-env-recreate';
  return check({
    plan: `${dir}/plan.json`,
    config: `${dir}/blast-radius.yaml`,
    today: TEST_TODAY,
    version: '0.0.0-test',
  });
}

/** The incident's report with its findings repeated (distinct ids) up to `count`, summary to match. */
function withFindings(report: Report, count: number, grow = (f: ReportFinding) => f): Report {
  const findings = Array.from({ length: count }, (_, i) => {
    const base = report.findings[i % report.findings.length] as ReportFinding;
    return grow({ ...base, id: i.toString(16).padStart(16, '0'), agent: `agent-${i % 70}` });
  });
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((sev) => [sev, findings.filter((f) => f.severity === sev).length]),
  ) as Record<(typeof SEVERITIES)[number], number>;
  return { ...report, findings, summary: { ...report.summary, findings: count, bySeverity } };
}

const shownBlocks = (markdown: string) =>
  (markdown.match(/^<details>\n<summary>(🟥|🟧|🟨|⬜)/gmu) ?? []).length;

describe('renderMarkdown', () => {
  it('keeps a 2,000-finding report under the comment limit and counts what it leaves out', async () => {
    const report = withFindings(await incidentReport(), 2000);
    const markdown = renderMarkdown(report);
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const shown = shownBlocks(markdown);
    expect(shown).toBeGreaterThan(10);
    expect(markdown).toContain(
      `**${(2000 - shown).toLocaleString('en-US')} more findings not shown here**: see the job summary and the SARIF results.`,
    );
    expect(markdown).toContain('…and 20 more agents.');
  });

  it('stays under a smaller limit, and names where the rest is', async () => {
    const report = withFindings(await incidentReport(), 2000);
    const markdown = renderMarkdown(report, { limit: 20_000, elsewhere: 'the JSON report' });
    expect(markdown.length).toBeLessThanOrEqual(20_000);
    expect(markdown).toMatch(/\*\*[\d,]+ more findings not shown here\*\*: see the JSON report\.$/m);
  });

  it('leaves out a finding too large for the limit rather than cutting it', async () => {
    const huge = withFindings(await incidentReport(), 3, (f) => ({
      ...f,
      message: 'x'.repeat(COMMENT_LIMIT),
    }));
    const markdown = renderMarkdown(huge);
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(shownBlocks(markdown)).toBe(0);
    expect(markdown).toContain('**3 more findings not shown here**');
  });

  it('shows every finding, with no truncation line, when they fit', async () => {
    const report = await incidentReport();
    const markdown = renderMarkdown(report);
    expect(shownBlocks(markdown)).toBe(report.findings.length);
    expect(markdown).not.toContain('not shown here');
  });
});
