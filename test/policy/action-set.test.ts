import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ActionSet } from '../../src/policy/action-set.js';

const SIZE = 200;

describe('ActionSet.mapIndexes', () => {
  it.each([
    { name: 'empty', set: ActionSet.empty(SIZE), expected: [] },
    { name: 'full', set: ActionSet.full(70), expected: Array.from({ length: 70 }, (_, i) => i) },
    {
      name: 'word edges',
      set: ActionSet.of(SIZE, [0, 31, 32, 63, 64, 199]),
      expected: [0, 31, 32, 63, 64, 199],
    },
  ])('maps the members in ascending order: $name', ({ set, expected }) => {
    expect(set.mapIndexes((i) => i)).toEqual(expected);
  });

  test.prop([fc.uniqueArray(fc.integer({ min: 0, max: SIZE - 1 }))])(
    'is [...indexes()].map(f)',
    (members) => {
      const set = ActionSet.of(SIZE, members);
      expect(set.mapIndexes((i) => `#${i}`)).toEqual([...set.indexes()].map((i) => `#${i}`));
    },
  );
});
