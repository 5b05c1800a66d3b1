import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { explore } from '../../src/pipeline/explore.js';
import { REDACTED } from '../../src/redact.js';
import { Explorer } from '../../src/ui/app.js';
import { canariesIn, SECRETS } from '../helpers/canaries.js';
import { TEST_TODAY } from '../helpers/rules.js';

const DOWN = '\u001B[B';
const ENTER = '\r';
const TAB = '\t';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the interactive report shows no canary', () => {
  it('in any frame, opening every agent and every finding, nor in the exported view', async () => {
    // Given the canary fixture's plan over its account
    const exploration = await explore({ ...SECRETS, today: TEST_TODAY, version: '0.0.0-test' });
    const exported: string[] = [];
    const app = render(
      <Explorer
        exploration={exploration}
        columns={160}
        rows={60}
        onExport={async (markdown) => {
          exported.push(markdown);
          return 'view written to view.md';
        }}
      />,
    );
    const press = async (...keys: string[]) => {
      for (const key of keys) {
        const before = app.frames.length;
        app.stdin.write(key);
        const until = Date.now() + 1_000;
        while (app.frames.length === before && Date.now() < until) await sleep(5);
        await sleep(20);
      }
    };
    // When every finding's detail is opened (all agents), then every agent's reach, and the view exported
    await press(TAB);
    for (const _ of exploration.report.findings) await press(ENTER, TAB, TAB, DOWN);
    await press(TAB, TAB);
    for (const _ of exploration.report.agents) await press(DOWN, ENTER, TAB);
    await press('e');
    app.unmount();

    // Then the frames showed the findings' details, with the redacted ARNs, and never a canary
    const frames = app.frames.join('\n');
    expect(exploration.report.findings.length).toBeGreaterThanOrEqual(5);
    expect(frames).toContain('granted by');
    expect(frames).toContain(`secret:ci/${REDACTED}`);
    expect(frames).toContain(`arn:aws:iam::111111111111:${REDACTED}/ci-bot`);
    expect(frames).toContain('ops-agent can act beyond its declaration');
    expect(canariesIn(frames)).toEqual([]);
    expect(exported).toHaveLength(1);
    const view = exported.join('');
    expect(exploration.report.findings.filter((finding) => view.includes(finding.id)).length).toBeGreaterThan(
      0,
    );
    expect(canariesIn(view)).toEqual([]);
  });
});
