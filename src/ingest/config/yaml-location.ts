import { type Document, isAlias, isMap, isNode, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** Where an issue path points in the YAML text, as a user would look for it. */
export interface YamlLocation {
  /** 1-based line of the deepest node of the path that exists in the file. */
  readonly line: number;
  /** The path as the user wrote it, e.g. `agents[0].may[1].actions`. */
  readonly path: string;
}

/**
 * Maps a path in the parsed value (`['agents', 0, 'may']`) to a line of the YAML text.
 *
 * A path segment that names a map key points at the key's line (`actions:`), a list index at
 * the item's line (`- name: …`). When the path runs past what the file holds (a missing
 * required key, a value the schema turned into a list), the deepest node that exists wins.
 * An index into a single scalar (a lone string accepted where a list is expected) is dropped
 * from the shown path, because the user wrote no list.
 */
export function locatePath(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): YamlLocation {
  const lineAt = (node: Node | null | undefined, fallback: number): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : fallback;

  let node: unknown = doc.contents;
  let line = lineAt(doc.contents, 1);
  const shown: PropertyKey[] = [];
  let found = true;

  for (const segment of path) {
    if (!found) {
      shown.push(segment);
      continue;
    }
    const current = resolveAlias(doc, node);
    if (isMap(current)) {
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      shown.push(segment);
      if (!pair || !isNode(pair.key)) {
        found = false;
        continue;
      }
      line = lineAt(pair.key, line);
      node = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      shown.push(segment);
      const item = current.items[segment];
      if (!isNode(item)) {
        found = false;
        continue;
      }
      line = lineAt(item, line);
      node = item;
    } else if (isScalar(current) && segment === 0) {
      // A lone value where a list is accepted: the user wrote `actions: s3:GetObject`.
      found = false;
    } else {
      shown.push(segment);
      found = false;
    }
  }
  return { line, path: formatConfigPath(shown) };
}

function resolveAlias(doc: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/**
 * `agents[0].may[1].actions`; a key that is not a plain word (empty, or with dots, colons or
 * spaces, as tag keys may be) is written `tags["aws:cloudformation:stack-name"]`.
 */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(String(part))) out += out === '' ? String(part) : `.${String(part)}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}
