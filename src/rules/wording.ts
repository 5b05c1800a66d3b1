/** `1 action`, `2,048 actions`. */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** `a, b and c`; past `max` names, the first ones and how many more. */
export function listOf(names: readonly string[], max = 5): string {
  if (names.length <= 1) return names.join('');
  if (names.length > max)
    return `${names.slice(0, max).join(', ')} and ${countOf(names.length - max, 'more')}`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
