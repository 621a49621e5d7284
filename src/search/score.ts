/**
 * The candidates of an OR query over segmented terms, scored in place over MiniSearch 7.2.0's postings, bit for bit
 * as its search() scores them (BM25 per field with the boosts, prefix expansions weighted by length, OR sums in
 * MiniSearch's order, times the number of query terms matched), without an object per candidate.
 */
import type MiniSearch from 'minisearch';
import { internals, postingsOf, PRINTED_FIELDS, withPrefix, type TermPostings } from './postings.ts';
import { indexOptions, searchDefaults } from './options.ts';

/** What ranking reads about each candidate, by position in MiniSearch's own order of first match. */
export interface Candidates {
  shortIds: number[];
  scores: number[];
  /** Per candidate, a bit per query term (up to 31) printed in its title, deck or body, as MiniSearch's match says. */
  printed: number[];
}

/** Query terms a mask can hold. */
export const MAX_TERMS = 31;

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
const FIELDS = indexOptions.fields;
const BOOSTS = FIELDS.map((f) => (searchDefaults.boost as Record<string, number>)[f] || 1);
const TEXT = FIELDS.map((f) => (PRINTED_FIELDS as readonly string[]).includes(f));

/** Reused per-document buffers, grown with the index. */
class Buffers {
  size = 0;
  partial = new Float64Array(0);
  total = new Float64Array(0);
  stamp = new Int32Array(0);
  seen = new Uint8Array(0);
  sources = new Uint32Array(0);
  printed = new Uint32Array(0);
  /** The documents one query term reached, in the order it first reached them (the first `touchedCount`). */
  touched = new Uint32Array(0);
  clock = 0;
  /** Per field, each document's length in that field, copied from MiniSearch's map for the first `filled` short ids. */
  lengths: Uint32Array[] = [];
  filled = 0;

  fit(n: number): void {
    if (n <= this.size) return;
    this.size = Math.max(n, Math.ceil(this.size * 1.5));
    this.partial = new Float64Array(this.size);
    this.total = new Float64Array(this.size);
    this.stamp = new Int32Array(this.size);
    this.seen = new Uint8Array(this.size);
    this.sources = new Uint32Array(this.size);
    this.printed = new Uint32Array(this.size);
    this.touched = new Uint32Array(this.size);
    this.clock = 0;
    this.lengths = this.lengths.map((old) => {
      const grown = new Uint32Array(this.size);
      grown.set(old);
      return grown;
    });
  }

  /** Copies the field lengths of documents added since the last query (short ids only grow; documents never change). */
  fillLengths(fieldLength: Map<number, number[]>, next: number, fields: number): void {
    while (this.lengths.length < fields) this.lengths.push(new Uint32Array(this.size));
    for (let doc = this.filled; doc < next; doc++) {
      const ls = fieldLength.get(doc);
      if (ls) for (let f = 0; f < fields; f++) this.lengths[f]![doc] = ls[f] ?? 0;
    }
    this.filled = next;
  }
}

const buffers = new WeakMap<object, Buffers>();

const popcount = (x: number): number => {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
};

/** The candidates of `terms` (at most MAX_TERMS, already segmented, each searched whole, with prefixes from two characters). */
export function scoreTerms(mini: MiniSearch<any>, terms: string[]): Candidates {
  const m = internals(mini);
  let buf = buffers.get(mini);
  if (!buf) buffers.set(mini, (buf = new Buffers()));
  buf.fit(m._nextId);
  const fieldIds = FIELDS.map((f) => m._fieldIds[f]!);
  buf.fillLengths(m._fieldLength, m._nextId, Math.max(...fieldIds) + 1);
  const { partial, total, stamp, seen, sources, printed, lengths, touched } = buf;
  const order: number[] = [];
  terms.forEach((q, qi) => {
    const tick = ++buf.clock;
    let touchedCount = 0;
    const derive = (t: string, weight: number, data: TermPostings | undefined): void => {
      if (!data) return;
      let printBit = 0;
      terms.forEach((other, j) => {
        if (t.startsWith(other)) printBit |= 1 << j;
      });
      for (let f = 0; f < FIELDS.length; f++) {
        const freqs = data.get(fieldIds[f]!);
        if (!freqs) continue;
        const fid = fieldIds[f]!;
        const matching = freqs.size;
        const avg = m._avgFieldLength[fid]!;
        const lengthOf = lengths[fid]!;
        const boost = weight * BOOSTS[f]!;
        const idf = Math.log(1 + (m._documentCount - matching + 0.5) / (matching + 0.5));
        const text = TEXT[f]!;
        // forEach, not for…of: no [doc, tf] array per posting.
        freqs.forEach((tf, doc) => {
          const length = lengthOf[doc]!;
          const raw = idf * (BM25.d + tf * (BM25.k + 1) / (tf + BM25.k * (1 - BM25.b + BM25.b * length / avg)));
          const ws = boost * raw;
          if (stamp[doc] !== tick) {
            stamp[doc] = tick;
            partial[doc] = ws;
            touched[touchedCount++] = doc;
          } else partial[doc] = partial[doc]! + ws;
          sources[doc]! |= 1 << qi;
          if (text) printed[doc]! |= printBit;
        });
      }
    };
    derive(q, 1, postingsOf(mini, q));
    if ([...q].length >= 2) {
      for (const [t, data] of withPrefix(mini, q)) {
        const distance = t.length - q.length;
        if (!distance) continue;
        derive(t, PREFIX_WEIGHT * t.length / (t.length + 0.3 * distance), data);
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t]!;
      if (seen[doc]) total[doc] = total[doc]! + partial[doc]!;
      else {
        seen[doc] = 1;
        total[doc] = partial[doc]!;
        order.push(doc);
      }
    }
  });
  const out: Candidates = { shortIds: order, scores: new Array(order.length), printed: new Array(order.length) };
  order.forEach((doc, i) => {
    out.scores[i] = total[doc]! * (popcount(sources[doc]!) || 1);
    out.printed[i] = printed[doc]! & sources[doc]!;
    seen[doc] = 0;
    sources[doc] = 0;
    printed[doc] = 0;
  });
  return out;
}

/** The same candidates read from MiniSearch's own search(): the reference the in-place scoring is tested against, and the path for more than MAX_TERMS terms. */
export function searchCandidates(mini: MiniSearch<any>, terms: string[]): Candidates {
  const m = internals(mini);
  const out: Candidates = { shortIds: [], scores: [], printed: [] };
  // The terms are already segmented: MiniSearch must not cut them again (疫情防控 would be scored twice over).
  for (const r of mini.search({ combineWith: 'OR', queries: terms }, { tokenize: (term) => [term] })) {
    let mask = 0;
    terms.forEach((q, j) => {
      if (j < MAX_TERMS && r.queryTerms.includes(q) && Object.keys(r.match).some((t) => t.startsWith(q) && r.match[t]!.some((f) => (PRINTED_FIELDS as readonly string[]).includes(f)))) mask |= 1 << j;
    });
    out.shortIds.push(m._idToShortId.get(String(r.id))!);
    out.scores.push(r.score);
    out.printed.push(mask);
  }
  return out;
}

/** The ids of the `count` best-scored candidates of `terms` (at most MAX_TERMS), best first, ties in MiniSearch's order, as its search() ranks them. */
export function bestIds(mini: MiniSearch<any>, terms: string[], count: number): string[] {
  const { shortIds, scores } = scoreTerms(mini, terms);
  const ids = internals(mini)._documentIds;
  const live = shortIds.map((_, i) => i).filter((i) => ids.has(shortIds[i]!));
  // The count-th best score, found by a numeric sort: only those at or above it are sorted by the comparator.
  let picked = live;
  if (live.length > count) {
    const sorted = Float64Array.from(live, (i) => scores[i]!).sort();
    const bar = sorted[sorted.length - count]!;
    let ties = count - (sorted.length - sorted.lastIndexOf(bar) - 1);
    picked = live.filter((i) => scores[i]! > bar || (scores[i] === bar && ties-- > 0));
  }
  picked.sort((x, y) => scores[y]! - scores[x]! || x - y);
  return picked.slice(0, count).map((i) => String(ids.get(shortIds[i]!)));
}
