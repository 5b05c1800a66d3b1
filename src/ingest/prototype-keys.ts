/**
 * `__proto__` as a key of parsed input. JSON.parse and YAML keep it as an ordinary key, but an
 * assignment `map[key] = value` with it replaces the map's prototype instead of adding an entry,
 * and zod drops it from records without a word: a condition or principal named so would vanish
 * from a policy, and a tag from a classifier. Readers refuse it with its path, or add it with
 * {@link setOwn}.
 */
export const PROTOTYPE_KEY = '__proto__';

/** The path of the first `__proto__` key in a parsed JSON or YAML value, walked without recursion. */
export function findPrototypeKey(value: unknown): (string | number)[] | undefined {
  const pending: { node: unknown; path: (string | number)[] }[] = [{ node: value, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, path } = next;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) pending.push({ node: node[i], path: [...path, i] });
    } else if (node !== null && typeof node === 'object') {
      if (Object.hasOwn(node, PROTOTYPE_KEY)) return [...path, PROTOTYPE_KEY];
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i] ?? [];
        if (key !== undefined) pending.push({ node: child, path: [...path, key] });
      }
    }
  }
  return undefined;
}

/** `target[key] = value` as an own entry, whatever the key (`__proto__` included). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
