import type { ConditionMap } from '../model/policy.js';

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
