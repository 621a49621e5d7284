/** Did-you-mean: a query word the pages never print, read as a printed form one Han character away (substituted, dropped or added). */
import type MiniSearch from 'minisearch';
import jieba from 'nodejieba';
import type { TermPostings } from './postings.ts';
import { isCorpusWord, segment } from './tokenize.ts';

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

/** MiniSearch's short document id → document id (`_documentIds`, a Map in 7.2.0). */
function documentIds(mini: MiniSearch<any>): Map<number, unknown> {
  const ids = (mini as unknown as { _documentIds?: unknown })._documentIds;
  if (!(ids instanceof Map)) throw new Error('minisearch internals changed: _documentIds is not a Map');
  return ids as Map<number, unknown>;
}

/** Every term of the index. */
export function indexTerms(mini: MiniSearch<any>): Iterable<string> {
  return termMap(mini).keys();
}

/** Shortest word corrected, in characters; shorter words have too many neighbours to guess from. */
const MIN_CHARS = 3;
/** Longest word corrected; a longer chunk is a phrase, not a misprinted word. */
const MAX_CHARS = 10;
/** Candidates tried against the rest of the query, most printed first. */
const TRIED = 6;
/** Articles read for printed neighbours: those sharing most of the word's pieces. */
const READ = 300;

/** What did-you-mean reads beyond the term map: an article's printed text by id. */
export type TextOf = (id: string) => string | undefined;

/** How did-you-mean finds its candidates: terms one edit away with their postings, and the ids of the best-scored articles for some terms. */
export interface Lookups {
  /** The terms one edit from a word that `keep` keeps (at least those of two or more Han characters), with their postings, in the term tree's order. */
  near(word: string, keep: (term: string) => boolean): Iterable<[string, TermPostings]>;
  /** The ids of the `count` best articles of an OR query over `terms` (whole, and as prefixes from two characters), best first, as MiniSearch's search() ranks them. */
  best(terms: string[], count: number): string[];
  /** False only when the article surely prints no way's stretches all together (each way: stretches of Han characters a form keeps). */
  mayPrintAll(id: string, ways: string[][]): boolean;
}

/** The lookups as MiniSearch itself answers them: its fuzzyGet and its search(), the reference for quicker ones. */
export function ownLookups(mini: MiniSearch<any>): Lookups {
  return {
    near: (word, keep) => [...termMap(mini).fuzzyGet(word, 1)].filter(([t, [, d]]) => d === 1 && keep(t)).map(([t, [data]]) => [t, data]),
    best: (terms, count) => mini.search({ combineWith: 'OR', queries: terms }, { tokenize: (t) => [t], prefix: (t) => [...t].length >= 2, fuzzy: false }).slice(0, count).map((h) => String(h.id)),
    mayPrintAll: () => true,
  };
}

interface Candidate {
  term: string;
  /** The articles that print it. */
  ids: string[];
  /** A name, place, organisation or campaign term of the corpus dictionary. */
  known: boolean;
}

/**
 * The printed form to search instead of `word`, or null. Candidates are one Han character away (substituted, dropped
 * or added): index terms, and stretches printed in the articles that share the word's pieces. A plain stretch (not a
 * corpus name, place or organisation) counts only where the typed character broke the word apart, so a well-formed
 * word the pages never print (足球比赛) is not bent into one they do (篮球比赛). The candidate printed by the most
 * articles that also print the rest of the query (`fitsRest`: co-occurrence evidence) wins, corpus words first.
 */
export function correctWord(mini: MiniSearch<any>, word: string, fitsRest: (id: string) => boolean, textOf: TextOf, lookups: Lookups = ownLookups(mini)): string | null {
  const chars = [...word];
  if (chars.length > MAX_CHARS || !/^\p{Script=Han}+$/u.test(word)) return null;
  if (chars.length === 2) return correctShort(mini, word, fitsRest, lookups);
  if (chars.length < MIN_CHARS) return null;
  const candidates = new Map<string, Candidate>();
  const shortIds = documentIds(mini);
  const singles = singlesOf(word);
  const fits = (t: string): boolean => /^\p{Script=Han}+$/u.test(t) && [...t].length >= MIN_CHARS && (isCorpusWord(t) || brokenAt(word, t, singles));
  for (const [term, data] of lookups.near(word, fits)) {
    const ids = new Set<string>();
    for (const docs of data.values()) for (const short of docs.keys()) if (shortIds.has(short)) ids.add(String(shortIds.get(short)));
    candidates.set(term, { term, ids: [...ids], known: isCorpusWord(term) });
  }
  // Read the articles sharing the word's longer pieces first; its single characters are in most articles, so only if those find nothing.
  for (const longOnly of [true, false]) {
    const before = candidates.size;
    for (const [term, ids] of printedNeighbours(word, readTexts(lookups, word, textOf, longOnly))) {
      const known = isCorpusWord(term);
      if (!candidates.has(term) && (known || brokenAt(word, term, singles))) candidates.set(term, { term, ids, known });
    }
    if (candidates.size > before) break;
  }
  const ordered = [...candidates.values()].sort((x, y) => Number(y.known) - Number(x.known) || y.ids.length - x.ids.length);
  let best: { term: string; evidence: number } | null = null;
  for (const c of ordered.slice(0, TRIED)) {
    const evidence = c.ids.filter(fitsRest).length;
    if (evidence > 0 && (!best || evidence > best.evidence)) best = { term: c.term, evidence };
  }
  return best?.term ?? null;
}

/** A two-character word (吕佩) read as the one corpus name or place one character away that the rest of the query fits; none when there are several. */
function correctShort(mini: MiniSearch<any>, word: string, fitsRest: (id: string) => boolean, lookups: Lookups): string | null {
  const shortIds = documentIds(mini);
  const fitting: string[] = [];
  for (const [term, data] of lookups.near(word, (t) => [...t].length === 2 && isCorpusWord(t))) {
    const ids = [...data.values()].flatMap((docs) => [...docs.keys()]).filter((short) => shortIds.has(short)).map((short) => String(shortIds.get(short)));
    if (ids.some(fitsRest)) fitting.push(term);
  }
  return fitting.length === 1 ? fitting[0]! : null;
}

/** The printed text of the articles that share most of the word's pieces (one of two or more characters also as the start of a longer term; `longOnly`: only those), by id. */
function readTexts(lookups: Lookups, word: string, textOf: TextOf, longOnly: boolean): Array<[string, string]> {
  const queries = [...new Set(segment(word))].filter((p) => !longOnly || [...p].length >= 2);
  if (queries.length === 0) return [];
  const texts: Array<[string, string]> = [];
  const ways = keptStretches(word);
  for (const id of lookups.best(queries, READ)) {
    // A text that cannot print any neighbour gives none: not read.
    const text = lookups.mayPrintAll(id, ways) ? textOf(id) : undefined;
    if (text) texts.push([id, text]);
  }
  return texts;
}

/** One way a stretch is one Han character off a word: the word's start it keeps, a Han character (substituted or added) or none (one dropped), the word's end it keeps. */
interface Way {
  head: string;
  han: boolean;
  tail: string;
}

/** The ways of being one character off `word`, in the order they are tried at each position: added inside, substituted anywhere, dropped inside. */
function waysOff(word: string): Way[] {
  const chars = [...word];
  const n = chars.length;
  const left = (i: number): string => chars.slice(0, i).join('');
  const right = (i: number): string => chars.slice(i).join('');
  const ways: Way[] = [];
  for (let i = 1; i < n; i++) ways.push({ head: left(i), han: true, tail: right(i) });
  for (let i = 0; i < n; i++) ways.push({ head: left(i), han: true, tail: right(i + 1) });
  if (n - 1 >= MIN_CHARS) for (let i = 1; i < n - 1; i++) ways.push({ head: left(i) + right(i + 1), han: false, tail: '' });
  return ways;
}

/** Per way a stretch can be one character off `word` (as printedNeighbours reads them), the parts of the word it keeps. */
export function keptStretches(word: string): string[][] {
  return waysOff(word).map((w) => [w.head, w.tail].filter((p) => p !== ''));
}

const HAN_AT = /\p{Script=Han}/uy;

/** Where a stretch of `way` starting at `p` ends, or -1 when none starts there. */
function matchAt(text: string, p: number, way: Way): number {
  if (!text.startsWith(way.head, p)) return -1;
  let q = p + way.head.length;
  if (way.han) {
    HAN_AT.lastIndex = q;
    if (!HAN_AT.test(text)) return -1;
    q = HAN_AT.lastIndex;
  }
  return text.startsWith(way.tail, q) ? q + way.tail.length : -1;
}

/** Every position at which `needle` occurs in `text`, overlaps included. */
function occurrences(text: string, needle: string, shift: (q: number) => number, into: number[]): void {
  for (let q = text.indexOf(needle); q >= 0; q = text.indexOf(needle, q + 1)) {
    const p = shift(q);
    if (p >= 0) into.push(p);
  }
}

/**
 * Stretches of the texts one Han character away from `word` (one substituted anywhere, one added or dropped inside),
 * with the ids of the texts that print each: read left to right as a global regex of the ways would, the first way that
 * fits at a position taken and the reading going on after it, but tried only where a stretch can start (the word's
 * first character, or a character before the rest of the word).
 */
export function printedNeighbours(word: string, texts: Iterable<[string, string]>): Map<string, string[]> {
  const ways = waysOff(word);
  const first = String.fromCodePoint(word.codePointAt(0)!);
  const afterFirst = word.slice(first.length);
  const out = new Map<string, string[]>();
  for (const [id, text] of texts) {
    const starts: number[] = [];
    occurrences(text, first, (q) => q, starts);
    // The character before the rest: one code point back (two units for a surrogate pair).
    occurrences(text, afterFirst, (q) => (q >= 2 && /[\uDC00-\uDFFF]/.test(text[q - 1]!) && /[\uD800-\uDBFF]/.test(text[q - 2]!) ? q - 2 : q - 1), starts);
    starts.sort((x, y) => x - y);
    const seen = new Set<string>();
    let from = 0;
    for (const p of starts) {
      if (p < from) continue;
      for (const way of ways) {
        const end = matchAt(text, p, way);
        if (end < 0) continue;
        const form = text.slice(p, end);
        if (form !== word) seen.add(form);
        from = end;
        break;
      }
    }
    for (const form of seen) out.set(form, [...(out.get(form) ?? []), id]);
  }
  return out;
}

/** Whether the characters where `typed` and `printed` differ stand alone in jieba's cut of `typed`: the typing broke a word apart. */
export function brokenAt(typed: string, printed: string, singles: ReadonlySet<number> = singlesOf(typed)): boolean {
  const a = [...typed];
  const b = [...printed];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  // A character dropped or added (where, among repeated characters, is open): one typed beside the first difference stands alone.
  if (a.length !== b.length) return singles.has(head - 1) || singles.has(head);
  // A character substituted: it stands alone.
  const from = head;
  const to = a.length - tail;
  for (let i = Math.max(0, from); i < Math.min(a.length, to); i++) if (!singles.has(i)) return false;
  return true;
}

/** The positions of the characters that stand alone in jieba's cut of `typed` (no dictionary word holds them). */
function singlesOf(typed: string): Set<number> {
  let at = 0;
  const singles = new Set<number>();
  for (const piece of jieba.cut(typed, false)) {
    const len = [...piece].length;
    if (len === 1) singles.add(at);
    at += len;
  }
  return singles;
}
