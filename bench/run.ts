/**
 * The benchmark (`npm run bench [-- --sizes S,M]`): for each size of synthetic account, the time
 * and peak memory of each stage of an audit, each stage in a process of its own, and at S and M
 * the brute-force comparison with iam-simulate. Prints the tables and writes bench/results.json.
 * Runs from build/bench/ (esbuild bundles bench/*.ts there), after `npm run build`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BruteForceResult } from './brute-force.js';
import { type ChildResult, lastJsonLine, runNode } from './child.js';
import { generateConfig, generatePlan, generateSnapshot, SIZES, type Size } from './generate.js';
import { tenths } from './numbers.js';
import {
  type BruteForceRow,
  comparisonTable,
  type SizeResult,
  type StageResult,
  stagesTable,
} from './report.js';
import { asSnapshot, type SnapshotCounts, snapshotCounts } from './snapshot.js';
import { type InProcessStage, STAGES, type Stage } from './stage-names.js';

const STAGE_TIMEOUT_MS = 10 * 60_000;
const BRUTE_FORCE_TIMEOUT_MS = 15 * 60_000;
const BRUTE_FORCE_SIZES = ['S', 'M'];
const WORK = join(os.tmpdir(), 'blast-radius-bench');
const built = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const STAGE_SCRIPT = built('./stages.mjs');
const BRUTE_FORCE_SCRIPT = built('./brute-force.mjs');
const CLI = built('../bin/blast-radius.mjs');
const RESULTS = built('../../bench/results.json');

interface Inputs {
  readonly dir: string;
  readonly snapshot: string;
  readonly config: string;
  /** A plan of 500 resources over the snapshot, for the check stage. */
  readonly plan: string;
  readonly counts: SnapshotCounts;
}

const progress = (line: string) => process.stderr.write(`${line}\n`);

function selectedSizes(argv: readonly string[]): readonly Size[] {
  const at = argv.indexOf('--sizes');
  if (at === -1) return SIZES;
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !SIZES.some((s) => s.name === n));
  if (names.length === 0 || unknown.length > 0) {
    progress(`--sizes takes a comma-separated list of ${SIZES.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  return SIZES.filter((s) => names.includes(s.name));
}

/** Writes the size's snapshot and blast-radius.yaml to the temp dir, once per run. */
function writeInputs(size: Size): Inputs {
  const dir = join(WORK, size.name);
  mkdirSync(dir, { recursive: true });
  const json = generateSnapshot(size.roles);
  const snapshot = join(dir, 'account.json');
  const config = join(dir, 'blast-radius.yaml');
  const plan = join(dir, 'plan.json');
  writeFileSync(snapshot, JSON.stringify(json));
  writeFileSync(config, generateConfig());
  writeFileSync(plan, JSON.stringify(generatePlan(size.roles)));
  return { dir, snapshot, config, plan, counts: snapshotCounts(asSnapshot(json)) };
}

function failed(stage: Stage, result: Exclude<ChildResult, { status: 'ok' }>): StageResult {
  return { stage, status: result.status, ms: null, incrementMs: null, mb: null, error: result.error };
}

async function inProcessStage(stage: InProcessStage, inputs: Inputs): Promise<StageResult> {
  const result = await runNode([STAGE_SCRIPT, stage, inputs.snapshot, inputs.config], {
    timeoutMs: STAGE_TIMEOUT_MS,
    scratch: WORK,
  });
  if (result.status !== 'ok') return failed(stage, result);
  const { ms } = lastJsonLine(result.stdout) as { ms: Partial<Record<InProcessStage, number>> };
  const total = Object.values(ms).reduce((a, b) => a + b, 0);
  return {
    stage,
    status: 'ok',
    ms: tenths(total),
    incrementMs: ms[stage] ?? null,
    mb: result.mb,
    error: null,
  };
}

/** A whole CLI command as a process; exit code 1 (findings at the threshold) counts as done. */
async function commandStage(stage: 'audit' | 'check', inputs: Inputs): Promise<StageResult> {
  const common = ['--account', inputs.snapshot, '--config', inputs.config];
  const args =
    stage === 'audit'
      ? [CLI, 'audit', ...common, '--out', join(inputs.dir, 'reports')]
      : [CLI, 'check', '--plan', inputs.plan, ...common, '--format', 'json', '--output', checkOutput(inputs)];
  if (stage === 'check') rmSync(checkOutput(inputs), { force: true });
  const result = await runNode(args, { timeoutMs: STAGE_TIMEOUT_MS, scratch: WORK, okExitCodes: [0, 1] });
  if (result.status !== 'ok') return failed(stage, result);
  return { stage, status: 'ok', ms: result.ms, incrementMs: null, mb: result.mb, error: null };
}

const checkOutput = (inputs: Inputs) => join(inputs.dir, 'check.json');

function measure(stage: Stage, inputs: Inputs): Promise<StageResult> {
  return stage === 'audit' || stage === 'check' ? commandStage(stage, inputs) : inProcessStage(stage, inputs);
}

const skipped = (stage: Stage): StageResult => ({
  stage,
  status: 'skipped',
  ms: null,
  incrementMs: null,
  mb: null,
  error: 'an earlier stage it includes did not finish',
});

/** Every stage; once one that later stages include fails, those are skipped. */
async function measureSize(size: Size, inputs: Inputs): Promise<SizeResult> {
  const stages: StageResult[] = [];
  let broken = false;
  for (const stage of STAGES) {
    if (broken) {
      stages.push(skipped(stage));
      continue;
    }
    progress(`[${size.name}] ${stage} …`);
    const result = await measure(stage, inputs);
    progress(`[${size.name}] ${stage}: ${describe(result)}`);
    broken = result.status !== 'ok' && stage !== 'parse' && stage !== 'audit';
    stages.push(result);
  }
  return { size: size.name, ...inputs.counts, stages };
}

function describe(result: StageResult): string {
  if (result.status !== 'ok') return `${result.status} (${result.error})`;
  return `${Math.round(result.ms ?? 0)} ms, ${Math.round(result.mb ?? 0)} MB`;
}

async function bruteForce(size: Size, inputs: Inputs): Promise<BruteForceRow> {
  progress(`[${size.name}] brute force against iam-simulate …`);
  const result = await runNode([BRUTE_FORCE_SCRIPT, inputs.snapshot], {
    timeoutMs: BRUTE_FORCE_TIMEOUT_MS,
    scratch: WORK,
  });
  if (result.status !== 'ok')
    return { size: size.name, status: result.status, error: result.error, result: null };
  return {
    size: size.name,
    status: 'ok',
    error: null,
    result: lastJsonLine(result.stdout) as BruteForceResult,
  };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

async function main(): Promise<void> {
  const sizes = selectedSizes(process.argv.slice(2));
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const results: SizeResult[] = [];
  const comparisons: BruteForceRow[] = [];
  for (const size of sizes) {
    progress(`[${size.name}] writing a snapshot of ${size.roles} roles to ${WORK}`);
    const inputs = writeInputs(size);
    results.push(await measureSize(size, inputs));
    if (BRUTE_FORCE_SIZES.includes(size.name)) comparisons.push(await bruteForce(size, inputs));
  }
  const report = {
    date: new Date().toISOString(),
    machine: machine(),
    sizes: results,
    bruteForce: comparisons,
  };
  writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${stagesTable(results)}\n\n${comparisonTable(comparisons)}\n`);
  progress(`wrote ${RESULTS}`);
}

await main();
