import { describe, expect, it } from 'vitest';
import { memoized } from '../../src/model/memo.js';

describe('memoized', () => {
  it('makes a value once per key and keeps falsy values (0, false, null) as made', () => {
    // Given a store and a maker that counts its calls
    const store = new Map<string, number | boolean | null>();
    let made = 0;
    const make = (value: number | boolean | null) => () => {
      made += 1;
      return value;
    };
    // When each key is asked for twice
    const answers = (
      [
        ['zero', 0],
        ['no', false],
        ['none', null],
      ] as const
    ).flatMap(([key, value]) => [memoized(store, key, make(value)), memoized(store, key, make(value))]);
    // Then each value was made once and returned both times
    expect(answers).toEqual([0, 0, false, false, null, null]);
    expect(made).toBe(3);
  });

  it('keeps values in a WeakMap by object identity', () => {
    const store = new WeakMap<object, object[]>();
    const [a, b] = [{}, {}];
    const first = memoized(store, a, () => []);
    expect(memoized(store, a, () => [])).toBe(first);
    expect(memoized(store, b, () => [])).not.toBe(first);
  });
});
