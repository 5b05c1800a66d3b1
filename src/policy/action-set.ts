/**
 * A set of catalog actions as a bitset over the catalog's action indexes. Sets are immutable:
 * every operation returns a new set, so sets can be cached and shared freely.
 */
export class ActionSet {
  /** The first and one past the last non-zero word, computed on first use. */
  private span?: readonly [number, number];

  private constructor(private readonly words: Uint32Array) {}

  private nonZeroSpan(): readonly [number, number] {
    if (this.span) return this.span;
    let from = 0;
    let to = this.words.length;
    while (from < to && this.words[from] === 0) from++;
    while (to > from && this.words[to - 1] === 0) to--;
    this.span = [from, to];
    return this.span;
  }

  static empty(size: number): ActionSet {
    return new ActionSet(new Uint32Array(wordCount(size)));
  }

  static full(size: number): ActionSet {
    const words = new Uint32Array(wordCount(size)).fill(0xffffffff);
    const tail = size % 32;
    if (tail !== 0) words[words.length - 1] = (1 << tail) - 1;
    return new ActionSet(words);
  }

  static of(size: number, indexes: Iterable<number>): ActionSet {
    const words = new Uint32Array(wordCount(size));
    for (const i of indexes) words[i >>> 5] = (words[i >>> 5] ?? 0) | (1 << (i & 31));
    return new ActionSet(words);
  }

  /** Indexes in the half-open range [from, to). */
  static range(size: number, from: number, to: number): ActionSet {
    const indexes: number[] = [];
    for (let i = from; i < to; i++) indexes.push(i);
    return ActionSet.of(size, indexes);
  }

  has(index: number): boolean {
    return ((this.words[index >>> 5] ?? 0) & (1 << (index & 31))) !== 0;
  }

  // union, intersect and minus are the hot loops of reach: each is written out rather than
  // sharing a loop that calls an operator function per word
  union(other: ActionSet): ActionSet {
    const [a, b] = [this.words, other.words];
    const words = new Uint32Array(Math.max(a.length, b.length));
    for (let i = 0; i < words.length; i++) words[i] = (a[i] ?? 0) | (b[i] ?? 0);
    return new ActionSet(words);
  }

  intersect(other: ActionSet): ActionSet {
    const [a, b] = [this.words, other.words];
    const words = new Uint32Array(Math.max(a.length, b.length));
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) words[i] = (a[i] as number) & (b[i] as number);
    return new ActionSet(words);
  }

  minus(other: ActionSet): ActionSet {
    const [a, b] = [this.words, other.words];
    const words = new Uint32Array(Math.max(a.length, b.length));
    for (let i = 0; i < a.length; i++) words[i] = (a[i] as number) & ~(b[i] ?? 0);
    return new ActionSet(words);
  }

  /** The actions of the catalog (of `size` actions) that are not in this set. */
  complement(size: number): ActionSet {
    return ActionSet.full(size).minus(this);
  }

  isEmpty(): boolean {
    const [from, to] = this.nonZeroSpan();
    return from === to;
  }

  intersects(other: ActionSet): boolean {
    const n = Math.min(this.words.length, other.words.length);
    for (let i = 0; i < n; i++)
      if (((this.words[i] as number) & (other.words[i] as number)) !== 0) return true;
    return false;
  }

  /** True when every action of `other` is in this set. */
  containsAll(other: ActionSet): boolean {
    for (let i = 0; i < other.words.length; i++) {
      const o = other.words[i] ?? 0;
      if ((o & ~(this.words[i] ?? 0)) !== 0) return false;
    }
    return true;
  }

  equals(other: ActionSet): boolean {
    return this.containsAll(other) && other.containsAll(this);
  }

  size(): number {
    let count = 0;
    for (const w of this.words) count += popcount(w);
    return count;
  }

  /** Each member index in ascending order, mapped: as `[...indexes()].map(f)`, without a generator step per member. */
  mapIndexes<T>(f: (index: number) => T): T[] {
    const mapped: T[] = [];
    const [from, to] = this.nonZeroSpan();
    for (let w = from; w < to; w++) {
      let word = this.words[w] ?? 0;
      while (word !== 0) {
        mapped.push(f(w * 32 + 31 - Math.clz32(word & -word)));
        word &= word - 1;
      }
    }
    return mapped;
  }

  /** Member indexes in ascending order. */
  *indexes(): Generator<number> {
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w] ?? 0;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        yield w * 32 + bit;
        word &= word - 1;
      }
    }
  }
}

function wordCount(size: number): number {
  return Math.ceil(size / 32);
}

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
