import type { ActionSet } from './action-set.js';
import type { Catalog } from './catalog.js';

/**
 * Few action patterns whose expansion over the catalog is exactly `actions`: `*` for the
 * whole catalog, `svc:*` for every action of a service, `svc:Prefix*` for exactly the actions
 * whose names start with the prefix, and names for the rest. A wildcard never expands to an
 * action outside the set, and one action is always written by name. In catalog order (by service,
 * then name); expanding the patterns with {@link Catalog.expand} gives back `actions`.
 *
 * A prefix always ends where a word of the names ends (`s3:GetObject*`, never `s3:GetO*` or
 * `sqs:C*`): readable, and a wildcard that future catalog actions join only when they share the
 * whole words. Among such covers, this one has the fewest patterns.
 */
export function compressActionSet(catalog: Catalog, actions: ActionSet): string[] {
  if (actions.isEmpty()) return [];
  if (actions.containsAll(catalog.all)) return ['*'];
  const patterns: string[] = [];
  for (const service of catalog.serviceNames()) {
    const members = catalog.serviceActions(service);
    if (!members.intersects(actions)) continue;
    const names = [...members.indexes()].map((index) => ({
      name: (catalog.action(index)?.name ?? '').toLowerCase(),
      inSet: actions.has(index),
      index,
    }));
    coverRange(catalog, names, 0, names.length, 0, (pattern) => patterns.push(`${service}:${pattern}`));
  }
  return patterns;
}

interface NamedAction {
  /** The action's name without its service, lower-cased: what patterns are matched against. */
  readonly name: string;
  readonly inSet: boolean;
  readonly index: number;
}

/**
 * Covers the actions of the set in [from, to), which all share their first `depth` characters and
 * are every action of the service with that prefix (names are sorted, so a prefix selects a
 * contiguous range): with one pattern when a word prefix selects exactly them, else range by range.
 */
function coverRange(
  catalog: Catalog,
  names: readonly NamedAction[],
  from: number,
  to: number,
  depth: number,
  emit: (pattern: string) => void,
): void {
  const range = names.slice(from, to);
  if (!range.some((a) => a.inSet)) return;
  if (range.length === 1 && range[0]) {
    emit(actionName(catalog, range[0]));
    return;
  }
  const prefix = range.every((a) => a.inSet) ? wordPrefix(catalog, range, depth) : undefined;
  if (prefix !== undefined) {
    emit(`${prefix}*`);
    return;
  }
  let start = from;
  while (start < to) {
    const head = names[start];
    if (!head) break;
    if (head.name.length === depth) {
      // The prefix itself is an action name (s3:GetObject before s3:GetObjectAcl): it sorts first.
      if (head.inSet) emit(actionName(catalog, head));
      start++;
      continue;
    }
    const char = head.name[depth];
    let end = start + 1;
    while (end < to && names[end]?.name[depth] === char) end++;
    coverRange(catalog, names, start, end, depth + 1, emit);
    start = end;
  }
}

function actionName(catalog: Catalog, action: NamedAction): string {
  return catalog.action(action.index)?.name ?? action.name;
}

/**
 * The prefix to write for a range first found at `depth`: every prefix from `depth` characters up
 * to the range's longest common prefix selects the same actions; take the shortest that ends where
 * a word of every name ends (the next character starts a capitalised word, or the name ends).
 * Undefined when none does: `sqs:C*` is not written for ChangeMessageVisibility and CreateQueue.
 */
function wordPrefix(catalog: Catalog, range: readonly NamedAction[], depth: number): string | undefined {
  const first = range[0];
  const last = range[range.length - 1];
  if (!first || !last) return undefined;
  if (depth === 0) return '';
  const names = range.map((a) => actionName(catalog, a));
  let common = 0;
  while (common < first.name.length && first.name[common] === last.name[common]) common++;
  for (let length = depth; length <= common; length++) {
    if (names.every((name) => name.length === length || WORD_START.test(name[length] ?? ''))) {
      return (names[0] ?? '').slice(0, length);
    }
  }
  return undefined;
}

const WORD_START = /[A-Z0-9]/;
