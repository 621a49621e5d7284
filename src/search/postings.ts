/** Reads MiniSearch 7.2.0's postings in place (pinned in package.json; tests/search/index.test.ts checks the internals are as expected). */
import type MiniSearch from 'minisearch';
import { LazyMap } from './lazy-map.ts';
import { PostingList } from './posting-list.ts';

/** Field id → short document id → term frequency, as MiniSearch keeps one term's postings. */
export type TermPostings = Map<number, Map<number, number>>;

interface Internals {
  _index: { get(term: string): TermPostings | undefined; atPrefix(prefix: string): Iterable<[string, TermPostings]>; size: number };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
}

/** MiniSearch's internals this module reads; throws if they are not the ones it was written for. */
export function internals(mini: MiniSearch<any>): Internals {
  const m = mini as unknown as Partial<Internals>;
  if (!m._index || typeof m._index.get !== 'function' || typeof m._index.atPrefix !== 'function' || !m._fieldIds || !(m._fieldLength instanceof Map) || !Array.isArray(m._avgFieldLength)
    || typeof m._documentCount !== 'number' || typeof m._nextId !== 'number' || !(m._documentIds instanceof Map) || !(m._idToShortId instanceof Map)) throw new Error('minisearch internals changed: not the fields postings.ts reads');
  return m as Internals;
}

/** The fields a term counts as printed in: the article's own text, not the people and places added to it. */
export const PRINTED_FIELDS = ['title', 'subtitle', 'body'] as const;

/** How many documents hold `term` in a printed field. */
export function documentFrequency(mini: MiniSearch<any>, term: string): number {
  const { _index, _fieldIds } = internals(mini);
  const postings = _index.get(term);
  if (!postings) return 0;
  const ids = new Set<number>();
  for (const f of PRINTED_FIELDS) for (const id of postings.get(_fieldIds[f]!)?.keys() ?? []) ids.add(id);
  return ids.size;
}

/** How many distinct terms the index holds. */
export function termCount(mini: MiniSearch<any>): number {
  return internals(mini)._index.size;
}

type Node = Map<string, unknown>;
/** Per index: the root's children by first character (the root of a Chinese index has thousands, which MiniSearch scans one by one), and the state it was read in. */
const roots = new WeakMap<object, { tree: Node; next: number; count: number; dirt: number; size: number; byFirst: Map<string, string> }>();

/** What changes whenever a term can have come or gone: documents added, discarded or vacuumed, the root's size. */
export function stampOf(mini: MiniSearch<any>, tree: Map<string, unknown>): string {
  const m = internals(mini) as Internals & { _dirtCount?: number };
  return `${m._nextId}/${m._documentCount}/${m._dirtCount ?? 0}/${tree.size}`;
}

/** The root child whose edge starts with `c`, from a cache made again when the index changed or a cached edge is gone (split). */
function rootEdge(mini: MiniSearch<any>, tree: Node, c: string): string | undefined {
  let cache = roots.get(mini);
  // The parts of stampOf compared as numbers: no string made per term looked up.
  const m = internals(mini) as Internals & { _dirtCount?: number };
  const dirt = m._dirtCount ?? 0;
  if (cache?.tree === tree && cache.next === m._nextId && cache.count === m._documentCount && cache.dirt === dirt && cache.size === tree.size) {
    const cached = cache.byFirst.get(c);
    if (cached === undefined || tree.has(cached)) return cached;
  }
  cache = { tree, next: m._nextId, count: m._documentCount, dirt, size: tree.size, byFirst: new Map() };
  for (const k of tree.keys()) if (k !== '') cache.byFirst.set(k[0]!, k);
  roots.set(mini, cache);
  return cache.byFirst.get(c);
}

/** The tree node at `key` and the part of an edge it ends inside of, as SearchableMap's trackDown finds it, the root's child found by first character. */
function descend(mini: MiniSearch<any>, key: string): { node: Node; rest: string } | undefined {
  const tree = (internals(mini)._index as unknown as { _tree: Node })._tree;
  if (key === '') return { node: tree, rest: '' };
  const edge = rootEdge(mini, tree, key[0]!);
  if (edge === undefined) return undefined;
  if (!key.startsWith(edge)) return edge.startsWith(key) ? { node: new Map([[edge.slice(key.length), tree.get(edge)]]), rest: '' } : undefined;
  let node = tree.get(edge) as Node;
  let rest = key.slice(edge.length);
  outer: while (rest !== '') {
    for (const k of node.keys()) {
      if (k !== '' && rest.startsWith(k)) {
        node = node.get(k) as Node;
        rest = rest.slice(k.length);
        continue outer;
      }
    }
    for (const k of node.keys()) if (k !== '' && k.startsWith(rest)) return { node: new Map([[k.slice(rest.length), node.get(k)]]), rest: '' };
    return undefined;
  }
  return { node, rest };
}

/** A term's postings, as `_index.get(term)`. */
export function postingsOf(mini: MiniSearch<any>, term: string): TermPostings | undefined {
  const found = descend(mini, term);
  return found && found.rest === '' ? (found.node.get('') as TermPostings | undefined) : undefined;
}

/** Every term starting with `prefix` and its postings, in the order `_index.atPrefix(prefix)` gives them. */
export function withPrefix(mini: MiniSearch<any>, prefix: string): Iterable<[string, TermPostings]> {
  const found = descend(mini, prefix);
  if (!found) return [];
  const View = internals(mini)._index.constructor as new (tree: Node, prefix: string) => Iterable<[string, TermPostings]>;
  return new View(found.node, prefix);
}

/**
 * One term's postings read from CompactIndex's numbers (per field: its id, how many documents, then short id, term
 * frequency pairs) when first used, so a loaded index makes no Map for a term no query reached. A real Map: every
 * reader, MiniSearch's own included, sees the postings, and a change made to it is kept.
 */
export class PackedPostings extends LazyMap<number, Map<number, number>> {
  constructor(private readonly packed: Uint32Array, private readonly at: number) {
    super();
  }

  protected fill(set: (fieldId: number, freqs: Map<number, number>) => void): void {
    const p = this.packed;
    let i = this.at;
    for (let fields = p[i++]!; fields > 0; fields--) {
      const fieldId = p[i++]!;
      const count = p[i++]!;
      set(fieldId, new PostingList(p.slice(i, i + 2 * count)));
      i += 2 * count;
    }
  }
}

/**
 * Where each term's postings start in CompactIndex's numbers, walking their counts without reading a posting; throws
 * when the numbers do not fit the terms (more, fewer, or a count running past the end).
 */
export function postingStarts(terms: number, p: Uint32Array): Uint32Array {
  const starts = new Uint32Array(terms);
  let i = 0;
  let t = 0;
  for (; t < terms && i < p.length; t++) {
    starts[t] = i;
    for (let fields = p[i++]!; fields > 0 && i < p.length; fields--) i += 2 + 2 * (p[i + 1] ?? 0);
  }
  if (t !== terms || i !== p.length) throw new Error(`the index's postings hold ${p.length} numbers, not what its ${terms} terms take`);
  return starts;
}
