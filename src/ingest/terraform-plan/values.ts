/** Narrowing helpers for attribute values, which the schema leaves as `unknown`. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an `after_unknown` mark (a `true` leaf, or a tree of them) marks anything unknown. */
export function hasUnknown(mark: unknown): boolean {
  if (mark === true) return true;
  if (Array.isArray(mark)) return mark.some(hasUnknown);
  return isRecord(mark) && Object.values(mark).some(hasUnknown);
}
