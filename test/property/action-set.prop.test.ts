import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ActionSet } from '../../src/policy/action-set.js';

const RUNS = Number(process.env.BLAST_RADIUS_PROP_RUNS ?? 300);

/** A catalog size, and index sets within it clustered the way services cluster actions. */
const SIZE = 2_000;
const indexes = fc.oneof(
  fc.uniqueArray(fc.nat(SIZE - 1), { maxLength: 40 }),
  fc
    .tuple(fc.nat(SIZE - 1), fc.nat(200))
    .map(([from, length]) => Array.from({ length }, (_, i) => from + i).filter((i) => i < SIZE)),
);

const setOf = (xs: readonly number[]) => ActionSet.of(SIZE, xs);
const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

describe('ActionSet agrees with a set of numbers', () => {
  test.prop([indexes, indexes], { numRuns: RUNS })('union, intersect, minus', (a, b) => {
    const [x, y] = [setOf(a), setOf(b)];
    const inB = new Set(b);
    expect([...x.union(y).indexes()]).toEqual(sorted([...a, ...b]));
    expect([...x.intersect(y).indexes()]).toEqual(sorted(a.filter((i) => inB.has(i))));
    expect([...x.minus(y).indexes()]).toEqual(sorted(a.filter((i) => !inB.has(i))));
  });

  test.prop([indexes, indexes], { numRuns: RUNS })('intersects, containsAll, equals, size, has', (a, b) => {
    const [x, y] = [setOf(a), setOf(b)];
    const inA = new Set(a);
    expect(x.intersects(y)).toBe(b.some((i) => inA.has(i)));
    expect(x.containsAll(y)).toBe(b.every((i) => inA.has(i)));
    expect(x.equals(y)).toBe(sorted(a).join() === sorted(b).join());
    // the content key of a set built another way (through a union) is equal exactly when the sets are
    expect(x.union(y).minus(y).union(x).contentKey() === y.contentKey()).toBe(x.equals(y));
    expect(x.size()).toBe(inA.size);
    expect(x.isEmpty()).toBe(inA.size === 0);
    for (const i of b) expect(x.has(i)).toBe(inA.has(i));
  });

  test.prop([fc.array(indexes, { maxLength: 6 })], { numRuns: RUNS })(
    'unionOf is the union of its sets, one repeated or none',
    (lists) => {
      const sets = lists.map(setOf);
      const repeated = sets.length > 0 ? [...sets, sets[0] as ActionSet] : sets;
      expect([...ActionSet.unionOf(repeated).indexes()]).toEqual(sorted(lists.flat()));
      expect(
        ActionSet.unionOf(repeated).equals(sets.reduce((all, s) => all.union(s), ActionSet.empty(SIZE))),
      ).toBe(true);
    },
  );

  test.prop([indexes, fc.nat(SIZE), fc.nat(SIZE)], { numRuns: RUNS })('intersectsRange', (a, x, y) => {
    const [from, to] = x <= y ? [x, y] : [y, x];
    expect(setOf(a).intersectsRange(from, to)).toBe(a.some((i) => i >= from && i < to));
  });

  test.prop([indexes], { numRuns: RUNS })('complement, and a set minus itself', (a) => {
    const x = setOf(a);
    const inA = new Set(a);
    const rest = Array.from({ length: SIZE }, (_, i) => i).filter((i) => !inA.has(i));
    expect([...x.complement(SIZE).indexes()]).toEqual(rest);
    expect(x.complement(SIZE).union(x).equals(ActionSet.full(SIZE))).toBe(true);
    expect(x.minus(x).isEmpty()).toBe(true);
    expect(x.intersect(x).equals(x)).toBe(true);
  });
});
