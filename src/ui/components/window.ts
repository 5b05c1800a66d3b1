/** The slice of a list a pane of `height` rows shows so that `selected` stays in view. */
export function windowAround(
  selected: number,
  length: number,
  height: number,
): { start: number; end: number } {
  const rows = Math.max(1, height);
  const start = Math.max(0, Math.min(selected - Math.floor(rows / 2), length - rows));
  return { start, end: Math.min(length, start + rows) };
}

/** Text cut to `width` characters, with an ellipsis when cut. */
export function truncateTo(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
