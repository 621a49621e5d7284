/** A real Map whose entries are made when any of its methods is first called: a loaded index makes only what queries reach. */
export abstract class LazyMap<K, V> extends Map<K, V> {
  private waiting = true;

  /** Whether its entries were not made yet. */
  get unread(): boolean {
    return this.waiting;
  }

  /** Makes the entries, in order, through `set`; called once, before any method answers. */
  protected abstract fill(set: (key: K, value: V) => void): void;

  /** Makes the entries now, if not yet made. */
  read(): void {
    if (!this.waiting) return;
    this.waiting = false;
    this.fill((key, value) => void super.set(key, value));
  }

  override get size(): number {
    this.read();
    return super.size;
  }
  override get(key: K): V | undefined {
    this.read();
    return super.get(key);
  }
  override has(key: K): boolean {
    this.read();
    return super.has(key);
  }
  override set(key: K, value: V): this {
    this.read();
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.read();
    return super.delete(key);
  }
  override clear(): void {
    this.waiting = false;
    super.clear();
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, self?: unknown): void {
    this.read();
    super.forEach(fn, self);
  }
  override keys(): MapIterator<K> {
    this.read();
    return super.keys();
  }
  override values(): MapIterator<V> {
    this.read();
    return super.values();
  }
  override entries(): MapIterator<[K, V]> {
    this.read();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
