import type { Catalog } from '../../../src/policy/catalog.js';
import { ourEngine, simulate } from './engines.js';
import type {
  Decision,
  DiffRequest,
  NamedPolicy,
  PolicySet,
  RawCondition,
  RawStatement,
  SimulatorOutcome,
} from './types.js';

/** The two answers a reduction must keep. */
export interface Answers {
  readonly ours: Decision;
  readonly theirs: SimulatorOutcome;
}

interface Located {
  readonly policy: number;
  readonly name: string;
  readonly origin: string;
  readonly statement: RawStatement;
}

/**
 * Reduces a policy set to the statements (and the Action/Resource entries within them) that the
 * disagreement needs: delta debugging over statements, then over list entries, keeping both
 * engines' answers unchanged. The result is small enough to read and to paste as a JSON case.
 */
export async function minimizeSet(
  catalog: Catalog,
  set: PolicySet,
  request: DiffRequest,
  /** An extra condition every reduction must keep (e.g. the same disagreement class). */
  alsoKeeps: (candidate: PolicySet, answers: Answers) => Promise<boolean> = async () => true,
): Promise<PolicySet> {
  const target = await answer(catalog, set, request);
  const holds = async (candidate: PolicySet) => {
    const answers = await answer(catalog, candidate, request);
    return sameAnswers(answers, target) && (await alsoKeeps(candidate, answers));
  };

  let identity = flatten(set.identity);
  let boundary = set.boundary ? flatten(set.boundary) : undefined;
  const build = (i: readonly Located[], b: readonly Located[] | undefined): PolicySet => ({
    id: set.id,
    identity: regroup(i),
    ...(b ? { boundary: regroup(b) } : {}),
  });

  if (boundary && (await holds(build(identity, undefined)))) boundary = undefined;
  identity = await reduceList(identity, 0, (i) => holds(build(i, boundary)));
  if (boundary) {
    const fixedIdentity = identity;
    boundary = await reduceList(boundary, 1, (b) => holds(build(fixedIdentity, b)));
  }
  // Then the entries inside each remaining statement.
  for (const side of ['identity', 'boundary'] as const) {
    const list = side === 'identity' ? identity : boundary;
    if (!list) continue;
    for (let s = 0; s < list.length; s++) {
      for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
        const current = list[s];
        const values = current?.statement[key];
        if (!current || !values || values.length < 2) continue;
        const reduced = await reduceList([...values], 1, (v) => {
          const next = replaceAt(list, s, { ...current, statement: { ...current.statement, [key]: v } });
          return holds(side === 'identity' ? build(next, boundary) : build(identity, next));
        });
        const next = replaceAt(list, s, { ...current, statement: { ...current.statement, [key]: reduced } });
        if (side === 'identity') identity = next;
        else boundary = next;
      }
    }
  }
  // Then the condition tests, one (operator, key) at a time.
  identity = await reduceConditions(identity, (i) => holds(build(i, boundary)));
  if (boundary) {
    const fixedIdentity = identity;
    boundary = await reduceConditions(boundary, (b) => holds(build(fixedIdentity, b)));
  }
  return build(identity, boundary);
}

async function reduceConditions(
  list: readonly Located[],
  holds: (candidate: Located[]) => Promise<boolean>,
): Promise<Located[]> {
  let current = [...list];
  for (let s = 0; s < current.length; s++) {
    for (const [operator, key] of conditionTests(current[s]?.statement.Condition)) {
      const located = current[s];
      if (!located) continue;
      const statement = withoutTest(located.statement, operator, key);
      const candidate = replaceAt(current, s, { ...located, statement });
      if (await holds(candidate)) current = candidate;
    }
  }
  return current;
}

function conditionTests(condition: RawCondition | undefined): [string, string][] {
  return Object.entries(condition ?? {}).flatMap(([operator, keys]) =>
    Object.keys(keys).map((key): [string, string] => [operator, key]),
  );
}

/** The statement without one condition test (and without Condition once it is empty). */
function withoutTest(statement: RawStatement, operator: string, key: string): RawStatement {
  const { Condition: condition, ...rest } = statement;
  const kept: Record<string, Readonly<Record<string, readonly string[]>>> = {};
  for (const [op, keys] of Object.entries(condition ?? {})) {
    const left = Object.fromEntries(Object.entries(keys).filter(([k]) => op !== operator || k !== key));
    if (Object.keys(left).length > 0) kept[op] = left;
  }
  return Object.keys(kept).length > 0 ? { ...rest, Condition: kept } : rest;
}

async function answer(catalog: Catalog, set: PolicySet, request: DiffRequest): Promise<Answers> {
  return { ours: ourEngine(catalog, set)(request), theirs: await simulate(set, request) };
}

function sameAnswers(a: Answers, b: Answers): boolean {
  if (a.ours !== b.ours || a.theirs.kind !== b.theirs.kind) return false;
  return a.theirs.kind === 'decision' && b.theirs.kind === 'decision'
    ? a.theirs.decision === b.theirs.decision
    : a.theirs.kind === 'error' && b.theirs.kind === 'error' && a.theirs.reason === b.theirs.reason;
}

function flatten(policies: readonly NamedPolicy[]): Located[] {
  return policies.flatMap((p, policy) =>
    p.document.Statement.map((statement) => ({ policy, name: p.name, origin: p.origin, statement })),
  );
}

function regroup(located: readonly Located[]): NamedPolicy[] {
  const byPolicy = new Map<number, { name: string; origin: string; statements: RawStatement[] }>();
  for (const l of located) {
    const entry = byPolicy.get(l.policy) ?? { name: l.name, origin: l.origin, statements: [] };
    entry.statements.push(l.statement);
    byPolicy.set(l.policy, entry);
  }
  return [...byPolicy.values()].map((p) => ({
    name: p.name,
    origin: p.origin,
    document: { Version: '2012-10-17', Statement: p.statements },
  }));
}

function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}

/** ddmin: removes chunks of shrinking size while `holds` stays true; never goes below `min` items. */
async function reduceList<T>(
  items: readonly T[],
  min: number,
  holds: (candidate: T[]) => Promise<boolean>,
): Promise<T[]> {
  let current = [...items];
  if (min === 0 && current.length > 0 && (await holds([]))) return [];
  let parts = 2;
  while (current.length > Math.max(min, 1)) {
    const size = Math.ceil(current.length / parts);
    let reduced = false;
    for (let start = 0; start < current.length; start += size) {
      const candidate = [...current.slice(0, start), ...current.slice(start + size)];
      if (candidate.length >= Math.max(min, 1) && (await holds(candidate))) {
        current = candidate;
        parts = Math.max(parts - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (size <= 1) break;
      parts = Math.min(current.length, parts * 2);
    }
  }
  return current;
}

/** The reduced set as a case for test/policy/cases (the runner's JSON format). */
export function toCase(
  set: PolicySet,
  request: DiffRequest,
  name: string,
  expected: Decision,
  why: string,
): unknown {
  return {
    name,
    policies: set.identity.map((p) => p.document),
    ...(set.boundary ? { boundary: set.boundary.map((p) => p.document) } : {}),
    request: { action: request.action, resource: request.resource },
    expected,
    why,
  };
}
