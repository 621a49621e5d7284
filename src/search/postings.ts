/** Reads MiniSearch 7.2.0's postings in place (pinned in package.json; tests/search.test.ts checks the internals are as expected). */
import type MiniSearch from 'minisearch';

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
