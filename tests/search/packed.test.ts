// A loaded index's postings stay as CompactIndex's numbers until something reads them, and then are exactly the saved Maps.
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildIndex, compactIndex, createIndex, loadCompactIndex, type IndexedDoc } from '../../src/search/options.ts';
import { fillInTreeOrder, fillTerms, readSubtrees } from '../../src/search/tree.ts';
import { PackedPostings, postingStarts, type TermPostings } from '../../src/search/postings.ts';

const docs: IndexedDoc[] = loadCorpus('seeds').articles.map((a) => ({ id: a.id, title: a.title, subtitle: a.subtitle ?? '', body: a.body, people: '', places: '', date: a.date ?? '', source: a.source }));
const built = buildIndex(docs);
const saved = compactIndex(built);

/** Every term of an index's tree and the value its leaf holds, without reading the value. */
function leaves(mini: MiniSearch<IndexedDoc>): Map<string, TermPostings> {
  const out = new Map<string, TermPostings>();
  const walk = (node: Map<string, unknown>, prefix: string): void => {
    for (const [k, v] of node) {
      if (k === '') out.set(prefix, v as TermPostings);
      else walk(v as Map<string, unknown>, prefix + k);
    }
  };
  walk((mini as unknown as { _index: { _tree: Map<string, unknown> } })._index._tree, '');
  return out;
}
/** Postings as sorted plain lists, to compare. */
const plain = (p: TermPostings): unknown => [...p].sort(([a], [b]) => a - b).map(([f, m]) => [f, [...m]]);

describe('a loaded index’s packed postings', () => {
  it('reads no term’s postings until a search reaches the term, and then only the terms it reached', () => {
    const loaded = loadCompactIndex(structuredClone(saved));
    const terms = leaves(loaded);
    expect(terms.size).toBe(saved.terms.length);
    expect([...terms.values()].every((p) => p instanceof PackedPostings && p.unread)).toBe(true);
    expect(loaded.search('杨楼村').map((r) => r.id)).toEqual(built.search('杨楼村').map((r) => r.id));
    const read = [...terms].filter(([, p]) => !(p as PackedPostings).unread).map(([t]) => t);
    expect(read).toEqual(expect.arrayContaining(['杨楼', '村']));
    expect(read.length).toBeLessThan(terms.size / 10);
  });

  it('makes the term tree below a root child only when something reads it, and knows its term count without reading any', () => {
    const loaded = loadCompactIndex(structuredClone(saved));
    const root = [...((loaded as unknown as { _index: { _tree: Map<string, unknown> } })._index._tree).values()] as Array<{ unread?: boolean }>;
    expect(root.length).toBeGreaterThan(100);
    expect(root.every((child) => child.unread === true)).toBe(true);
    expect((loaded as unknown as { _index: { size: number } })._index.size).toBe(saved.terms.length);
    expect(root.every((child) => child.unread === true)).toBe(true);
    expect(loaded.search('杨楼村').map((r) => r.id)).toEqual(built.search('杨楼村').map((r) => r.id));
    const read = root.filter((child) => child.unread === false).length;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(10);
  });

  it('makes every subtree no query read when asked to, leaving their postings packed', () => {
    const loaded = loadCompactIndex(structuredClone(saved));
    const root = [...((loaded as unknown as { _index: { _tree: Map<string, unknown> } })._index._tree).values()] as Array<{ unread?: boolean }>;
    readSubtrees(loaded);
    expect(root.every((child) => child.unread === false)).toBe(true);
    expect([...leaves(loaded).values()].every((p) => (p as PackedPostings).unread)).toBe(true);
  });

  it('holds, once read, exactly the Maps of the index that was saved', () => {
    const own = leaves(built);
    const loaded = leaves(loadCompactIndex(structuredClone(saved)));
    for (const [term, postings] of loaded) expect(plain(postings), term).toEqual(plain(own.get(term)!));
  });

  it('keeps a change made to a term before it was read, as a Map would', () => {
    const starts = postingStarts(saved.terms.length, saved.postings);
    // A term printed in more than one field of the seed pages.
    const [term, postings] = [...leaves(built)].find(([, p]) => p.size >= 2)!;
    const t = saved.terms.indexOf(term);
    const original = new Map([...postings]);
    const fresh = (): PackedPostings => new PackedPostings(saved.postings, starts[t]!);
    const added = fresh().set(9, new Map([[1, 2]]));
    expect(plain(added)).toEqual(plain(new Map([...original, [9, new Map([[1, 2]])]])));
    const field = [...original.keys()][0]!;
    const removed = fresh();
    expect(removed.delete(field)).toBe(true);
    expect(removed.size).toBe(original.size - 1);
    expect(removed.has(field)).toBe(false);
    const cleared = fresh();
    cleared.clear();
    expect([...cleared]).toEqual([]);
  });

  it('refuses numbers that do not fit the terms: too few, too many, or a count running past the end', () => {
    const { terms, postings } = saved;
    expect(postingStarts(terms.length, postings).length).toBe(terms.length);
    expect(() => postingStarts(terms.length, postings.subarray(0, postings.length - 3))).toThrow(/postings/);
    expect(() => postingStarts(terms.length - 1, postings)).toThrow(/postings/);
    expect(() => postingStarts(terms.length + 1, postings)).toThrow(/postings/);
    const broken = postings.slice();
    broken[2] = 2 ** 31;
    expect(() => postingStarts(terms.length, broken)).toThrow(/postings/);
  });
});

describe('filling a term tree from terms in its own order', () => {
  /** A tree's edges in the Maps' order, leaves shown by their term. */
  const shape = (mini: MiniSearch<IndexedDoc>): unknown => {
    const walk = (node: Map<string, unknown>): unknown[] => [...node].map(([k, v]) => (k === '' ? ['', (v as Map<string, string>).get('term')] : [k, walk(v as Map<string, unknown>)]));
    return walk((mini as unknown as { _index: { _tree: Map<string, unknown> } })._index._tree);
  };
  const treeOf = (mini: MiniSearch<IndexedDoc>): Map<string, unknown> => (mini as unknown as { _index: Map<string, unknown> })._index;

  it('makes the tree MiniSearch’s own one-by-one insertion makes, splits and prefixes included', () => {
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 20; round++) {
      // Words over a few characters, so they share prefixes, end inside each other's edges and force splits.
      const words = [...new Set(Array.from({ length: 200 }, () => Array.from({ length: 1 + rand(6) }, () => '疫情防控abc'[rand(7)]).join('')))];
      const own = createIndex();
      for (const w of words) treeOf(own).set(w, new Map([['term', w]]));
      const inOrder = [...(treeOf(own) as unknown as Iterable<[string, Map<string, string>]>)].map(([t]) => t);
      const leaf = (t: string): [string, never] => [t, new Map([['term', t]]) as never];
      const reference = createIndex();
      for (const t of inOrder) treeOf(reference).set(t, new Map([['term', t]]));
      const fast = createIndex();
      fillInTreeOrder(fast, inOrder, (i) => leaf(inOrder[i]!)[1]);
      const general = createIndex();
      fillTerms(general, inOrder.map(leaf));
      expect(shape(fast)).toEqual(shape(reference));
      expect(shape(general)).toEqual(shape(reference));
    }
  });
});
