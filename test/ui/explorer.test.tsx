import { render } from 'ink-testing-library';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Exploration } from '../../src/pipeline/explore.js';
import { Explorer } from '../../src/ui/app.js';
import { accountExploration } from './fixture.js';

const DOWN = '\u001B[B';
const ENTER = '\r';
const TAB = '\t';
const ESCAPE = '\u001B';

let exploration: Exploration;
beforeAll(async () => {
  exploration = await accountExploration();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets Ink read the key and render: waits for a new frame (a key that changes nothing draws none,
 * so at most a second), then a moment more, so that the next key is never read together with this
 * one (an escape followed by `s` at once is alt+s) however loaded the machine is.
 */
async function settle(frames: readonly string[], before: number): Promise<void> {
  const until = Date.now() + 1_000;
  while (frames.length === before && Date.now() < until) await sleep(5);
  await sleep(20);
}

function open(exported: string[] = [], columns = 140, rows = 40) {
  const app = render(
    <Explorer
      exploration={exploration}
      columns={columns}
      rows={rows}
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
      await settle(app.frames, before);
    }
    return app.lastFrame() ?? '';
  };
  return { app, press };
}

describe('the interactive report (ink-testing-library)', () => {
  it('opens on the agents, with the summary and the keys', async () => {
    const { app, press } = open();
    const frame = await press();
    expect(frame).toContain('blast-radius · fixtures/accounts/agent-estate/auth-details.json · 41 findings');
    expect(frame).toContain('Agents (4) reach / declared');
    expect(frame).toContain('Findings (41 of 41)');
    expect(frame).toMatch(/coding-agent\s+21,830 \/ 15/);
    expect(frame).toContain('q quit');
    app.unmount();
  });

  it('selects an agent, opens its reach by service, then opens one of its findings', async () => {
    const { app, press } = open();
    let frame = await press(DOWN, DOWN);
    expect(frame).toMatch(/Findings \(8 of 41\)/);
    frame = await press(ENTER);
    expect(frame).toContain('mail-assistant: reach by service');
    expect(frame).toMatch(/workmail\s+\d+\s+\d+\s+\d+/);
    frame = await press(TAB, TAB, 'j', ENTER);
    expect(frame).toContain('Finding');
    expect(frame).toMatch(/path\s/);
    expect(frame).toContain('mail-assistant ');
    expect(frame).toContain('granted by');
    app.unmount();
  });

  it('searches, filters by severity and by rule, and shows the filters', async () => {
    const { app, press } = open();
    let frame = await press('/', 'd', 'a', 't', 'a', '-', 'd', 'e', 'l');
    expect(frame).toContain('/data-del');
    frame = await press(ENTER);
    expect(frame).toContain('filters: search "data-del"');
    expect(frame).not.toContain('Findings (41 of 41)');
    frame = await press('/', ESCAPE, 's');
    expect(frame).toContain('filters: severity ≥ critical');
    expect(frame).toContain('Findings (19 of 41)');
    frame = await press('s', 's', 's', 's', 'r');
    expect(frame).toMatch(/filters: rule [a-z-]+/);
    app.unmount();
  });

  it('writes the current view as markdown on e', async () => {
    const exported: string[] = [];
    const { app, press } = open(exported);
    const frame = await press('s', 'e');
    expect(exported).toHaveLength(1);
    expect(exported[0]).toContain('severity at or above critical; 19 of 41 findings');
    expect(frame).toContain('view written to view.md');
    app.unmount();
  });

  it('shows the help on ? and closes it on any key', async () => {
    const { app, press } = open();
    expect(await press('?')).toContain('blast-radius report: keys');
    expect(await press('x')).not.toContain('blast-radius report: keys');
    app.unmount();
  });

  it('says when the terminal is too small', async () => {
    const { app, press } = open([], 60, 15);
    expect(await press()).toContain('The terminal is 60×15; blast-radius report needs at least 80×20');
    app.unmount();
  });
});
