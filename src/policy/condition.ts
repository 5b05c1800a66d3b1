import type { ConditionMap } from '../model/policy.js';
import type { Tags } from '../model/principal.js';
import { CONDITION_OPERATORS, type OperatorDefinition } from './condition-operators.js';

/** `Bool aws:MultiFactorAuthPresent = true` for each operator and key, sorted and de-duplicated. */
export function describeConditions(conditions: readonly ConditionMap[]): string[] {
  const lines = new Set<string>();
  for (const map of conditions) {
    for (const [operator, keys] of Object.entries(map)) {
      for (const [key, values] of Object.entries(keys))
        lines.add(`${operator} ${key} = ${values.join(' | ')}`);
    }
  }
  return [...lines].sort();
}

/**
 * The conditions as one string that is the same for the same requirements: operator, key (case
 * folded, as AWS compares keys) and sorted values of each test, the tests sorted.
 */
export function canonicalConditions(conditions: readonly ConditionMap[]): string {
  const tests = new Set<string>();
  for (const map of conditions) {
    for (const [operator, keys] of Object.entries(map)) {
      for (const [key, values] of Object.entries(keys))
        tests.add(JSON.stringify([operator, key.toLowerCase(), [...values].sort()]));
    }
  }
  return [...tests].sort().join('\n');
}

/** A request context value: one string for a single-valued key, a list for a multivalued one. */
export type ContextValue = string | readonly string[];

/**
 * Request context keys known before the request is made, by lower-cased key. A key maps to its
 * value, or to `null` when it is known to be absent from every request.
 */
export interface RequestKeys {
  readonly values: ReadonlyMap<string, ContextValue | null>;
  /** Lower-cased key prefixes (`aws:principaltag/`) under which every present key is listed. */
  readonly completePrefixes: readonly string[];
  /** Every key is listed: any other one is absent (a whole request context, as a simulator has). */
  readonly complete: boolean;
}

/**
 * What is known of a request before it is made: for a resource the inputs name, its tags; for the
 * principal making it, the request keys that follow from the principal. Keys not known either way
 * stay unknown, and so do the conditions that test them.
 */
export interface KnownContext {
  readonly resourceTags?: Tags;
  readonly request?: RequestKeys;
}

export type Truth = 'true' | 'false' | 'unknown';

/** Builds {@link RequestKeys} from keys in any case (AWS compares context key names case-insensitively). */
export function requestKeys(
  values: Readonly<Record<string, ContextValue | null>>,
  options: { readonly complete?: boolean; readonly completePrefixes?: readonly string[] } = {},
): RequestKeys {
  return {
    values: new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), value])),
    completePrefixes: (options.completePrefixes ?? []).map((p) => p.toLowerCase()),
    complete: options.complete ?? false,
  };
}

/**
 * Decides conditions as far as the known context settles them; the rest stays unknown. All blocks,
 * operators and keys must hold (AND); any of a key's values may match (OR). See
 * docs/conditions.md for the semantics of each operator, of missing keys and of policy variables.
 */
export function evaluateConditions(conditions: readonly ConditionMap[], context: KnownContext): Truth {
  let truth: Truth = 'true';
  for (const map of conditions) {
    for (const [operator, keys] of Object.entries(map)) {
      for (const [key, values] of Object.entries(keys)) {
        const result = evaluateKey(operator, key, values, context);
        if (result === 'false') return 'false';
        if (result === 'unknown') truth = 'unknown';
      }
    }
  }
  return truth;
}

type SetOperator = 'ForAnyValue' | 'ForAllValues';

interface ParsedOperator {
  readonly set?: SetOperator;
  readonly ifExists: boolean;
  /** Undefined for Null. */
  readonly definition?: OperatorDefinition;
}

const OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/i;
const parsedOperators = new Map<string, ParsedOperator | undefined>();

/** `ForAnyValue:StringLikeIfExists` and the like, once per spelling; undefined when unknown. */
function parseOperator(operator: string): ParsedOperator | undefined {
  if (parsedOperators.has(operator)) return parsedOperators.get(operator);
  const match = OPERATOR.exec(operator);
  const prefix = match?.[1]?.toLowerCase();
  const base = (match?.[2] ?? '').toLowerCase();
  const ifExists = match?.[3] !== undefined;
  const set: SetOperator | undefined =
    prefix === 'foranyvalue' ? 'ForAnyValue' : prefix === 'forallvalues' ? 'ForAllValues' : undefined;
  const definition = CONDITION_OPERATORS.get(base);
  let parsed: ParsedOperator | undefined;
  if (base === 'null' && !set && !ifExists) parsed = { ifExists };
  else if (definition) parsed = { ...(set ? { set } : {}), ifExists, definition };
  parsedOperators.set(operator, parsed);
  return parsed;
}

type Lookup =
  | { readonly kind: 'present'; readonly value: ContextValue }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown' };

const UNKNOWN: Lookup = { kind: 'unknown' };
const ABSENT: Lookup = { kind: 'absent' };
const TAG_KEY = /^(aws|ec2):resourcetag\/(.+)$/;

/** What the context says of one key: its value, that it is absent, or nothing. */
function lookupKey(key: string, context: KnownContext): Lookup {
  const lower = key.toLowerCase();
  const request = context.request;
  const known = request?.values.get(lower);
  if (known !== undefined) return known === null ? ABSENT : { kind: 'present', value: known };
  const tag = context.resourceTags && TAG_KEY.exec(lower)?.[2];
  if (tag && context.resourceTags) {
    const value = tagValue(context.resourceTags, tag);
    return value === undefined ? ABSENT : { kind: 'present', value };
  }
  if (!request) return UNKNOWN;
  if (request.complete || request.completePrefixes.some((p) => lower.startsWith(p))) return ABSENT;
  return UNKNOWN;
}

/** Tag keys compare case-insensitively in aws:ResourceTag, values as the operator says. */
function tagValue(tags: Tags, wanted: string): string | undefined {
  return Object.entries(tags).find(([k]) => k.toLowerCase() === wanted)?.[1];
}

function evaluateKey(operator: string, key: string, values: readonly string[], context: KnownContext): Truth {
  const parsed = parseOperator(operator);
  if (!parsed) return 'unknown';
  const found = lookupKey(key, context);
  if (found.kind === 'unknown') return 'unknown';
  const { definition } = parsed;
  if (!definition) {
    const wanted = found.kind === 'absent' ? 'true' : 'false';
    return asTruth(values.some((v) => v.toLowerCase() === wanted));
  }
  if (found.kind === 'absent') return asTruth(matchesAbsentKey(parsed, definition));
  const resolved = resolveValues(values, definition, context);
  if (resolved === 'unknown') return 'unknown';
  const { value } = found;
  const matches = (requestValue: string) => valueMatches(definition, resolved, requestValue);
  if (parsed.set === 'ForAnyValue') return asTruth(asList(value).some(matches));
  if (parsed.set === 'ForAllValues') return asTruth(asList(value).every(matches));
  // A single-valued operator never matches a multivalued key, negated or not.
  return asTruth(typeof value === 'string' && matches(value));
}

/**
 * A missing key: ForAllValues holds (no value fails it), IfExists holds, ForAnyValue fails (no value
 * matches), a negated operator holds and a positive one fails.
 */
function matchesAbsentKey(parsed: ParsedOperator, definition: OperatorDefinition): boolean {
  if (parsed.set === 'ForAllValues' || parsed.ifExists) return true;
  if (parsed.set === 'ForAnyValue') return false;
  return definition.negated;
}

/**
 * One request value against the policy values: a positive operator matches when some value does;
 * a negated one when no value does and every value is valid for the type. A value whose variable
 * has no value (undefined) is null: nothing equals it or is like it.
 */
function valueMatches(
  definition: OperatorDefinition,
  policyValues: readonly (string | undefined)[],
  requestValue: string,
): boolean {
  return definition.negated
    ? policyValues.every((p) => p === undefined || definition.test(p, requestValue) === false)
    : policyValues.some((p) => p !== undefined && definition.test(p, requestValue) === true);
}

function asList(value: ContextValue): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

function asTruth(holds: boolean): Truth {
  return holds ? 'true' : 'false';
}

// A variable's name stops at the next `$`, so scanning stays linear on hostile text (`${${${…`).
const VARIABLE = /\$\{(\$|[^}$]*)\}/g;
const DEFAULTED = /^\s*([^,\s]+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?$/;

/**
 * Policy values with their variables resolved against the context: `${aws:username}` takes the
 * key's value (`${key, 'default'}` the default when the key is absent or multivalued), `${*}`,
 * `${?}` and `${$}` their literal character. A value whose variable has no value is null
 * (undefined): AWS says nothing is equal or like it. An unknown key leaves the whole test unknown.
 * Numeric, date and IP values take no variables.
 */
function resolveValues(
  values: readonly string[],
  definition: OperatorDefinition,
  context: KnownContext,
): readonly (string | undefined)[] | 'unknown' {
  if (definition.syntax === 'plain' || !values.some((v) => v.includes('${'))) return values;
  const out: (string | undefined)[] = [];
  for (const value of values) {
    const resolved = resolveVariables(value, definition.syntax === 'glob', context);
    if (resolved === 'unknown') return 'unknown';
    out.push(resolved);
  }
  return out;
}

function resolveVariables(
  value: string,
  glob: boolean,
  context: KnownContext,
): string | undefined | 'unknown' {
  let unresolved = false;
  let unknown = false;
  const text = value.replace(VARIABLE, (whole, inner: string) => {
    if (inner === '*' || inner === '?' || inner === '$') return glob ? whole : inner;
    const match = DEFAULTED.exec(inner);
    if (!match) {
      unresolved = true;
      return whole;
    }
    const found = lookupKey(match[1] ?? '', context);
    if (found.kind === 'unknown') unknown = true;
    const fallback = match[2]?.replace(/''/g, "'");
    const replacement = found.kind === 'present' && typeof found.value === 'string' ? found.value : fallback;
    if (replacement === undefined) unresolved = true;
    return glob ? escapeGlob(replacement ?? '') : (replacement ?? '');
  });
  if (unknown) return 'unknown';
  return unresolved ? undefined : text;
}

/** A resolved variable's value is literal text, never a wildcard. */
function escapeGlob(text: string): string {
  return text.replace(/[*?$]/g, (c) => `\${${c}}`);
}
