import type { ConditionMap } from '../model/policy.js';
import type { Tags } from '../model/principal.js';
import { compileGlob, globMatches } from './glob.js';

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

/** What is known of a request before it is made: for a resource the inputs name, its tags. */
export interface KnownContext {
  readonly resourceTags?: Tags;
}

export type Truth = 'true' | 'false' | 'unknown';

const TAG_KEY = /^(aws|ec2):resourcetag\/(.+)$/i;
const STRING_OPERATORS = /^String(Not)?(Equals|EqualsIgnoreCase|Like)(IfExists)?$/;

/**
 * Decides conditions that the known context settles, the rest stays unknown. Only resource-tag
 * keys under the string operators are decided; everything else depends on the request.
 * All blocks, operators and keys must hold (AND); any of a key's values may match (OR).
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

function evaluateKey(operator: string, key: string, values: readonly string[], context: KnownContext): Truth {
  const tag = TAG_KEY.exec(key)?.[2];
  const op = STRING_OPERATORS.exec(operator);
  if (!tag || !op || !context.resourceTags) return 'unknown';
  const [, negated, kind, ifExists] = op;
  const actual = tagValue(context.resourceTags, tag);
  if (actual === undefined) return negated || ifExists ? 'true' : 'false';
  const matched = values.some((v) => stringMatches(kind ?? 'Equals', v, actual));
  return matched !== Boolean(negated) ? 'true' : 'false';
}

/** Tag keys compare case-insensitively in aws:ResourceTag, values as the operator says. */
function tagValue(tags: Tags, key: string): string | undefined {
  const wanted = key.toLowerCase();
  return Object.entries(tags).find(([k]) => k.toLowerCase() === wanted)?.[1];
}

function stringMatches(kind: string, expected: string, actual: string): boolean {
  if (kind === 'EqualsIgnoreCase') return expected.toLowerCase() === actual.toLowerCase();
  if (kind === 'Like') return globMatches(compileGlob(expected), actual);
  return expected === actual;
}
