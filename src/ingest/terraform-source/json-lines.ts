import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { lineAndColumn } from '../terraform-plan/read-plan.js';

/** `resource_changes[3].change` -> `['resource_changes', 3, 'change']`. */
function segments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] === undefined ? (m[1] ?? '') : Number(m[2]),
  );
}

/**
 * The 1-based line of each JSON path (as the model writes them) that the text holds: of the object's
 * `"address"` member when it has one (a resource change), so the line names the resource.
 */
export function jsonPathLines(text: string, paths: readonly string[]): Map<string, number> {
  const tree = parseTree(text);
  const lines = new Map<string, number>();
  if (!tree) return lines;
  for (const path of new Set(paths)) {
    const node = findNodeAtLocation(tree, segments(path));
    if (!node) continue;
    const address = node.type === 'object' ? findNodeAtLocation(node, ['address']) : undefined;
    lines.set(path, lineAndColumn(text, (address?.parent ?? node).offset).line);
  }
  return lines;
}
