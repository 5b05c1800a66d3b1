import { InternalError } from '../errors.js';
import { memoized } from '../model/memo.js';

/** The value that stands, in a frame given to {@link framedJsonChunks}, for the array it renders in chunks. */
export const ITEMS_SLOT = '\u0000items';
const QUOTED_SLOT = JSON.stringify(ITEMS_SLOT);

/**
 * The text of `JSON.stringify(frame, null, 2)` with `items` in place of the one property whose
 * value is {@link ITEMS_SLOT}, plus `end`, in chunks: the frame before the array (with its `[`),
 * one chunk per item (each with its leading indentation, and the `,` line break before every item
 * but the first), then the array's `]`, the rest of the frame and `end`. Items are turned into
 * JSON values one at a time, when their chunk is reached, so a caller that writes each chunk as it
 * comes never holds the whole text (which may be more than one JavaScript string can hold) nor
 * every item's value at once.
 */
export function* framedJsonChunks<T>(
  frame: unknown,
  items: readonly T[],
  toValue: (item: T) => unknown,
  end: string,
): Generator<string> {
  const text = JSON.stringify(frame, null, 2);
  const slot = text.indexOf(QUOTED_SLOT);
  if (slot === -1) throw new InternalError('a framed JSON report has no place for its items');
  const head = text.slice(0, slot);
  const tail = text.slice(slot + QUOTED_SLOT.length);
  if (items.length === 0) {
    yield `${head}[]${tail}${end}`;
    return;
  }
  // the property's line is `<indent>"key": <slot>`; its items sit one level deeper
  const lineStart = text.lastIndexOf('\n', slot) + 1;
  let indent = 0;
  while (text.charCodeAt(lineStart + indent) === 32) indent += 1;
  const depth = indent / 2 + 1;
  yield `${head}[\n`;
  let first = true;
  for (const item of items) {
    const value = toValue(item);
    if (value instanceof WithSharedValues) yield* sharedValueItemChunks(value, depth, first);
    else yield stringifyItem(value, depth, first);
    first = false;
  }
  yield `\n${' '.repeat(indent)}]${tail}${end}`;
}

/**
 * An item of an array as `JSON.stringify(…, null, 2)` writes it when the array's items sit `depth`
 * (at least 1) levels deep: every line indented by `2 * depth` spaces, the first too, and after the
 * first item the `,` line break before it. The same bytes as indenting the text of
 * `JSON.stringify(item, null, 2)` line by line, from one native call and no second pass over the
 * text: the item is put in an array (after a `0` when it follows another), nested in `depth - 1`
 * more, and the wrapping's text cut off. So the item's chunk is one slice of the native result,
 * never a concatenation that would be copied again when it is written.
 */
export function stringifyItem(item: unknown, depth: number, first: boolean): string {
  let wrapped: unknown = first ? [item] : [0, item];
  for (let level = 1; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // each level opens with its indentation, `[` and a line break, and closes the same way
  const wrapping = depth * (depth + 1);
  // `<indentation>0` before the `,` line break
  const lead = first ? 0 : 2 * depth + 1;
  return text.slice(wrapping + lead, text.length - wrapping);
}

/** The value that stands, in an item's value, for a value a {@link WithSharedValues} carries. */
export const SHARED_SLOT = '\u0000shared';
const QUOTED_SHARED_SLOT = JSON.stringify(SHARED_SLOT);

/**
 * An item's value to {@link framedJsonChunks}, holding {@link SHARED_SLOT} as the value of each key
 * of `shared` (one property each, anywhere in it) where that key's value goes. Many items of a large
 * report hold the same long values (every action of a NotAction grant, the path to a principal):
 * the text of each is made once per value and indentation, not once per item.
 */
export class WithSharedValues {
  constructor(
    readonly value: unknown,
    readonly shared: Readonly<Record<string, object>>,
  ) {}
}

/** The text of each shared value by the indentation of its property's line. */
const sharedTexts = new WeakMap<object, Map<number, string>>();

/** {@link stringifyItem}'s text of the item with its shared values in place: the text between them, and each value's own chunk. */
function* sharedValueItemChunks(item: WithSharedValues, depth: number, first: boolean): Generator<string> {
  const text = stringifyItem(item.value, depth, first);
  const slots = Object.entries(item.shared)
    .map(([key, value]) => {
      // a key and a quote inside a string value are escaped, so this finds the property itself
      const property = `${JSON.stringify(key)}: ${QUOTED_SHARED_SLOT}`;
      const at = text.indexOf(property);
      if (at === -1) throw new InternalError(`a shared value has no place in its item (${key})`);
      return {
        at: at + property.length - QUOTED_SHARED_SLOT.length,
        indent: at - (text.lastIndexOf('\n', at) + 1),
        value,
      };
    })
    .sort((a, b) => a.at - b.at);
  let from = 0;
  for (const slot of slots) {
    yield text.slice(from, slot.at);
    yield sharedText(slot.value, slot.indent);
    from = slot.at + QUOTED_SHARED_SLOT.length;
  }
  yield text.slice(from);
}

/** A value as `JSON.stringify(…, null, 2)` writes it as the value of a property whose line is indented by `indent`. */
function sharedText(value: object, indent: number): string {
  const byIndent = memoized(sharedTexts, value, () => new Map());
  return memoized(byIndent, indent, () => stringifyItem(value, indent / 2, true).trimStart());
}
