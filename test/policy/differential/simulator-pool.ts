import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { theirEngine } from './engines.js';
import { type DiffRequest, type PolicySet, PRINCIPAL_ARN, type SimulatorOutcome } from './types.js';

/** Runs iam-simulate for the differential: in worker threads, or in this thread when `size` is 0. */
export interface Simulator {
  /** Starts every request of a set; the promises settle in any order. */
  submit(set: PolicySet, requests: readonly DiffRequest[]): Promise<SimulatorOutcome>[];
  close(): Promise<void>;
}

const replySchema = z.object({
  id: z.number(),
  outcome: z.union([
    z.object({
      kind: z.literal('decision'),
      result: z.enum(['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']),
    }),
    z.object({ kind: z.literal('error'), reason: z.string() }),
  ]),
});

const DECISIONS = {
  Allowed: 'allow',
  ExplicitlyDenied: 'explicit-deny',
  ImplicitlyDenied: 'implicit-deny',
} as const;

export function createSimulator(size: number): Simulator {
  return size > 0 ? new WorkerSimulator(size) : new InlineSimulator();
}

class InlineSimulator implements Simulator {
  submit(set: PolicySet, requests: readonly DiffRequest[]): Promise<SimulatorOutcome>[] {
    const theirs = theirEngine(set);
    // Sequential, so that the first request's validation is reused by the others.
    let chain: Promise<unknown> = Promise.resolve();
    return requests.map((request) => {
      const next = chain.then(() => theirs(request));
      chain = next;
      return next;
    });
  }

  async close(): Promise<void> {}
}

class WorkerSimulator implements Simulator {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, (outcome: SimulatorOutcome) => void>();
  private nextId = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./simulator-worker.mjs', import.meta.url));
      worker.on('message', (raw: unknown) => this.settle(raw));
      worker.on('error', (error) => this.failAll(`worker error: ${String(error)}`));
      this.workers.push(worker);
    }
  }

  submit(set: PolicySet, requests: readonly DiffRequest[]): Promise<SimulatorOutcome>[] {
    // One worker per set: its requests run there in order, reusing the first one's validation.
    const worker = this.workers[set.id % this.workers.length];
    if (!worker) throw new Error('simulator pool has no workers');
    const policies = (list: PolicySet['identity']) => list.map((p) => ({ name: p.name, policy: p.document }));
    worker.postMessage({
      type: 'set',
      setId: set.id,
      identity: policies(set.identity),
      ...(set.boundary ? { boundary: policies(set.boundary) } : {}),
    });
    const promises = requests.map(
      (request) =>
        new Promise<SimulatorOutcome>((resolve) => {
          const id = this.nextId++;
          this.pending.set(id, resolve);
          worker.postMessage({ type: 'request', id, setId: set.id, principal: PRINCIPAL_ARN, request });
        }),
    );
    void Promise.all(promises).then(() => worker.postMessage({ type: 'drop', setId: set.id }));
    return promises;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(raw: unknown): void {
    const reply = replySchema.parse(raw);
    const resolve = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    resolve?.(
      reply.outcome.kind === 'decision'
        ? { kind: 'decision', decision: DECISIONS[reply.outcome.result] }
        : { kind: 'error', reason: reply.outcome.reason },
    );
  }

  private failAll(reason: string): void {
    for (const resolve of this.pending.values()) resolve({ kind: 'error', reason });
    this.pending.clear();
  }
}
