import type { Capability } from './capability.js';
import type { SourceLocation } from './source.js';

/** How an agent names a principal it acts as: by ARN, or by Terraform address. */
export type IdentityRef = { readonly arn: string } | { readonly terraform: string };

/** One entry of an agent's declared blast radius (`may`). */
export interface Declaration {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

export interface ZoneOptOut {
  readonly zone: Capability;
  readonly reason: string;
}

export interface Agent {
  readonly name: string;
  readonly owner?: string;
  readonly identities: readonly IdentityRef[];
  readonly may: readonly Declaration[];
  /** Environments the agent may modify. */
  readonly environments: readonly string[];
  /** Data classifications the agent may read and write. */
  readonly data: { readonly read: readonly string[]; readonly write: readonly string[] };
  /** Extra no-go zones on top of the defaults. */
  readonly forbid: readonly Capability[];
  readonly allowZones: readonly ZoneOptOut[];
  readonly humanApproval: readonly Capability[];
  readonly maxSessionDurationSeconds?: number;
  readonly source: SourceLocation;
}
