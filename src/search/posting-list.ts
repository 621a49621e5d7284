/** One term's postings in one field, short id → term frequency, as a Map that keeps them in one typed array: ~8 bytes a posting instead of a Map entry's ~40. */

/** Room for this many postings is made first; a list then grows by half. */
const FIRST = 2;

/**
 * A `Map<number, number>` from short document id to term frequency, ids kept ascending (MiniSearch gives ids in
 * order, so this is also the insertion order a Map would keep). Iterating while entries are deleted or added goes on
 * from the first id after the last one visited, as a Map's iterator does.
 */
export class PostingList implements Map<number, number> {
  /** id, tf, id, tf…; only the first 2 × size numbers are postings. */
  private data: Uint32Array;
  private count: number;
  /** Where the last lookup found its id: MiniSearch reads keys() and then get() each in turn. */
  private hint = 0;

  constructor(data?: Uint32Array, count = data ? data.length >> 1 : 0) {
    this.data = data ?? new Uint32Array(2 * FIRST);
    this.count = count;
  }

  /** A list of parallel id and frequency arrays (ids ascending). */
  static of(ids: ArrayLike<number>, tfs: ArrayLike<number>): PostingList {
    const data = new Uint32Array(2 * ids.length);
    for (let i = 0; i < ids.length; i++) (data[2 * i] = ids[i]!), (data[2 * i + 1] = tfs[i]!);
    return new PostingList(data);
  }

  get size(): number {
    return this.count;
  }

  get [Symbol.toStringTag](): string {
    return 'PostingList';
  }

  /** The position of `id`, or -(insertion point) - 1. */
  private find(id: number): number {
    const d = this.data;
    const h = this.hint;
    if (h < this.count && d[2 * h] === id) return h;
    if (h + 1 < this.count && d[2 * h + 2] === id) return (this.hint = h + 1);
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = d[2 * mid]!;
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return (this.hint = mid);
    }
    return -lo - 1;
  }

  /** The first position whose id is above `id`. */
  private after(id: number): number {
    const at = this.find(id);
    return at >= 0 ? at + 1 : -at - 1;
  }

  get(id: number): number | undefined {
    const at = this.find(id);
    return at >= 0 ? this.data[2 * at + 1] : undefined;
  }

  has(id: number): boolean {
    return this.find(id) >= 0;
  }

  set(id: number, tf: number): this {
    const n = this.count;
    if (n > 0 && this.data[2 * n - 2]! >= id) {
      const at = this.find(id);
      if (at >= 0) {
        this.data[2 * at + 1] = tf;
        return this;
      }
      this.insert(-at - 1, id, tf);
      return this;
    }
    this.insert(n, id, tf);
    return this;
  }

  private insert(at: number, id: number, tf: number): void {
    if (2 * this.count + 2 > this.data.length) {
      const grown = new Uint32Array(2 * Math.max(FIRST, this.count + (this.count >> 1) + 1));
      grown.set(this.data.subarray(0, 2 * this.count));
      this.data = grown;
    }
    if (at < this.count) this.data.copyWithin(2 * at + 2, 2 * at, 2 * this.count);
    this.data[2 * at] = id;
    this.data[2 * at + 1] = tf;
    this.count++;
  }

  delete(id: number): boolean {
    const at = this.find(id);
    if (at < 0) return false;
    this.data.copyWithin(2 * at, 2 * at + 2, 2 * this.count);
    this.count--;
    this.hint = 0;
    return true;
  }

  clear(): void {
    this.count = 0;
    this.hint = 0;
  }

  /** Frees the room kept for growth. */
  trim(): void {
    if (this.data.length > 2 * this.count) this.data = this.data.slice(0, 2 * this.count);
  }

  /** Writes the postings as id, tf pairs into `out` from `at`; where they end. */
  writeTo(out: Uint32Array, at: number): number {
    out.set(this.data.subarray(0, 2 * this.count), at);
    return at + 2 * this.count;
  }

  /** The postings as id, tf pairs in one array (a copy). */
  pairs(): Uint32Array {
    return this.data.slice(0, 2 * this.count);
  }

  forEach(fn: (tf: number, id: number, map: Map<number, number>) => void, thisArg?: unknown): void {
    const call = thisArg === undefined ? fn : fn.bind(thisArg);
    let d = this.data;
    for (let i = 0; i < this.count; i++) {
      const id = d[2 * i]!;
      call(d[2 * i + 1]!, id, this);
      // The callback deleted or added entries: go on after the id just visited.
      if (this.data !== d || d[2 * i] !== id) (d = this.data), (i = this.after(id) - 1);
    }
  }

  *entries(): MapIterator<[number, number]> {
    for (let i = 0; i < this.count; i++) {
      const id = this.data[2 * i]!;
      yield [id, this.data[2 * i + 1]!];
      if (this.data[2 * i] !== id) i = this.after(id) - 1;
    }
  }

  *keys(): MapIterator<number> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<number> {
    for (const [, tf] of this.entries()) yield tf;
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }
}
