import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  framedJsonChunks,
  ITEMS_SLOT,
  SHARED_SLOT,
  stringifyItem,
  WithSharedValues,
} from '../../src/report/json-chunks.js';

const ITEMS: readonly unknown[] = [
  { id: 'a', evidence: { actions: ['s3:GetObject', 's3:PutObject'], path: [], conditions: [] } },
  { id: 'b', nested: { deeper: [[1, 2], [], {}], text: 'line\nbreak "quoted" \u2192 \ud83d\ude00' } },
  'a string',
  42,
  null,
  [],
  {},
];

describe('stringifyItem', () => {
  it.each([1, 2, 3, 4, 6])('is the item as JSON.stringify(…, null, 2) indents it %i levels deep', (depth) => {
    // Given each item alone and after another, When stringified at depth, Then it is the line-by-line indented text
    const indent = ' '.repeat(2 * depth);
    for (const item of ITEMS) {
      const indented = `${indent}${JSON.stringify(item, null, 2).replace(/\n/g, `\n${indent}`)}`;
      expect(stringifyItem(item, depth, true)).toBe(indented);
      expect(stringifyItem(item, depth, false)).toBe(`,\n${indented}`);
    }
  });
});

describe('framedJsonChunks', () => {
  it.each([
    { name: 'an array one level deep', frame: { head: 1, items: ITEMS_SLOT, tail: [2] } },
    {
      name: 'an array four levels deep',
      frame: { runs: [{ tool: { x: 'y' }, results: ITEMS_SLOT, kind: 'k' }] },
    },
    { name: 'an array in an array', frame: [1, ITEMS_SLOT, 3] },
  ])('joins to the text of JSON.stringify with the items in place: $name', ({ frame }) => {
    const whole = (items: readonly unknown[]) =>
      `${JSON.stringify(frame, (_key, value: unknown) => (value === ITEMS_SLOT ? items : value), 2)}\n`;
    // Given items, none and one, When chunked, Then the chunks join to the whole text: a frame, one chunk per item, the close
    for (const items of [ITEMS, [], [ITEMS[0]]]) {
      const chunks = [...framedJsonChunks(frame, items, (item) => item, '\n')];
      expect(chunks.join('')).toBe(whole(items));
      expect(chunks).toHaveLength(items.length === 0 ? 1 : items.length + 2);
    }
  });

  it('turns each item into its value only when its chunk is taken', () => {
    const seen: number[] = [];
    const chunks = framedJsonChunks(
      { items: ITEMS_SLOT },
      [1, 2, 3],
      (n) => {
        seen.push(n);
        return { n };
      },
      '',
    );
    chunks.next();
    chunks.next();
    expect(seen).toEqual([1]);
  });

  test.prop([fc.array(fc.jsonValue(), { maxLength: 6 }), fc.integer({ min: 0, max: 4 })])(
    'agrees with JSON.stringify on any JSON items at any depth',
    (items, depth) => {
      let frame: unknown = { before: 'x', items: ITEMS_SLOT, after: [1] };
      for (let level = 0; level < depth; level++) frame = { level: [frame] };
      const whole = `${JSON.stringify(frame, (_key, value: unknown) => (value === ITEMS_SLOT ? items : value), 2)}`;
      expect([...framedJsonChunks(frame, items, (item) => item, '')].join('')).toBe(whole);
    },
  );
});

describe('WithSharedValues', () => {
  const withShared = (item: object, list: readonly string[], path: readonly object[]) =>
    new WithSharedValues(
      { ...item, evidence: { actions: SHARED_SLOT, note: 'between', path: SHARED_SLOT, last: 1 } },
      { path, actions: list },
    );

  test.prop([
    fc.array(fc.array(fc.string(), { maxLength: 5 }), { minLength: 1, maxLength: 5 }),
    fc.array(fc.jsonValue(), { maxLength: 3 }),
    fc.integer({ min: 0, max: 3 }),
    fc.string(),
  ])(
    "puts each item's shared values in their places, as JSON.stringify would, at any depth",
    (lists, hops, depth, text) => {
      // Given items sharing lists and a path (one object per distinct value, used twice), and a string value that mentions the slot
      const path = hops.map((hop) => ({ hop }));
      const items = lists
        .flatMap((list) => [list, list])
        .map((list, i) => ({ id: i, text: `${text}"actions": ${SHARED_SLOT}`, list }));
      let frame: unknown = { items: ITEMS_SLOT };
      for (let level = 0; level < depth; level++) frame = { level: [frame] };
      const plain = (item: (typeof items)[number]) => ({
        id: item.id,
        text: item.text,
        evidence: { actions: item.list, note: 'between', path, last: 1 },
      });
      const whole = JSON.stringify(
        frame,
        (_key, value: unknown) => (value === ITEMS_SLOT ? items.map(plain) : value),
        2,
      );
      // When chunked with the values shared, Then the text is the same as with the values written in place
      const chunks = framedJsonChunks(
        frame,
        items,
        (item) => withShared({ id: item.id, text: item.text }, item.list, path),
        '',
      );
      expect([...chunks].join('')).toBe(whole);
    },
  );

  it('fails loudly when the item does not hold the slot under a key', () => {
    const chunks = framedJsonChunks(
      { items: ITEMS_SLOT },
      [1],
      () => new WithSharedValues({ other: SHARED_SLOT }, { actions: ['a'] }),
      '',
    );
    expect(() => [...chunks]).toThrow(/shared value has no place in its item \(actions\)/);
  });
});
