import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';

const BINARY = 'build/bin/blast-radius.mjs';
const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();
const ready = hasTmux && existsSync(BINARY);
if (!ready)
  console.log(
    `skipping the report in a real terminal: ${hasTmux ? `no ${BINARY} (npm run build)` : 'no tmux'}`,
  );

const SOCKET = `blast-radius-test-${process.pid}`;
const SESSION = 'report';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-t', SESSION, '-p');

async function waitFor(text: string, timeoutMs = 20_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen();
    if (shown.includes(text)) return shown;
    if (Date.now() > until) throw new Error(`"${text}" never appeared; the screen shows:\n${shown}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

afterAll(() => {
  if (ready) execFileSync('tmux', ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
});

describe.skipIf(!ready)('blast-radius report in a real terminal (tmux, the real Ink renderer)', () => {
  it('opens, answers keys, and quits with exit code 0', async () => {
    // CI set in the pane would make the report print its text instead of opening
    const command = `env -u CI -u CONTINUOUS_INTEGRATION node ${BINARY} report --account fixtures/accounts/agent-estate/auth-details.json --config fixtures/accounts/blast-radius.yaml; echo "exit code $?"; sleep 60`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '32', command);
    expect(await waitFor('Agents (4) reach / declared')).toContain('Findings (41 of 41)');
    tmux('send-keys', '-t', SESSION, 'Down', 'Down');
    await waitFor('Findings (8 of 41)');
    tmux('send-keys', '-t', SESSION, 'Enter');
    expect(await waitFor('mail-assistant: reach by service')).toMatch(/workmail\s+\d+\s+\d+\s+\d+/);
    tmux('send-keys', '-t', SESSION, '?');
    await waitFor('blast-radius report: keys');
    tmux('send-keys', '-t', SESSION, 'Escape');
    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor('exit code 0');
  });
});
