/** Did-you-mean: a query word the pages never print, read as a printed form one Han character away (substituted, dropped or added). */
import type MiniSearch from 'minisearch';
import { isCorpusWord } from './tokenize.ts';

/** Term → field id → short document id → term frequency: MiniSearch 7.2.0's `_index` (a SearchableMap), pinned in package.json and checked in tests. */
interface TermMap {
  has(term: string): boolean;
  keys(): IterableIterator<string>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [Map<number, Map<number, number>>, number]>;
}

/** MiniSearch's term map; throws if its internals are not the ones this module was written for. */
export function termMap(mini: MiniSearch<never> | MiniSearch<any>): TermMap {
  const map = (mini as unknown as { _index?: TermMap })._index;
  if (!map || typeof map.fuzzyGet !== 'function' || typeof map.has !== 'function') throw new Error('minisearch internals changed: _index is not a SearchableMap');
  return map;
}

/** Every term of the index. */
export function indexTerms(mini: MiniSearch<any>): Iterable<string> {
  return termMap(mini).keys();
}

/** Shortest word corrected, in characters; shorter words have too many neighbours to guess from. */
const MIN_CHARS = 3;
/** A plain word (not a name, place, organisation or campaign term) is only a correction when this many articles print it and the query is this long. */
const PLAIN_MIN_DOCS = 1;
const PLAIN_MIN_CHARS = 4;
/** Candidates tried against the rest of the query, most printed first. */
const TRIED = 6;

/**
 * The printed form to search instead of `word`, or null. Candidates are index terms one edit away of the same kind
 * of text; the one whose search with the other query words finds the most full matches wins (co-occurrence evidence),
 * then names, places and organisations of the corpus dictionary, then the most printed.
 */
export function correctWord(mini: MiniSearch<any>, word: string, fullMatchesWith: (candidate: string) => number): string | null {
  const chars = [...word];
  if (chars.length < MIN_CHARS || !/^\p{Script=Han}+$/u.test(word)) return null;
  const candidates: Array<{ term: string; docs: number; known: boolean }> = [];
  for (const [term, [data, distance]] of termMap(mini).fuzzyGet(word, 1)) {
    if (distance !== 1 || !/^\p{Script=Han}+$/u.test(term) || [...term].length < MIN_CHARS) continue;
    const ids = new Set<number>();
    for (const docs of data.values()) for (const id of docs.keys()) ids.add(id);
    const known = isCorpusWord(term);
    if (!known && (ids.size < PLAIN_MIN_DOCS || chars.length < PLAIN_MIN_CHARS || [...term].length !== chars.length)) continue;
    candidates.push({ term, docs: ids.size, known });
  }
  if (candidates.length === 0) return null;
  candidates.sort((x, y) => Number(y.known) - Number(x.known) || y.docs - x.docs);
  let best: { term: string; evidence: number } | null = null;
  for (const c of candidates.slice(0, TRIED)) {
    const evidence = fullMatchesWith(c.term);
    if (evidence > 0 && (!best || evidence > best.evidence)) best = { term: c.term, evidence };
  }
  return best?.term ?? null;
}
