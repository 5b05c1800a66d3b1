import type { Resource } from './resource.js';
import type { SourceLocation } from './source.js';

/**
 * What a plan does to one resource. Replacement keeps its order:
 * `replace-delete-first` is Terraform's default, `replace-create-first` is create_before_destroy.
 */
export type ChangeKind =
  | 'create'
  | 'update'
  | 'delete'
  | 'replace-delete-first'
  | 'replace-create-first'
  | 'no-op'
  | 'read';

/** Settings that protect a resource from destruction, where the plan shows them. */
export interface Protections {
  readonly deletionProtection?: boolean;
  readonly skipFinalSnapshot?: boolean;
  readonly forceDestroy?: boolean;
  readonly preventDestroy?: boolean;
}

export interface Change {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** Terraform's `action_reason`, e.g. `replace_because_cannot_update`. */
  readonly actionReason?: string;
  /** Attribute paths that force replacement (`replace_paths`), as dotted strings. */
  readonly replacePaths: readonly string[];
  readonly before?: Resource;
  readonly after?: Resource;
  readonly protections: Protections;
  readonly source: SourceLocation;
}

export function isDestructive(kind: ChangeKind): boolean {
  return kind === 'delete' || kind === 'replace-delete-first' || kind === 'replace-create-first';
}
