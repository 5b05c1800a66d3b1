import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tenths } from './numbers.js';

const PRELOAD = fileURLToPath(new URL('./peak-rss.mjs', import.meta.url));

/** How a measured process ended: its stdout, wall time and peak memory, or why it has none. */
export type ChildResult =
  | {
      readonly status: 'ok';
      readonly stdout: string;
      readonly ms: number;
      readonly mb: number;
      readonly exitCode: number;
    }
  | { readonly status: 'timeout' | 'failed'; readonly error: string };

export interface ChildOptions {
  /** Exit codes that count as success (the CLI exits 1 when it reports findings). */
  readonly okExitCodes?: readonly number[];
  readonly timeoutMs: number;
  /** Where the preload writes the peak RSS. */
  readonly scratch: string;
}

/**
 * Runs `node <args>` with the peak-memory preload; stderr streams through to ours (progress lines),
 * and its tail names a failure. A process still running after `timeoutMs` is killed.
 */
export function runNode(args: readonly string[], options: ChildOptions): Promise<ChildResult> {
  const rssFile = join(options.scratch, `maxrss-${process.pid}-${Date.now()}`);
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', PRELOAD, ...args], {
    env: { ...process.env, BENCH_MAXRSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    process.stderr.write(chunk);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - start;
      if (timedOut)
        return resolve({ status: 'timeout', error: `killed after ${options.timeoutMs / 1000} s` });
      const exitCode = code ?? -1;
      if (!(options.okExitCodes ?? [0]).includes(exitCode))
        return resolve({ status: 'failed', error: failure(exitCode, signal, stderr) });
      resolve({ status: 'ok', stdout, ms: tenths(ms), mb: tenths(readPeakMb(rssFile)), exitCode });
    });
  });
}

function failure(code: number, signal: NodeJS.Signals | null, stderr: string): string {
  const last = stderr.trim().split('\n').at(-1) ?? '';
  return `${signal ? `signal ${signal}` : `exit code ${code}`}${last ? `: ${last}` : ''}`;
}

/** maxRSS is in KB. */
function readPeakMb(file: string): number {
  const kb = Number(readFileSync(file, 'utf8'));
  rmSync(file);
  return kb / 1024;
}

/** The JSON a measuring process prints as its last stdout line. */
export function lastJsonLine(stdout: string): unknown {
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
}
