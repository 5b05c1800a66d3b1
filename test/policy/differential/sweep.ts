import { readActionCatalog } from '../../../src/ingest/action-catalog/read-catalog.js';
import type { Catalog } from '../../../src/policy/catalog.js';
import { indexCatalog, isValidResourceFor } from './catalog-index.js';
import { ourEngine } from './engines.js';
import { classify } from './known-differences.js';
import { createSimulator } from './simulator-pool.js';
import { type Decision, type DiffRequest, HOME_ACCOUNT, type PolicySet } from './types.js';

export interface SweepReport {
  pairs: number;
  readonly disagreements: Map<string, { count: number; examples: string[] }>;
  refusals: number;
}

/**
 * Exhaustive companion to the random differential: for every action and each of its resource
 * types, `Allow <action>` on the type's natural wildcard pattern (every variable `*`, as people
 * write `arn:aws:connect:*:*:instance/*\/contact-flow/*`) must allow a concrete ARN of that type.
 * Disagreements are classified with the same known-difference table.
 */
export async function runResourceTypeSweep(catalog: Catalog, workers: number): Promise<SweepReport> {
  const gen = indexCatalog(readActionCatalog());
  const simulator = createSimulator(workers);
  const report: SweepReport = { pairs: 0, disagreements: new Map(), refusals: 0 };
  const jobs: {
    set: PolicySet;
    request: DiffRequest;
    ours: Decision;
    theirs: ReturnType<typeof simulator.submit>[number];
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
        if (theirs) jobs.push({ set, request, ours: ourEngine(catalog, set)(request), theirs });
      }
    }
    for (const job of jobs) {
      const outcome = await job.theirs;
      if (outcome.kind === 'error') {
        report.refusals++;
        continue;
      }
      report.pairs++;
      if (outcome.decision === job.ours) continue;
      const known = await classify(
        { set: job.set, request: job.request, ours: job.ours, theirs: outcome.decision },
        catalog,
      );
      const key = known.length === 0 ? 'untriaged' : known.map((k) => k.id).join(' + ');
      const entry = report.disagreements.get(key) ?? { count: 0, examples: [] };
      entry.count++;
      if (entry.examples.length < 5) {
        entry.examples.push(
          `${job.request.action} on ${job.request.resource} with Allow ${job.set.identity[0]?.document.Statement[0]?.Resource?.[0]}: ours ${job.ours}, iam-simulate ${outcome.decision}`,
        );
      }
      report.disagreements.set(key, entry);
    }
  } finally {
    await simulator.close();
  }
  return report;
}
