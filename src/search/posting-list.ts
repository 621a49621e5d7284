/** One term's postings in one field, short id → term frequency, as a Map that keeps them in one typed array: ~8 bytes a posting instead of a Map entry's ~40. */

/** Postings appended after the typed array wait in a small list until they are this many, or an eighth of the array. */
const TAIL_MIN = 32;

/**
 * A `Map<number, number>` from short document id to term frequency, ids kept ascending (MiniSearch gives ids in
 * order, so this is also the insertion order a Map would keep). The postings live in one exact-size typed array;
 * those appended later (a new page's articles) wait in a small tail that is merged in only once it holds an eighth as
 * many, so adding a page never copies a long list. Iterating while entries are deleted or added goes on from the
 * first id after the last one visited, as a Map's iterator does.
 */
export class PostingList implements Map<number, number> {
  /** id, tf, id, tf…; only the first 2 × count numbers are postings. */
  private data: Uint32Array;
  private count: number;
  /** id, tf pairs appended after `data`, ids above all of its ones. */
  private tail: number[] = [];
  /** Where the last lookup found its id: MiniSearch reads keys() and then get() each in turn. */
  private hint = 0;

  constructor(data: Uint32Array = new Uint32Array(0), count = data.length >> 1) {
    this.data = data;
    this.count = count;
  }

  /** A list of parallel id and frequency arrays (ids ascending). */
  static of(ids: ArrayLike<number>, tfs: ArrayLike<number>): PostingList {
    const data = new Uint32Array(2 * ids.length);
    for (let i = 0; i < ids.length; i++) (data[2 * i] = ids[i]!), (data[2 * i + 1] = tfs[i]!);
    return new PostingList(data);
  }

  get size(): number {
    return this.count + (this.tail.length >> 1);
  }

  get [Symbol.toStringTag](): string {
    return 'PostingList';
  }

  private idAt(i: number): number {
    return i < this.count ? this.data[2 * i]! : this.tail[2 * (i - this.count)]!;
  }

  private tfAt(i: number): number {
    return i < this.count ? this.data[2 * i + 1]! : this.tail[2 * (i - this.count) + 1]!;
  }

  /** The position of `id`, or -(insertion point) - 1. */
  private find(id: number): number {
    const h = this.hint;
    const n = this.size;
    if (h < n && this.idAt(h) === id) return h;
    if (h + 1 < n && this.idAt(h + 1) === id) return (this.hint = h + 1);
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.idAt(mid);
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
    return at >= 0 ? this.tfAt(at) : undefined;
  }

  has(id: number): boolean {
    return this.find(id) >= 0;
  }

  set(id: number, tf: number): this {
    const n = this.size;
    if (n === 0 || this.idAt(n - 1) < id) {
      this.tail.push(id, tf);
      if (this.tail.length >> 1 > Math.max(TAIL_MIN, this.count >> 3)) this.merge();
      return this;
    }
    const at = this.find(id);
    if (at >= 0) {
      if (at < this.count) this.data[2 * at + 1] = tf;
      else this.tail[2 * (at - this.count) + 1] = tf;
      return this;
    }
    // An id below the last one (MiniSearch never adds one): made room for in the array.
    this.merge(1);
    const to = -at - 1;
    this.data.copyWithin(2 * to + 2, 2 * to, 2 * this.count);
    this.data[2 * to] = id;
    this.data[2 * to + 1] = tf;
    this.count++;
    return this;
  }

  /** Moves the tail into the array, with room for `spare` more postings. */
  private merge(spare = 0): void {
    const data = new Uint32Array(2 * (this.size + spare));
    data.set(this.data.subarray(0, 2 * this.count));
    data.set(this.tail, 2 * this.count);
    this.count = this.size;
    this.data = data;
    this.tail = [];
  }

  delete(id: number): boolean {
    const at = this.find(id);
    if (at < 0) return false;
    if (this.tail.length > 0) this.merge();
    this.data.copyWithin(2 * at, 2 * at + 2, 2 * this.count);
    this.count--;
    this.hint = 0;
    return true;
  }

  clear(): void {
    this.data = new Uint32Array(0);
    this.count = 0;
    this.tail = [];
    this.hint = 0;
  }

  /** Frees the room a deletion left and merges the tail. */
  trim(): void {
    if (this.tail.length > 0 || this.data.length > 2 * this.count) this.merge();
  }

  /** Writes the postings as id, tf pairs into `out` from `at`; where they end. */
  writeTo(out: Uint32Array, at: number): number {
    out.set(this.data.subarray(0, 2 * this.count), at);
    out.set(this.tail, at + 2 * this.count);
    return at + 2 * this.size;
  }

  /** The postings as id, tf pairs in one array (a copy). */
  pairs(): Uint32Array {
    const out = new Uint32Array(2 * this.size);
    this.writeTo(out, 0);
    return out;
  }

  forEach(fn: (tf: number, id: number, map: Map<number, number>) => void, thisArg?: unknown): void {
    const call = thisArg === undefined ? fn : fn.bind(thisArg);
    const d = this.data;
    const tail = this.tail;
    // The common case in one tight loop per part; a callback that changes the list sends the rest to the careful one.
    for (let i = 0; i < this.count; i++) {
      const id = d[2 * i]!;
      call(d[2 * i + 1]!, id, this);
      if (this.data !== d || this.tail !== tail || d[2 * i] !== id) return this.forEachFrom(this.after(id), call);
    }
    for (let j = 0; j < tail.length; j += 2) {
      const id = tail[j]!;
      call(tail[j + 1]!, id, this);
      if (this.data !== d || this.tail !== tail || tail[j] !== id) return this.forEachFrom(this.after(id), call);
    }
  }

  private forEachFrom(from: number, call: (tf: number, id: number, map: Map<number, number>) => void): void {
    for (let i = from; i < this.size; i++) {
      const id = this.idAt(i);
      call(this.tfAt(i), id, this);
      if (this.idAt(i) !== id) i = this.after(id) - 1;
    }
  }

  *entries(): MapIterator<[number, number]> {
    for (let i = 0; i < this.size; i++) {
      const id = this.idAt(i);
      yield [id, this.tfAt(i)];
      if (this.idAt(i) !== id) i = this.after(id) - 1;
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
