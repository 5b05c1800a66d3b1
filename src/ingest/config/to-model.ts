import { dirname, isAbsolute, join } from 'node:path';
import type { Agent, IdentityRef } from '../../model/agent.js';
import type { Classifier, Config, Ignore } from '../../model/config.js';
import type { FailOn, Severity } from '../../model/severity.js';
import type { RawAgent, RawClassifier, RawConfig } from './config-schema.js';
import { formatConfigPath } from './yaml-location.js';

/** The name of the file `--config` defaults to. */
export const DEFAULT_CONFIG_FILE = 'blast-radius.yaml';

/** Condition keys that count as a human approval gate when `approval-conditions` is not given. */
export const DEFAULT_APPROVAL_CONDITIONS: readonly string[] = [
  'aws:MultiFactorAuthAge',
  'aws:MultiFactorAuthPresent',
];

export const DEFAULT_FAIL_ON: FailOn = 'high';

/** The configuration used when there is no blast-radius.yaml: no agents, no environments, every default. */
export function emptyConfig(file: string = DEFAULT_CONFIG_FILE): Config {
  return {
    file,
    version: 1,
    environments: {},
    data: {},
    agents: [],
    organization: { scps: [], rcps: [] },
    approvalConditions: [...DEFAULT_APPROVAL_CONDITIONS],
    rules: { failOn: DEFAULT_FAIL_ON, strict: false, severity: {}, ignore: [] },
  };
}

/**
 * The validated YAML as the model's `Config`: camelCase keys, defaults filled in, organization
 * policy paths resolved against the config file's directory. `lineOf` gives the line of a path
 * in the YAML text (for each agent's source location).
 */
export function toConfig(
  raw: RawConfig,
  file: string,
  lineOf: (path: readonly PropertyKey[]) => number,
): Config {
  const rules = raw.rules;
  return {
    file,
    version: 1,
    environments: toClassifiers(raw.environments),
    data: toClassifiers(raw.data),
    agents: (raw.agents ?? []).map((agent, index) =>
      toAgent(agent, { file, line: lineOf(['agents', index]) }),
    ),
    organization: {
      scps: (raw.organization?.scps ?? []).map((p) => resolveFrom(file, p)),
      rcps: (raw.organization?.rcps ?? []).map((p) => resolveFrom(file, p)),
    },
    approvalConditions: [...(raw['approval-conditions'] ?? DEFAULT_APPROVAL_CONDITIONS)],
    rules: {
      failOn: rules?.['fail-on'] ?? DEFAULT_FAIL_ON,
      strict: rules?.strict ?? false,
      severity: toSeverityMap(rules?.severity),
      ignore: (rules?.ignore ?? []).map(
        (entry, index): Ignore => ({
          rule: entry.rule,
          ...(entry.agent == null ? {} : { agent: entry.agent }),
          ...(entry.actions == null ? {} : { actions: entry.actions }),
          ...(entry.resources == null ? {} : { resources: entry.resources }),
          reason: entry.reason,
          ...(entry.expires == null ? {} : { expires: entry.expires }),
          source: {
            file,
            path: formatConfigPath(['rules', 'ignore', index]),
            line: lineOf(['rules', 'ignore', index]),
          },
        }),
      ),
    },
  };
}

function toClassifiers(
  raw: Readonly<Record<string, RawClassifier | null>> | null | undefined,
): Record<string, Classifier> {
  const out: Record<string, Classifier> = {};
  for (const [name, classifier] of Object.entries(raw ?? {})) {
    out[name] = {
      tags: { ...(classifier?.tags ?? {}) },
      names: classifier?.names ?? [],
      accounts: classifier?.accounts ?? [],
      arns: classifier?.arns ?? [],
    };
  }
  return out;
}

function toAgent(raw: RawAgent, source: { file: string; line: number }): Agent {
  return {
    name: raw.name,
    ...(raw.owner == null ? {} : { owner: raw.owner }),
    identities: raw.identities.map(
      (identity): IdentityRef =>
        typeof identity === 'string' ? { arn: identity } : { terraform: identity.terraform },
    ),
    may: (raw.may ?? []).map((declaration) => ({
      actions: declaration.actions,
      resources: declaration.resources ?? ['*'],
    })),
    environments: raw.environments ?? [],
    data: { read: raw.data?.read ?? [], write: raw.data?.write ?? [] },
    forbid: raw.forbid ?? [],
    allowZones: (raw['allow-zones'] ?? []).map((optOut) => ({ zone: optOut.zone, reason: optOut.reason })),
    humanApproval: raw['human-approval'] ?? [],
    ...(raw['max-session-duration'] == null
      ? {}
      : { maxSessionDurationSeconds: raw['max-session-duration'] }),
    source,
  };
}

function toSeverityMap(
  raw: Readonly<Partial<Record<string, Severity>>> | null | undefined,
): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  for (const [rule, severity] of Object.entries(raw ?? {})) {
    if (severity !== undefined) out[rule] = severity;
  }
  return out;
}

/** A relative path in the config is relative to the config file's directory; kept relative when the file's path is. */
function resolveFrom(configFile: string, path: string): string {
  return isAbsolute(path) ? path : join(dirname(configFile), path);
}
