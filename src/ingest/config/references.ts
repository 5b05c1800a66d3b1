import { DEFAULT_NO_GO_ZONES } from '../../model/capability.js';
import type { RawConfig } from './config-schema.js';
import { type ConfigIssue, closestMatch, describeValue, joinOr } from './messages.js';

/**
 * Checks what a schema cannot see on its own, once the shape is valid: agent names are unique,
 * every environment and data classification an agent names is defined, and `allow-zones` opts
 * out only of a default no-go zone that the agent does not also forbid.
 */
export function findReferenceIssues(raw: RawConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const environments = Object.keys(raw.environments ?? {});
  const classifications = Object.keys(raw.data ?? {});
  const firstIndexByName = new Map<string, number>();

  for (const [index, agent] of (raw.agents ?? []).entries()) {
    const at = (...rest: PropertyKey[]): PropertyKey[] => ['agents', index, ...rest];

    const first = firstIndexByName.get(agent.name);
    if (first === undefined) firstIndexByName.set(agent.name, index);
    else {
      issues.push({
        path: at('name'),
        message: `duplicate agent name ${describeValue(agent.name)} (also the name of agents[${first}])`,
      });
    }

    for (const [i, name] of (agent.environments ?? []).entries()) {
      const problem = undefinedName(name, environments, 'environment', 'environments');
      if (problem) issues.push({ path: at('environments', i), message: problem });
    }
    for (const access of ['read', 'write'] as const) {
      for (const [i, name] of (agent.data?.[access] ?? []).entries()) {
        const problem = undefinedName(name, classifications, 'data classification', 'data');
        if (problem) issues.push({ path: at('data', access, i), message: problem });
      }
    }

    const forbidden = new Set(agent.forbid ?? []);
    for (const [i, optOut] of (agent['allow-zones'] ?? []).entries()) {
      if (!DEFAULT_NO_GO_ZONES.includes(optOut.zone)) {
        issues.push({
          path: at('allow-zones', i, 'zone'),
          message: `expected a default no-go zone (${joinOr(DEFAULT_NO_GO_ZONES)}), received ${describeValue(optOut.zone)}; only a default zone can be opted out of`,
        });
      } else if (forbidden.has(optOut.zone)) {
        issues.push({
          path: at('allow-zones', i, 'zone'),
          message: `${describeValue(optOut.zone)} is also listed under forbid; an agent cannot both forbid and allow a zone`,
        });
      }
    }
  }
  return issues;
}

function undefinedName(
  name: string,
  defined: readonly string[],
  what: string,
  section: string,
): string | undefined {
  if (defined.includes(name)) return undefined;
  if (defined.length === 0) {
    return `undefined ${what} ${describeValue(name)} (no ${what}s are defined under ${section}:)`;
  }
  const suggestion = closestMatch(name, defined);
  const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
  return `undefined ${what} ${describeValue(name)} (defined under ${section}: ${defined.join(', ')})${hint}`;
}
