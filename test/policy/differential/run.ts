import { readActionCatalog } from '../../../src/ingest/action-catalog/read-catalog.js';
import type { Catalog } from '../../../src/policy/catalog.js';
import { indexCatalog } from './catalog-index.js';
import { ourEngine } from './engines.js';
import { type GeneratorContext, generatePolicySet, generateRequests } from './generate.js';
import { classify, type Disagreement, type KnownDifference } from './known-differences.js';
import { loadManagedPool } from './managed-policies.js';
import { minimizeSet } from './minimize.js';
import { Rng } from './prng.js';
import { createSimulator } from './simulator-pool.js';
import type { Decision, DiffRequest, PolicySet, SimulatorOutcome } from './types.js';

export interface DiffOptions {
  readonly seed: number;
  /** Requests to compare (simulator errors do not count towards it). */
  readonly requests: number;
  readonly requestsPerSet: number;
  /** Examples kept per disagreement class; the first one is minimised. */
  readonly examplesPerClass: number;
  /** Worker threads for iam-simulate; 0 runs it in this thread. */
  readonly workers: number;
}

/** Policy sets generated per pipeline step. */
const BATCH_SETS = 8;

type Batch = {
  readonly set: PolicySet;
  readonly requests: readonly DiffRequest[];
  readonly ours: readonly Decision[];
  readonly theirs: readonly Promise<SimulatorOutcome>[];
}[];

export interface Example {
  readonly set: PolicySet;
  readonly request: DiffRequest;
  readonly ours: Decision;
  readonly theirs: Decision;
  /** The statements the disagreement needs (set after minimisation). */
  minimal?: PolicySet;
}

export interface ClassTally {
  /** The explaining known-difference ids, in table order, joined with ` + `; or `untriaged`. */
  readonly key: string;
  readonly known: readonly KnownDifference[];
  count: number;
  /** Counts by `ours vs theirs`. */
  readonly pairs: Map<string, number>;
  readonly examples: Example[];
}

export interface DiffReport {
  readonly options: DiffOptions;
  policySets: number;
  setsWithManaged: number;
  setsWithBoundary: number;
  readonly managedPool: { readonly size: number; readonly fromPackage: number; readonly fromCorpus: number };
  compared: number;
  /** Compared requests with a request context (those of sets with a Condition element). */
  comparedWithContext: number;
  /** Same decision, all three outcomes distinguished. */
  agreements: number;
  /** Same allow / not-allow answer. */
  allowAgreements: number;
  /** Requests both engines deny, and how many of them agree on explicit versus implicit. */
  bothDeny: number;
  denyKindAgreements: number;
  /** Decision pairs over all compared requests (`ours vs theirs`). */
  readonly matrix: Map<string, number>;
  /** Requests iam-simulate refused, by reason (excluded from the comparison). */
  readonly simulatorErrors: Map<string, number>;
  /** The first refused request of each reason. */
  readonly simulatorErrorExamples: Map<string, DiffRequest>;
  readonly classes: Map<string, ClassTally>;
  durationMs: number;
}

/** Runs the seeded differential: generate policy sets and requests, ask both engines, triage. */
export async function runDifferential(catalog: Catalog, options: DiffOptions): Promise<DiffReport> {
  const started = performance.now();
  const pool = loadManagedPool();
  const ctx: GeneratorContext = {
    rng: new Rng(options.seed),
    catalog: indexCatalog(readActionCatalog()),
    managed: pool.policies,
  };
  const report: DiffReport = {
    options,
    policySets: 0,
    setsWithManaged: 0,
    setsWithBoundary: 0,
    managedPool: { size: pool.policies.length, fromPackage: pool.fromPackage, fromCorpus: pool.fromCorpus },
    compared: 0,
    comparedWithContext: 0,
    agreements: 0,
    allowAgreements: 0,
    bothDeny: 0,
    denyKindAgreements: 0,
    matrix: new Map(),
    simulatorErrors: new Map(),
    simulatorErrorExamples: new Map(),
    classes: new Map(),
    durationMs: 0,
  };

  const simulator = createSimulator(options.workers);
  let nextSetId = 0;
  // Pipeline: while the simulator works on one batch of policy sets, this thread generates the
  // next batch and decides it with our engine. Results are consumed in generation order, so the
  // run is deterministic whatever the scheduling.
  const dispatch = (): Batch => {
    const batch: Batch = [];
    for (let i = 0; i < BATCH_SETS; i++) {
      const set = generatePolicySet(ctx, nextSetId++);
      const requests = generateRequests(ctx, set, options.requestsPerSet);
      const theirs = simulator.submit(set, requests);
      const ours = ourEngine(catalog, set);
      batch.push({ set, requests, ours: requests.map(ours), theirs });
    }
    return batch;
  };
  try {
    let inflight = dispatch();
    while (report.compared < options.requests) {
      const current = inflight;
      inflight = dispatch();
      for (const { set, requests, ours, theirs } of current) {
        if (report.compared >= options.requests) break;
        report.policySets++;
        if ([...set.identity, ...(set.boundary ?? [])].some((p) => p.origin !== 'generated'))
          report.setsWithManaged++;
        if (set.boundary) report.setsWithBoundary++;
        const outcomes = await Promise.all(theirs);
        for (let i = 0; i < requests.length && report.compared < options.requests; i++) {
          const request = requests[i];
          const outcome = outcomes[i];
          const decision = ours[i];
          if (!request || !outcome || !decision) continue;
          if (outcome.kind === 'error') {
            bump(report.simulatorErrors, outcome.reason);
            if (!report.simulatorErrorExamples.has(outcome.reason))
              report.simulatorErrorExamples.set(outcome.reason, request);
            continue;
          }
          tally(report, decision, outcome.decision);
          if (request.context) report.comparedWithContext++;
          if (decision !== outcome.decision) {
            await record(
              report,
              catalog,
              { set, request, ours: decision, theirs: outcome.decision },
              options,
            );
          }
        }
      }
    }
  } finally {
    // The last batch dispatched ahead is not needed: terminating the workers abandons it.
    await simulator.close();
  }
  for (const tallyEntry of report.classes.values()) {
    const first = tallyEntry.examples[0];
    if (!first) continue;
    // Reduce while keeping both answers and the class, so the example shows the class's cause.
    first.minimal = await minimizeSet(catalog, first.set, first.request, async (candidate, answers) => {
      if (answers.theirs.kind !== 'decision') return false;
      const known = await classify(
        { set: candidate, request: first.request, ours: answers.ours, theirs: answers.theirs.decision },
        catalog,
      );
      return classKey(known) === tallyEntry.key;
    });
  }
  report.durationMs = performance.now() - started;
  return report;
}

function tally(report: DiffReport, ours: Decision, theirs: Decision): void {
  report.compared++;
  bump(report.matrix, `${ours} vs ${theirs}`);
  if (ours === theirs) report.agreements++;
  if ((ours === 'allow') === (theirs === 'allow')) report.allowAgreements++;
  if (ours !== 'allow' && theirs !== 'allow') {
    report.bothDeny++;
    if (ours === theirs) report.denyKindAgreements++;
  }
}

async function record(
  report: DiffReport,
  catalog: Catalog,
  d: Disagreement,
  options: DiffOptions,
): Promise<void> {
  const known = await classify(d, catalog);
  const key = classKey(known);
  let entry = report.classes.get(key);
  if (!entry) {
    entry = { key, known, count: 0, pairs: new Map(), examples: [] };
    report.classes.set(key, entry);
  }
  entry.count++;
  bump(entry.pairs, `${d.ours} vs ${d.theirs}`);
  if (entry.examples.length < options.examplesPerClass) entry.examples.push({ ...d });
}

function classKey(known: readonly KnownDifference[]): string {
  return known.length === 0 ? 'untriaged' : known.map((k) => k.id).join(' + ');
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
