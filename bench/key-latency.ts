/**
 * Key-to-frame latency of `blast-radius report` on a synthetic account (`npm run bench:keys [-- L]`):
 * starts the built binary in a tmux pane (the real terminal and the real Ink renderer), waits for
 * the explorer, then sends each key and times until the screen shows something new. Prints the
 * time to open and the median and worst latency per key, and writes bench/key-latency.json.
 * Needs tmux. The time includes one `tmux capture-pane` poll (a few ms).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateConfig, generateSnapshot, SIZES } from './generate.js';

const CLI = fileURLToPath(new URL('../bin/blast-radius.mjs', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../bench/key-latency.json', import.meta.url));
const SOCKET = `blast-radius-keys-${process.pid}`;
const SESSION = 'report';
const OPEN_TIMEOUT_MS = 10 * 60_000;
const KEY_TIMEOUT_MS = 3_000;
/** The keys a user presses while triaging, each repeated: move, switch pane, open, filter, back. */
const KEYS = [
  'j',
  'j',
  'j',
  'k',
  'Tab',
  'j',
  'j',
  'Enter',
  'Tab',
  's',
  's',
  'G',
  'g',
  'Tab',
  'Enter',
  'j',
  'Enter',
];

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-t', SESSION, '-p');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The screen once `ready` holds, or undefined after `timeoutMs`. */
async function until(ready: (shown: string) => boolean, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen();
    if (ready(shown)) return shown;
    if (Date.now() > deadline) return undefined;
    await sleep(1);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const sizeName = process.argv[2] ?? 'L';
  const size = SIZES.find((s) => s.name === sizeName);
  if (!size) throw new Error(`unknown size ${sizeName}: ${SIZES.map((s) => s.name).join(', ')}`);
  const dir = join(os.tmpdir(), 'blast-radius-bench', size.name);
  mkdirSync(dir, { recursive: true });
  const snapshot = join(dir, 'account.json');
  const config = join(dir, 'blast-radius.yaml');
  writeFileSync(snapshot, JSON.stringify(generateSnapshot(size.roles)));
  writeFileSync(config, generateConfig());

  const command = `env -u CI -u CONTINUOUS_INTEGRATION node ${CLI} report --account ${snapshot} --config ${config}; sleep 600`;
  const started = performance.now();
  tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '45', command);
  try {
    const opened = await until((s) => s.includes('reach / declared'), OPEN_TIMEOUT_MS);
    if (opened === undefined) throw new Error(`the explorer did not open; the screen shows:\n${screen()}`);
    const openMs = performance.now() - started;
    let shown = opened;
    process.stderr.write(`[${size.name}] explorer open after ${Math.round(openMs)} ms\n`);
    const latencies: { key: string; ms: number | null }[] = [];
    for (const key of KEYS) {
      const before = shown;
      const sent = performance.now();
      tmux('send-keys', '-t', SESSION, key);
      const changed = await until((s) => s !== before, KEY_TIMEOUT_MS);
      // a key that changes nothing on this screen (g at the top) has no frame to time
      latencies.push({
        key,
        ms: changed === undefined ? null : Math.round((performance.now() - sent) * 10) / 10,
      });
      await sleep(50);
      shown = screen();
    }
    const all = latencies.flatMap((l) => (l.ms === null ? [] : [l.ms]));
    const result = {
      size: size.name,
      roles: size.roles,
      openMs: Math.round(openMs),
      keys: latencies,
      medianMs: median(all),
      worstMs: Math.max(...all),
    };
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `${size.name} (${size.roles} roles): open ${result.openMs} ms; key to frame median ${result.medianMs} ms, worst ${result.worstMs} ms over ${all.length} keys\n`,
    );
    for (const { key, ms } of latencies)
      process.stdout.write(`  ${key.padEnd(6)} ${ms === null ? 'no change' : `${ms} ms`}\n`);
  } finally {
    execFileSync('tmux', ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
  }
}

await main();
