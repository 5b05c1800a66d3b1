import { compareText } from '../../model/order.js';
import type { Diagnostic } from '../../model/source.js';

/** A sorted copy, ordered by the keys `keyOf` returns, first key first. */
export function sortByKeys<T>(items: readonly T[], keyOf: (item: T) => readonly string[]): T[] {
  return [...items].sort((a, b) => {
    const [left, right] = [keyOf(a), keyOf(b)];
    for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
      const order = compareText(left[i] ?? '', right[i] ?? '');
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** Diagnostics without repeats, ordered by place, then code, then message. */
export function orderDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const keyOf = (d: Diagnostic) => [d.location.file, d.location.path ?? '', d.code, d.message];
  const unique = new Map(diagnostics.map((d) => [keyOf(d).join('\u0000'), d]));
  return sortByKeys([...unique.values()], keyOf);
}
