import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readActionCatalog } from '../../src/ingest/action-catalog/read-catalog.js';
import { testCatalog } from '../helpers/policy.js';
import { ourEngine, simulate } from './differential/engines.js';
import { classify, KNOWN_DIFFERENCES } from './differential/known-differences.js';
import { describeSet, formatReport } from './differential/report.js';
import { runDifferential } from './differential/run.js';
import { runResourceTypeSweep } from './differential/sweep.js';
import { HOME_ACCOUNT } from './differential/types.js';
import { asRawPolicy, loadVectors, VECTOR_DIR } from './differential/vectors.js';

/**
 * Differential test of our IAM engine (src/policy) against @cloud-copilot/iam-simulate (AGPL: used
 * here in test/ only). Seeded and deterministic; BLAST_RADIUS_DIFF_REQUESTS raises the size for
 * nightly runs (e.g. 100000) and BLAST_RADIUS_DIFF_SEED replays another seed. Every disagreement
 * must belong to a triaged class in differential/known-differences.ts; docs/differential-testing.md
 * explains each class and its verdict.
 */
const REQUESTS = positiveInt(process.env.BLAST_RADIUS_DIFF_REQUESTS, 10_000);
const SEED = positiveInt(process.env.BLAST_RADIUS_DIFF_SEED, 20_260_401);
/** iam-simulate worker threads (BLAST_RADIUS_DIFF_WORKERS=0 runs it in the test's own thread). */
const WORKERS = nonNegativeInt(
  process.env.BLAST_RADIUS_DIFF_WORKERS,
  Math.min(3, Math.max(1, availableParallelism() - 1)),
);
const SWEEP = process.env.BLAST_RADIUS_DIFF_SWEEP === '1' || REQUESTS > 10_000;
const CASES_DIR = join(import.meta.dirname, 'cases');

describe('differential: our engine against iam-simulate', () => {
  it(
    `decides ${REQUESTS} random requests as iam-simulate does, up to triaged differences`,
    async () => {
      const report = await runDifferential(testCatalog(), {
        seed: SEED,
        requests: REQUESTS,
        requestsPerSet: 10,
        examplesPerClass: 3,
        workers: WORKERS,
      });
      console.log(formatReport(report));

      expect(report.compared).toBeGreaterThanOrEqual(REQUESTS);
      const infrastructure = [...report.simulatorErrors.keys()].filter((r) => r.startsWith('worker'));
      expect(infrastructure, 'iam-simulate workers failed').toEqual([]);
      const untriaged = report.classes.get('untriaged');
      const findings = (untriaged?.examples ?? []).map(
        (e) =>
          `${e.request.action} on ${e.request.resource} (account ${e.request.accountId}): ours ${e.ours}, ` +
          `iam-simulate ${e.theirs}; ${describeSet(e.minimal ?? e.set)}`,
      );
      expect(findings, `${untriaged?.count ?? 0} untriaged disagreements`).toEqual([]);
    },
    Math.max(120_000, REQUESTS * 10),
  );

  // Nightly (or BLAST_RADIUS_DIFF_SWEEP=1): every action on every resource type, ~21,400 pairs.
  it.runIf(SWEEP)(
    'allows every action on the natural wildcard pattern of each of its resource types, as iam-simulate does',
    async () => {
      const sweep = await runResourceTypeSweep(testCatalog(), WORKERS);
      const section = (title: string, map: typeof sweep.disagreements) =>
        [...map].flatMap(([key, e]) => [
          `  ${title} ${key}: ${e.count}`,
          ...e.examples.map((x) => `    e.g. ${x}`),
        ]);
      console.log(
        [
          `Resource-type sweep: ${sweep.pairs} action/resource-type pairs compared, ${sweep.refusals} refused by iam-simulate`,
          ...section('disagreement', sweep.disagreements),
          ...section('refused by iam-simulate and not allowed by us:', sweep.selfCheckFailures),
        ].join('\n'),
      );
      expect(sweep.disagreements.get('untriaged')?.examples ?? []).toEqual([]);
      expect(sweep.selfCheckFailures.get('untriaged')?.examples ?? []).toEqual([]);
    },
    600_000,
  );

  it.each(KNOWN_DIFFERENCES)(
    'known difference $id names its verdict, AWS documentation and pinning case',
    (known) => {
      expect(known.docs.length).toBeGreaterThan(0);
      for (const url of known.docs) expect(url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      const [file, name] = known.pinnedBy.split('#');
      expect(file).toMatch(
        known.verdict === 'theirs-right'
          ? /^differential-regressions\.json$/
          : /^differential-ours-right\.json$/,
      );
      const cases = z
        .array(z.looseObject({ name: z.string() }))
        .parse(JSON.parse(readFileSync(join(CASES_DIR, file ?? ''), 'utf8')));
      expect(cases.map((c) => c.name)).toContain(name);
    },
  );
});

describe('cases distilled from disagreements', () => {
  const caseSchema = z.looseObject({
    name: z.string(),
    policies: z.array(z.unknown()),
    boundary: z.array(z.unknown()).optional(),
    request: z.object({
      action: z.string(),
      resource: z.string(),
      context: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    }),
    expected: z.enum(['allow', 'explicit-deny', 'implicit-deny']),
  });
  const load = (file: string) =>
    z
      .array(caseSchema)
      .parse(JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')))
      .map((c) => ({
        ...c,
        set: {
          id: -1,
          identity: c.policies.map((p, i) => ({
            name: `policy-${i}`,
            origin: 'generated',
            document: asRawPolicy(p),
          })),
          ...(c.boundary
            ? {
                boundary: c.boundary.map((p, i) => ({
                  name: `boundary-${i}`,
                  origin: 'generated',
                  document: asRawPolicy(p),
                })),
              }
            : {}),
        },
        simulated: {
          action: c.request.action,
          resource: c.request.resource,
          accountId: /^\d{12}$/.test(c.request.resource.split(':')[4] ?? '')
            ? (c.request.resource.split(':')[4] ?? '')
            : HOME_ACCOUNT,
          ...(c.request.context ? { context: c.request.context } : {}),
        },
      }));

  // A regression case pins AWS's answer, which iam-simulate gives and our engine (until fixed) does not.
  it.each(load('differential-regressions.json'))(
    'regression "$name": iam-simulate gives the expected answer',
    async (c) => {
      expect(await simulate(c.set, c.simulated)).toEqual({ kind: 'decision', decision: c.expected });
    },
  );

  // An ours-right case pins our answer where iam-simulate deviates; if iam-simulate ever agrees, the
  // known difference is gone and its entry should be removed.
  it.each(load('differential-ours-right.json'))(
    'ours-right "$name": iam-simulate still answers otherwise',
    async (c) => {
      const theirs = await simulate(c.set, c.simulated);
      expect(theirs.kind).toBe('decision');
      expect(theirs).not.toEqual({ kind: 'decision', decision: c.expected });
    },
  );

  // A case found through iam-simulate's refusals pins AWS's answer where iam-simulate cannot be asked.
  it.each(load('differential-simulator-refusals.json'))(
    'refusal "$name": iam-simulate refuses it',
    async (c) => {
      expect((await simulate(c.set, c.simulated)).kind).toBe('error');
    },
  );
});

const vectorsAvailable = existsSync(VECTOR_DIR);
if (!vectorsAvailable)
  console.warn(`skipping iam-simulate's vectors: ${VECTOR_DIR} is absent (the shared corpus is not mounted)`);

describe.skipIf(!vectorsAvailable)('iam-simulate core-engine vectors (identity + boundary scope)', () => {
  const loaded = loadVectors(readActionCatalog());
  if (!loaded) return;
  const { cases, skipped } = loaded;
  // These are core-engine vectors: runSimulation validates first, and refuses a wildcard-only action
  // requested on a specific ARN (must.use.wildcard), so the adapter check leaves those out.
  const wildcardOnly = new Set(
    readActionCatalog()
      .actions.filter((a) => a.resourceTypes.length === 0)
      .map((a) => `${a.service}:${a.name}`.toLowerCase()),
  );
  const simulable = cases.filter(
    (c) => c.request.resource === '*' || !wildcardOnly.has(c.request.action.toLowerCase()),
  );

  it('reports what it skips and why', () => {
    const reasons = new Map<string, number>();
    for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    console.log(
      [
        `iam-simulate vectors: ${cases.length + skipped.length} read, ${cases.length} in scope, ${skipped.length} skipped`,
        `  in scope but not simulable through runSimulation (wildcard-only action on a specific ARN): ${cases.length - simulable.length}`,
        ...[...reasons].map(([reason, n]) => `  skipped ${n}: ${reason}`),
      ].join('\n'),
    );
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(simulable)('[$file] $name: our adapter reproduces the vector through runSimulation', async (c) => {
    expect(await simulate(c.set, c.request)).toEqual({ kind: 'decision', decision: c.expected });
  });

  it.each(cases)('[$file] $name: our engine agrees, up to triaged differences', async (c) => {
    const catalog = testCatalog();
    const ours = ourEngine(catalog, c.set)(c.request);
    if (ours === c.expected) return;
    const known = await classify({ set: c.set, request: c.request, ours, theirs: c.expected }, catalog);
    expect(
      known.map((k) => k.id),
      `ours ${ours}, vector expects ${c.expected}`,
    ).not.toEqual([]);
    console.log(
      `vector "${c.name}": ours ${ours}, expected ${c.expected}: known difference ${known.map((k) => k.id).join(' + ')}`,
    );
  });
});

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}

function nonNegativeInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
}
