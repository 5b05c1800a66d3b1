import { readActionCatalog } from '../../../src/ingest/action-catalog/read-catalog.js';
import type { Catalog } from '../../../src/policy/catalog.js';
import { indexCatalog, isValidResourceFor, splitJoinedFormat } from './catalog-index.js';
import { ourEngine } from './engines.js';
import { classify } from './known-differences.js';
import { createSimulator } from './simulator-pool.js';
import {
  type Decision,
  type DiffRequest,
  HOME_ACCOUNT,
  type PolicySet,
  type SimulatorOutcome,
} from './types.js';

export interface Tally {
  count: number;
  readonly examples: string[];
}

export interface SweepReport {
  /** Action/resource-type pairs both engines decided. */
  pairs: number;
  /** Disagreements with iam-simulate, by known-difference class (or `untriaged`). */
  readonly disagreements: Map<string, Tally>;
  /** Pairs iam-simulate refused to simulate. */
  refusals: number;
  /**
   * On refused pairs our engine is checked alone against the only possible AWS answer (an Allow on
   * the type's own pattern allows an instance of the type): failures by cause (or `untriaged`).
   */
  readonly selfCheckFailures: Map<string, Tally>;
}

/** Our engine drops actions whose resource type iam-data writes as two comma-joined ARN formats. */
export const JOINED_FORMAT_ISSUE = 'comma-joined-resource-type-format';

/**
 * Exhaustive companion to the random differential: for every action and each of its resource
 * types, `Allow <action>` on the type's natural wildcard pattern (every variable `*`, as people
 * write `arn:aws:connect:*:*:instance/*` + `/contact-flow/*`) must allow a concrete ARN of that
 * type. Disagreements are classified with the same known-difference table.
 */
export async function runResourceTypeSweep(catalog: Catalog, workers: number): Promise<SweepReport> {
  const data = readActionCatalog();
  const gen = indexCatalog(data);
  const joinedPieces = new Set(
    data.resourceTypes
      .map((t) => splitJoinedFormat(t.arnFormat))
      .flatMap((pieces) => (pieces.length > 1 ? pieces : [])),
  );
  const simulator = createSimulator(workers);
  const report: SweepReport = {
    pairs: 0,
    disagreements: new Map(),
    refusals: 0,
    selfCheckFailures: new Map(),
  };
  const jobs: {
    set: PolicySet;
    request: DiffRequest;
    pattern: string;
    joined: boolean;
    ours: Decision;
    theirs: Promise<SimulatorOutcome>;
  }[] = [];
  try {
    for (const action of gen.actions) {
      for (const format of action.formats) {
        const parts = format.split(':');
        const fill = (segment: string, value: string) => segment.replace(/\$\{[^}]*\}|\*/g, value);
        const head = (region: string, account: string) =>
          ['arn', 'aws', parts[2] ?? '', fill(parts[3] ?? '', region), fill(parts[4] ?? '', account)].join(
            ':',
          );
        const pattern = `${head('*', '*')}:${fill(parts.slice(5).join(':'), '*')}`;
        const arn = `${head('us-east-1', HOME_ACCOUNT)}:${fill(parts.slice(5).join(':'), 'name1')}`;
        if (!isValidResourceFor(gen, action, arn)) continue;
        const set: PolicySet = {
          id: jobs.length,
          identity: [
            {
              name: 'sweep',
              origin: 'generated',
              document: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: [action.full], Resource: [pattern] }],
              },
            },
          ],
        };
        const request: DiffRequest = { action: action.full, resource: arn, accountId: HOME_ACCOUNT };
        const [theirs] = simulator.submit(set, [request]);
        if (!theirs) continue;
        const ours = ourEngine(catalog, set)(request);
        jobs.push({ set, request, pattern, joined: joinedPieces.has(format), ours, theirs });
      }
    }
    for (const job of jobs) {
      const outcome = await job.theirs;
      const example = `${job.request.action} on ${job.request.resource} with Allow ${job.pattern}: ours ${job.ours}`;
      if (outcome.kind === 'error') {
        report.refusals++;
        if (job.ours !== 'allow') {
          add(
            report.selfCheckFailures,
            job.joined ? JOINED_FORMAT_ISSUE : 'untriaged',
            `${example} (iam-simulate: ${outcome.reason})`,
          );
        }
        continue;
      }
      report.pairs++;
      if (outcome.decision === job.ours) continue;
      const known = await classify(
        { set: job.set, request: job.request, ours: job.ours, theirs: outcome.decision },
        catalog,
      );
      const key = known.length === 0 ? 'untriaged' : known.map((k) => k.id).join(' + ');
      add(report.disagreements, key, `${example}, iam-simulate ${outcome.decision}`);
    }
  } finally {
    await simulator.close();
  }
  return report;
}

function add(map: Map<string, Tally>, key: string, example: string): void {
  const entry = map.get(key) ?? { count: 0, examples: [] };
  entry.count++;
  if (entry.examples.length < 5) entry.examples.push(example);
  map.set(key, entry);
}
