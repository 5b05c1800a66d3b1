/**
 * Preloaded (`node --import build/bench/peak-rss.mjs`) into every process the benchmark measures:
 * on exit it writes the process's peak resident set size, in KB, to the file BENCH_MAXRSS_FILE names.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_MAXRSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
