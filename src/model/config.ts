import type { Agent } from './agent.js';
import type { FailOn, Severity } from './severity.js';
import type { SourceLocation } from './source.js';

/** How to recognise resources of an environment or a data classification. Any matcher may match. */
export interface Classifier {
  /** Tag key -> accepted values, compared case-insensitively. */
  readonly tags: Readonly<Record<string, readonly string[]>>;
  /** Globs over the resource name or identifier. */
  readonly names: readonly string[];
  readonly accounts: readonly string[];
  /** ARN globs. */
  readonly arns: readonly string[];
}

export interface Ignore {
  readonly rule: string;
  readonly agent?: string;
  readonly actions?: readonly string[];
  readonly resources?: readonly string[];
  readonly reason: string;
  /** ISO date (YYYY-MM-DD); the suppression stops applying after this day. */
  readonly expires?: string;
  /** Where the entry is written in blast-radius.yaml. */
  readonly source?: SourceLocation;
}

export interface RuleSettings {
  readonly failOn: FailOn;
  /** Any input not fully interpreted fails the gate (`rules.strict`; `--strict` / `--no-strict` override it). */
  readonly strict: boolean;
  readonly severity: Readonly<Record<string, Severity>>;
  readonly ignore: readonly Ignore[];
}

export interface Config {
  readonly file: string;
  readonly version: 1;
  readonly environments: Readonly<Record<string, Classifier>>;
  readonly data: Readonly<Record<string, Classifier>>;
  readonly agents: readonly Agent[];
  readonly organization: { readonly scps: readonly string[]; readonly rcps: readonly string[] };
  readonly approvalConditions: readonly string[];
  readonly rules: RuleSettings;
}
