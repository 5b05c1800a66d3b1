import type { Declaration, IdentityRef } from './agent.js';

/** An agent as `init` writes it: its `may` is the reach it has today. */
export interface GeneratedAgent {
  readonly name: string;
  readonly identities: readonly IdentityRef[];
  /** Sorted by resources; each entry's actions are exact patterns over the action catalog. */
  readonly may: readonly Declaration[];
}

/** What `init` writes to blast-radius.yaml. */
export interface GeneratedConfig {
  /** The plan whose after world the reach is taken from, as named on the command line. */
  readonly plan?: string;
  /** The account snapshot the plan was read over (`--account`), as named on the command line. */
  readonly account?: string;
  /** HCL mode: the .tf directory the reach is taken from, without a plan. */
  readonly hcl?: string;
  /** Where the agents come from: the config's declarations, or principals tagged as agents. */
  readonly agentsFrom: 'config' | 'tags';
  readonly agents: readonly GeneratedAgent[];
  /** The config read, as written: the output keeps all of it but each agent's `may` (and, for tagged agents, `agents`). */
  readonly config?: { readonly file: string; readonly text: string };
}
