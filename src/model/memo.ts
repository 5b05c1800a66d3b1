/** What a Map or WeakMap is to {@link memoized}. */
interface Store<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value the store keeps under `key`: made by `make` and kept the first time it is asked for. */
export function memoized<K, V>(store: Store<K, V>, key: K, make: () => NoInfer<V>): V {
  let value = store.get(key);
  if (value === undefined) {
    value = make();
    store.set(key, value);
  }
  return value;
}
