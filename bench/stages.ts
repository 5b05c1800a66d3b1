/**
 * One benchmark stage in its own process, so that its peak memory is its own:
 *
 *   node build/bench/stages.mjs <parse|ingest|reach|graph|rules> <snapshot.json> <blast-radius.yaml>
 *
 * Prints `{ "ms": { <stage>: ms, ... } }` on stdout: the time of each stage it ran (ingest, reach,
 * graph and rules each run the ones before them first). Peak memory is measured by the runner's
 * preload (peak-rss.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildAnalysis } from '../src/graph/analysis.js';
import { readAccountSnapshot } from '../src/ingest/account-snapshot/read-account-snapshot.js';
import { readActionCatalog } from '../src/ingest/action-catalog/read-catalog.js';
import { readBundledDataFrom } from '../src/ingest/bundled-data.js';
import type { Inventory } from '../src/model/inventory.js';
import { readDeclarations } from '../src/pipeline/inputs.js';
import { Catalog } from '../src/policy/catalog.js';
import { ReachIndex } from '../src/policy/reach-index.js';
import { runRules } from '../src/rules/engine.js';
import { RULES } from '../src/rules/registry.js';
import { tenths } from './numbers.js';
import { IN_PROCESS_STAGES, type InProcessStage } from './stage-names.js';

const TODAY = '2026-11-20';

/** Milliseconds spent per stage, in the order the stages ran. */
class Stopwatch {
  readonly ms: Partial<Record<InProcessStage, number>> = {};

  async time<T>(stage: InProcessStage, work: () => T | Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await work();
    this.ms[stage] = tenths((this.ms[stage] ?? 0) + performance.now() - start);
    return result;
  }
}

/** (c) and on: every principal's reach, with the catalog given or read as (c) reads it. */
async function reach(watch: Stopwatch, inventory: Inventory, given?: Catalog): Promise<void> {
  await watch.time('reach', () => {
    const catalog = given ?? new Catalog(readActionCatalog());
    const index = new ReachIndex(catalog, inventory);
    for (const p of inventory.principals) index.reachOf(p.arn);
  });
}

async function runStage(stage: InProcessStage, snapshot: string, configFile: string, watch: Stopwatch) {
  if (stage === 'parse') {
    await watch.time('parse', () => JSON.parse(readFileSync(snapshot, 'utf8')));
    return;
  }
  const inventory = await watch.time('ingest', () => readAccountSnapshot(snapshot));
  if (stage === 'ingest') return;
  if (stage === 'reach') return reach(watch, inventory);
  const { catalog, config } = await watch.time('reach', () => readDeclarations(configFile));
  await reach(watch, inventory, catalog);
  const after = await watch.time('graph', () => buildAnalysis(catalog, inventory, config));
  if (stage === 'graph') return;
  await watch.time('rules', () => runRules(RULES, { catalog, config, after }, config.rules, TODAY));
}

function isStage(value: string | undefined): value is InProcessStage {
  return IN_PROCESS_STAGES.some((s) => s === value);
}

const [stage, snapshot, configFile] = process.argv.slice(2);
if (!isStage(stage) || snapshot === undefined || configFile === undefined) {
  process.stderr.write(`usage: stages.mjs <${IN_PROCESS_STAGES.join('|')}> <snapshot> <config>\n`);
  process.exit(2);
}
// as src/cli/main.ts does: read the compact catalog and managed policies `npm run build` wrote
readBundledDataFrom(fileURLToPath(new URL('../data/', import.meta.url)));
const watch = new Stopwatch();
await runStage(stage, snapshot, configFile, watch);
process.stdout.write(`${JSON.stringify({ ms: watch.ms })}\n`);
