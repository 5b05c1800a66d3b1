import type { Effect } from '../../model/policy.js';
import { setOwn } from '../prototype-keys.js';
import { asBlocks, asExpression } from './configuration.js';
import type { Instance } from './instances.js';
import type { Candidate, Resolver, Scope } from './references.js';
import { stringsOf } from './references.js';
import { hasUnknown, isRecord } from './values.js';

/*
 * Rebuilds the JSON of a `data "aws_iam_policy_document"` whose `json` is unknown until apply, from the
 * values the plan knows and the references its configuration makes. A part that cannot be known exactly
 * widens an Allow and weakens a Deny, never the reverse:
 * - Allow: an unknown Action/Resource/Principal element becomes what it may be at most (an ARN followed
 *   by `*`, or `*`); an unknown NotX element is left out; an unknown condition is left out.
 * - Deny: any unknown part drops the statement.
 */

export interface RebuiltDocument {
  readonly raw: { readonly Version: string; readonly Statement: readonly Record<string, unknown>[] };
  /** One line per approximation made, for `plan.approximated`. */
  readonly approximations: readonly string[];
}

/** A list-valued field of one statement: the elements known exactly, and what the unknown ones refer to. */
interface Elements {
  readonly exact: readonly string[];
  /** Present when some elements are unknown: the candidates their references resolve to. */
  readonly unknown?: readonly Candidate[];
}

type ElementKind = 'action' | 'resource' | 'principal';

function field(source: unknown, name: string): unknown {
  return isRecord(source) ? source[name] : undefined;
}

function listAt(source: unknown, index: number): unknown {
  return Array.isArray(source) ? source[index] : undefined;
}

function knownElements(planned: unknown, mark: unknown): string[] {
  if (!Array.isArray(planned)) return stringsOf(planned);
  return planned.filter((_, index) => listAt(mark, index) !== true).flatMap(stringsOf);
}

function readElements(
  resolver: Resolver,
  scope: Scope,
  expression: unknown,
  planned: unknown,
  mark: unknown,
): Elements | undefined {
  const parsed = asExpression(expression);
  if (planned !== undefined && planned !== null && !hasUnknown(mark)) return { exact: stringsOf(planned) };
  if (parsed?.constant_value !== undefined) return { exact: stringsOf(parsed.constant_value) };
  if (parsed?.references !== undefined) {
    return { exact: knownElements(planned, mark), unknown: resolver.expression(expression, scope) };
  }
  if (hasUnknown(mark)) return { exact: knownElements(planned, mark), unknown: [] };
  return undefined;
}

/** What an unknown element may be at most, for an Allow statement. */
function widen(
  kind: ElementKind,
  candidates: readonly Candidate[],
  arnOf: (instance: Instance) => string,
): string[] {
  if (candidates.length === 0) return ['*'];
  return candidates.flatMap((candidate) => {
    if (candidate.kind === 'unresolved') return ['*'];
    if (candidate.kind === 'instance') {
      const arn = arnOf(candidate.instance);
      // an instance with no ARN of its own (a caller identity's account_id): nothing bounds the element
      if (kind === 'action' || arn.startsWith('arn:terraform:')) return ['*'];
      return [arn + (kind === 'resource' ? '*' : '')];
    }
    const values = stringsOf(candidate.value);
    if (values.length === 0) return ['*'];
    if (kind !== 'resource') return values;
    // the element may be a template around the value: an ARN prefix, or any text containing it
    return values.map((value) =>
      value === '*' ? '*' : value.startsWith('arn:') ? `${value}*` : `*${value}*`,
    );
  });
}

function uniqueList(values: readonly string[]): string[] {
  const unique = [...new Set(values)];
  return unique.includes('*') ? ['*'] : unique;
}

interface StatementInput {
  readonly index: number;
  readonly block: Readonly<Record<string, unknown>> | undefined;
  readonly planned: unknown;
  readonly mark: unknown;
}

interface StatementResult {
  readonly statement?: Record<string, unknown>;
  readonly approximations: readonly string[];
}

export function rebuildPolicyDocument(
  instance: Instance,
  resolver: Resolver,
  arnOf: (instance: Instance) => string,
): RebuiltDocument {
  const scope = resolver.scopeOf(instance);
  const blocks = asBlocks(resolver.configOf(instance)?.expressions?.statement);
  const planned = instance.values.statement;
  const marks = field(instance.unknown, 'statement');
  const count = Math.max(blocks.length, Array.isArray(planned) ? planned.length : 0);
  const results = Array.from({ length: count }, (_, index) =>
    rebuildStatement(
      { index, block: blocks[index], planned: listAt(planned, index), mark: listAt(marks, index) },
      resolver,
      scope,
      arnOf,
    ),
  );
  return {
    raw: {
      Version: '2012-10-17',
      Statement: results.flatMap((result) => (result.statement === undefined ? [] : [result.statement])),
    },
    approximations: results.flatMap((result) => result.approximations),
  };
}

function rebuildStatement(
  input: StatementInput,
  resolver: Resolver,
  scope: Scope,
  arnOf: (instance: Instance) => string,
): StatementResult {
  const { index } = input;
  const read = (name: string) => readField(input, name, resolver, scope);
  const approximations: string[] = [];
  const effectElements = read('effect');
  const effectText = effectElements?.exact[0];
  const effectUnknown = effectElements?.unknown !== undefined;
  const effect: Effect =
    effectUnknown || effectText === undefined || effectText !== 'Deny' ? 'Allow' : 'Deny';
  if (effectUnknown) approximations.push(`statement ${index}: effect is unknown, read as Allow`);
  const isDeny = effect === 'Deny';
  const statement: Record<string, unknown> = { Effect: effect };
  const sid = read('sid')?.exact[0];
  if (sid !== undefined) statement.Sid = sid;

  const lists: readonly [string, string, string, ElementKind][] = [
    ['actions', 'Action', 'NotAction', 'action'],
    ['resources', 'Resource', 'NotResource', 'resource'],
  ];
  for (const [name, element, notElement, kind] of lists) {
    const positive = read(name);
    const negative = read(`not_${name}`);
    if (positive !== undefined && (positive.exact.length > 0 || positive.unknown !== undefined)) {
      const widened = positive.unknown === undefined ? [] : widen(kind, positive.unknown, arnOf);
      if (positive.unknown !== undefined)
        approximations.push(`statement ${index}: ${name} widened to ${widened.join(', ')}`);
      statement[element] = uniqueList([...positive.exact, ...widened]);
    }
    if (negative !== undefined && (negative.exact.length > 0 || negative.unknown !== undefined)) {
      if (negative.unknown !== undefined)
        approximations.push(`statement ${index}: unknown not_${name} left out`);
      if (negative.exact.length > 0) statement[notElement] = uniqueList(negative.exact);
      else statement[element] = ['*'];
    }
  }

  for (const [name, element] of [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
  ] as const) {
    const principals = rebuildPrincipals(input, name, resolver, scope, arnOf);
    approximations.push(...principals.approximations.map((note) => `statement ${index}: ${note}`));
    if (principals.map === undefined) continue;
    if (name === 'not_principals' && principals.approximations.length > 0) statement.Principal = '*';
    else statement[element] = principals.map;
  }

  const conditions = rebuildConditions(input, resolver, scope);
  approximations.push(...conditions.approximations.map((note) => `statement ${index}: ${note}`));
  if (Object.keys(conditions.map).length > 0) statement.Condition = conditions.map;

  if (isDeny && approximations.length > 0) {
    return { approximations: [`statement ${index}: Deny dropped because part of it is unknown until apply`] };
  }
  return { statement, approximations };
}

/** One attribute of a block, from its configuration, its planned value and its unknown marks together. */
function readField(input: StatementInput, name: string, resolver: Resolver, scope: Scope) {
  return readElements(
    resolver,
    scope,
    field(input.block, name),
    field(input.planned, name),
    field(input.mark, name),
  );
}

function blockInputs(input: StatementInput, name: string): StatementInput[] {
  const blocks = asBlocks(field(input.block, name));
  const planned = field(input.planned, name);
  const marks = field(input.mark, name);
  const count = Math.max(blocks.length, Array.isArray(planned) ? planned.length : 0);
  return Array.from({ length: count }, (_, index) => ({
    index,
    block: blocks[index],
    planned: listAt(planned, index),
    mark: listAt(marks, index),
  }));
}

function rebuildPrincipals(
  input: StatementInput,
  name: 'principals' | 'not_principals',
  resolver: Resolver,
  scope: Scope,
  arnOf: (instance: Instance) => string,
): { map?: Record<string, string[]>; approximations: string[] } {
  const entries = blockInputs(input, name);
  if (entries.length === 0) return { approximations: [] };
  const map: Record<string, string[]> = {};
  const approximations: string[] = [];
  for (const entry of entries) {
    const read = (attr: string) => readField(entry, attr, resolver, scope);
    const typeElements = read('type');
    const identifiers = read('identifiers');
    const type = typeElements?.unknown === undefined ? typeElements?.exact[0] : undefined;
    if (type === undefined || identifiers === undefined) {
      approximations.push(`${name} with an unknown type read as everyone`);
      map.AWS = ['*'];
      continue;
    }
    const widened = identifiers.unknown === undefined ? [] : widen('principal', identifiers.unknown, arnOf);
    if (identifiers.unknown !== undefined)
      approximations.push(`${name} ${type} widened to ${widened.join(', ')}`);
    const kept = name === 'not_principals' ? identifiers.exact : [...identifiers.exact, ...widened];
    setOwn(map, type, uniqueList([...(map[type] ?? []), ...kept]));
  }
  return { map, approximations };
}

function rebuildConditions(
  input: StatementInput,
  resolver: Resolver,
  scope: Scope,
): { map: Record<string, Record<string, string[]>>; approximations: string[] } {
  const map: Record<string, Record<string, string[]>> = {};
  const approximations: string[] = [];
  for (const entry of blockInputs(input, 'condition')) {
    const read = (attr: string) => readField(entry, attr, resolver, scope);
    const [test, variable, values] = [read('test'), read('variable'), read('values')];
    const operator = test?.exact[0];
    const key = variable?.exact[0];
    if (
      operator === undefined ||
      key === undefined ||
      values === undefined ||
      [test, variable, values].some((part) => part?.unknown !== undefined)
    ) {
      approximations.push(
        `condition ${operator ?? '?'} ${key ?? '?'} left out because it is unknown until apply`,
      );
      continue;
    }
    setOwn(map, operator, { ...map[operator], [key]: [...(map[operator]?.[key] ?? []), ...values.exact] });
  }
  return { map, approximations };
}
