import type { Change, ChangeKind, Protections } from '../../model/change.js';
import type { Resource } from '../../model/resource.js';
import { type Diagnostic, diagnostic } from '../../model/source.js';
import type { RawResourceChange } from './plan-schema.js';

const CHANGE_KINDS: Readonly<Record<string, ChangeKind>> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  'no-op': 'no-op',
  read: 'read',
  'delete,create': 'replace-delete-first',
  'create,delete': 'replace-create-first',
};

export function toChangeKind(actions: readonly string[]): ChangeKind | undefined {
  return CHANGE_KINDS[actions.join(',')];
}

/** Provider attributes that mean the same protection under different names, per resource type. */
const PROTECTION_ATTRIBUTES = [
  ['deletion_protection', 'deletionProtection'],
  ['deletion_protection_enabled', 'deletionProtection'],
  ['enable_deletion_protection', 'deletionProtection'],
  ['termination_protection', 'deletionProtection'],
  ['disable_api_termination', 'deletionProtection'],
  ['skip_final_snapshot', 'skipFinalSnapshot'],
  ['force_destroy', 'forceDestroy'],
] as const;

function protectionsOf(before: Readonly<Record<string, unknown>> | null | undefined): Protections {
  const protections: { -readonly [K in keyof Protections]: Protections[K] } = {};
  for (const [attribute, key] of PROTECTION_ATTRIBUTES) {
    const value = before?.[attribute];
    if (typeof value === 'boolean') protections[key] = value;
  }
  return protections;
}

function formatReplacePath(path: readonly (string | number)[]): string {
  return path.map(String).join('.');
}

/** One Change per resource change; `before`/`after` are the resources of the two worlds at that address. */
export function buildChanges(
  resourceChanges: readonly RawResourceChange[],
  before: ReadonlyMap<string, Resource>,
  after: ReadonlyMap<string, Resource>,
  file: string,
): { changes: Change[]; diagnostics: Diagnostic[] } {
  const changes: Change[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [index, rc] of resourceChanges.entries()) {
    const source = { file, path: `resource_changes[${index}]` };
    const kind = toChangeKind(rc.change.actions);
    if (kind === undefined) {
      diagnostics.push(
        diagnostic(
          'plan.unknown-action',
          `${rc.address}: actions ${JSON.stringify(rc.change.actions)} are not a change this tool knows; it is left out of the changes`,
          source,
        ),
      );
      continue;
    }
    const beforeResource = rc.change.before ? before.get(rc.address) : undefined;
    const afterResource = rc.change.after ? after.get(rc.address) : undefined;
    changes.push({
      address: rc.address,
      type: rc.type,
      kind,
      ...(rc.action_reason === undefined ? {} : { actionReason: rc.action_reason }),
      replacePaths: (rc.change.replace_paths ?? []).map(formatReplacePath),
      ...(beforeResource === undefined ? {} : { before: beforeResource }),
      ...(afterResource === undefined ? {} : { after: afterResource }),
      protections: protectionsOf(rc.change.before),
      source,
    });
  }
  return { changes, diagnostics };
}
