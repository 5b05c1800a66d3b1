/**
 * A set of catalog actions as a bitset over the catalog's action indexes. Only the span of words
 * from the first to the last non-zero word is stored: most sets hold the actions of one service
 * or a few, so operations and memory cost that span, not the whole catalog. Sets are immutable:
 * every operation returns a new set, so sets can be cached and shared freely.
 */
export class ActionSet {
  /**
   * @param from the index of the first stored word
   * @param words the stored words; the first and last are non-zero (no words: the empty set)
   */
  private constructor(
    private readonly from: number,
    private readonly words: Uint32Array,
  ) {}

  private static readonly EMPTY = new ActionSet(0, new Uint32Array(0));

  /** A set over `words` starting at word `from`, with zero words at either end dropped. */
  private static trimmed(from: number, words: Uint32Array): ActionSet {
    let start = 0;
    let end = words.length;
    while (start < end && words[start] === 0) start++;
    while (end > start && words[end - 1] === 0) end--;
    if (start === end) return ActionSet.EMPTY;
    return new ActionSet(from + start, start === 0 && end === words.length ? words : words.slice(start, end));
  }

  private get end(): number {
    return this.from + this.words.length;
  }

  /** The word at catalog word index `w` (0 outside the stored span). */
  private word(w: number): number {
    return w >= this.from && w < this.end ? (this.words[w - this.from] as number) : 0;
  }

  static empty(_size: number): ActionSet {
    return ActionSet.EMPTY;
  }

  static full(size: number): ActionSet {
    const words = new Uint32Array(wordCount(size)).fill(0xffffffff);
    const tail = size % 32;
    if (tail !== 0) words[words.length - 1] = (1 << tail) - 1;
    return ActionSet.trimmed(0, words);
  }

  static of(size: number, indexes: Iterable<number>): ActionSet {
    const members = Array.isArray(indexes) ? (indexes as readonly number[]) : [...indexes];
    let low = size;
    let high = -1;
    for (const i of members) {
      if (i < low) low = i;
      if (i > high) high = i;
    }
    if (high < 0) return ActionSet.EMPTY;
    // only the span of words from the lowest member to the highest is allocated
    const from = low >>> 5;
    const words = new Uint32Array((high >>> 5) - from + 1);
    for (const i of members) words[(i >>> 5) - from] = (words[(i >>> 5) - from] as number) | (1 << (i & 31));
    return new ActionSet(from, words);
  }

  /** Indexes in the half-open range [from, to). */
  static range(size: number, from: number, to: number): ActionSet {
    const indexes: number[] = [];
    for (let i = from; i < to; i++) indexes.push(i);
    return ActionSet.of(size, indexes);
  }

  /** The union of many sets in one allocation, each distinct set read once. */
  static unionOf(sets: Iterable<ActionSet>): ActionSet {
    const distinct = [...new Set(sets)].filter((set) => set.words.length > 0);
    const [first] = distinct;
    if (first === undefined) return ActionSet.EMPTY;
    if (distinct.length === 1) return first;
    let from = first.from;
    let end = first.end;
    for (const set of distinct) {
      from = Math.min(from, set.from);
      end = Math.max(end, set.end);
    }
    const words = new Uint32Array(end - from);
    for (const set of distinct) {
      const offset = set.from - from;
      for (let i = 0; i < set.words.length; i++)
        words[offset + i] = (words[offset + i] as number) | (set.words[i] as number);
    }
    return new ActionSet(from, words);
  }

  has(index: number): boolean {
    return (this.word(index >>> 5) & (1 << (index & 31))) !== 0;
  }

  // union, intersect and minus are the hot loops of reach: each is written out over the stored spans
  union(other: ActionSet): ActionSet {
    if (other.words.length === 0) return this;
    if (this.words.length === 0) return other;
    const from = Math.min(this.from, other.from);
    const words = new Uint32Array(Math.max(this.end, other.end) - from);
    words.set(this.words, this.from - from);
    const offset = other.from - from;
    for (let i = 0; i < other.words.length; i++)
      words[offset + i] = (words[offset + i] as number) | (other.words[i] as number);
    return new ActionSet(from, words);
  }

  intersect(other: ActionSet): ActionSet {
    const from = Math.max(this.from, other.from);
    const to = Math.min(this.end, other.end);
    if (from >= to) return ActionSet.EMPTY;
    const words = new Uint32Array(to - from);
    for (let w = from; w < to; w++)
      words[w - from] = (this.words[w - this.from] as number) & (other.words[w - other.from] as number);
    return ActionSet.trimmed(from, words);
  }

  minus(other: ActionSet): ActionSet {
    const from = Math.max(this.from, other.from);
    const to = Math.min(this.end, other.end);
    if (from >= to) return this;
    const words = this.words.slice();
    for (let w = from; w < to; w++)
      words[w - this.from] = (words[w - this.from] as number) & ~(other.words[w - other.from] as number);
    return ActionSet.trimmed(this.from, words);
  }

  /** The actions of the catalog (of `size` actions) that are not in this set. */
  complement(size: number): ActionSet {
    return ActionSet.full(size).minus(this);
  }

  isEmpty(): boolean {
    return this.words.length === 0;
  }

  intersects(other: ActionSet): boolean {
    const to = Math.min(this.end, other.end);
    for (let w = Math.max(this.from, other.from); w < to; w++)
      if (((this.words[w - this.from] as number) & (other.words[w - other.from] as number)) !== 0)
        return true;
    return false;
  }

  /** True when the set holds an index in the half-open range [from, to). */
  intersectsRange(from: number, to: number): boolean {
    const first = Math.max(from >>> 5, this.from);
    const last = Math.min((to - 1) >>> 5, this.end - 1);
    for (let w = first; w <= last && from < to; w++) {
      let word = this.words[w - this.from] as number;
      if (w === from >>> 5) word &= ~0 << (from & 31);
      if (w === (to - 1) >>> 5) word &= ~0 >>> (31 - ((to - 1) & 31));
      if (word !== 0) return true;
    }
    return false;
  }

  /** True when every action of `other` is in this set. */
  containsAll(other: ActionSet): boolean {
    for (let i = 0; i < other.words.length; i++) {
      const o = other.words[i] as number;
      if ((o & ~this.word(other.from + i)) !== 0) return false;
    }
    return true;
  }

  equals(other: ActionSet): boolean {
    if (this.from !== other.from || this.words.length !== other.words.length) return false;
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== other.words[i]) return false;
    return true;
  }

  /** A string equal for two sets exactly when they hold the same actions, for caching by content. */
  contentKey(): string {
    let key = `${this.from}:`;
    for (const w of this.words) key += String.fromCharCode(w & 0xffff, w >>> 16);
    return key;
  }

  size(): number {
    let count = 0;
    for (const w of this.words) count += popcount(w);
    return count;
  }

  /** Each member index in ascending order, mapped: as `[...indexes()].map(f)`, without a generator step per member. */
  mapIndexes<T>(f: (index: number) => T): T[] {
    const mapped: T[] = [];
    for (let i = 0; i < this.words.length; i++) {
      let word = this.words[i] as number;
      while (word !== 0) {
        mapped.push(f((this.from + i) * 32 + 31 - Math.clz32(word & -word)));
        word &= word - 1;
      }
    }
    return mapped;
  }

  /** Member indexes in ascending order. */
  *indexes(): Generator<number> {
    for (let i = 0; i < this.words.length; i++) {
      let word = this.words[i] as number;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        yield (this.from + i) * 32 + bit;
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
