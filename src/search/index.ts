/** The search index: MiniSearch over segmented Chinese, ranked so articles with every query word come first. */
import type MiniSearch from 'minisearch';
import type { Article } from '../corpus/types.ts';
import { excerpt, type Excerpt } from './excerpt.ts';
import { buildIndex, createIndex, type IndexedDoc } from './options.ts';
import { segment } from './tokenize.ts';

export interface Hit {
  id: string;
  title: string;
  date: string | null;
  source: string;
  score: number;
  /** How many of the query's words the article prints. */
  covered: number;
  excerpt: Excerpt;
}

export interface SearchResult {
  query: string;
  words: string[];
  hits: Hit[];
}

/** What the index needs to know about an article beyond its text. */
export type Enrich = (article: Article) => { people: string[]; places: string[] };

/** Splits a user's query into words at spaces and punctuation (full-width too). */
export function queryWords(query: string): string[] {
  return [...new Set(query.normalize('NFKC').split(/[\s\p{P}\p{S}]+/u).filter((w) => w.length > 0))].slice(0, 12);
}

export class SearchIndex {
  private readonly articles = new Map<string, Article>();
  private mini: MiniSearch<IndexedDoc>;
  /** True while the index is the project's own and still empty, so a first batch can be built in one pass. */
  private pristine: boolean;

  constructor(
    mini?: MiniSearch<IndexedDoc>,
    private readonly enrich: Enrich = () => ({ people: [], places: [] }),
    /** A variant spelling's canonical name (官卫红 → 宫卫红). */
    private readonly aliasOf: (word: string) => string | undefined = () => undefined,
  ) {
    this.mini = mini ?? createIndex();
    this.pristine = mini === undefined;
  }

  /** Adds articles not yet indexed; returns how many were new. */
  add(articles: Article[]): number {
    const fresh = articles.filter((a) => !this.articles.has(a.id));
    for (const a of fresh) this.articles.set(a.id, a);
    const docs = fresh.filter((a) => !this.mini.has(a.id)).map((a) => this.toDoc(a));
    // The same index either way (see buildIndex); the one-pass build is several times faster for a whole archive.
    if (this.pristine && this.mini.documentCount === 0 && docs.length > 0) this.mini = buildIndex(docs);
    else this.mini.addAll(docs);
    this.pristine = false;
    return fresh.length;
  }

  /** Registers articles that a loaded snapshot already holds. */
  adopt(articles: Article[]): void {
    for (const a of articles) this.articles.set(a.id, a);
  }

  get size(): number {
    return this.mini.documentCount;
  }

  /** The MiniSearch index itself, to save it. */
  get raw(): MiniSearch<IndexedDoc> {
    return this.mini;
  }

  private toDoc(a: Article): IndexedDoc {
    const { people, places } = this.enrich(a);
    return { id: a.id, title: a.title, subtitle: a.subtitle ?? '', body: a.body, people: people.join(' '), places: places.join(' '), date: a.date ?? a.published ?? '', source: a.source };
  }

  /** Ranks articles for a query: all words first, then partial matches; ties go to the newer article. */
  search(query: string, limit = Infinity): SearchResult {
    const words = queryWords(query);
    const expanded = words.map((w) => {
      const canonical = this.aliasOf(w);
      return canonical && canonical !== w ? [w, canonical] : [w];
    });
    const terms = [...new Set(expanded.flat().flatMap((w) => segment(w)))];
    if (terms.length === 0) return { query, words, hits: [] };
    // The terms are already segmented: MiniSearch must not cut them again (疫情防控 would be scored twice over).
    const results = this.mini.search({ combineWith: 'OR', queries: terms }, { tokenize: (term) => [term] });
    // Each word's forms, lowercased, and whether they can be looked up in the text as printed (see prints).
    const forms = expanded.map((fs) => fs.map((f) => f.toLowerCase()).map((f) => ({ f, uncased: UNCASED.test(f) })));
    const hits: Hit[] = [];
    /** Each hit's date for breaking ties, kept beside the hits rather than in them. */
    const when = new Map<string, string>();
    for (const r of results) {
      const a = this.articles.get(String(r.id));
      if (!a) continue;
      let lowered: string | undefined;
      let covered = 0;
      for (const fs of forms) {
        for (const { f, uncased } of fs) {
          const found = uncased ? prints(a, f) : (lowered ??= `${a.title}${a.subtitle ?? ''}${a.body}`.toLowerCase()).includes(f);
          if (found) {
            covered++;
            break;
          }
        }
      }
      hits.push({ id: a.id, title: a.title, date: a.date, source: a.source, score: r.score, covered, excerpt: NO_EXCERPT });
      when.set(a.id, a.date ?? a.published ?? '');
    }
    // Ties go to the newer article: the event date, or the page's publication date when the article gives no day.
    hits.sort((x, y) => y.covered - x.covered || y.score - x.score || when.get(y.id)!.localeCompare(when.get(x.id)!));
    // Articles that print none of the words only matched a fragment (大会 of 诗词大会): show them only when nothing better exists.
    const useful = hits[0] && hits[0].covered > 0 ? hits.filter((h) => h.covered > 0) : hits;
    const top = useful.slice(0, limit);
    const wordsAndForms = expanded.flat();
    const fragments = terms.filter((t) => [...t].length >= 2);
    // Excerpts are made when first read: a list of thousands of hits shows five at a time.
    for (const h of top) h.excerpt = new LazyExcerpt(this.articles.get(h.id)!.body, wordsAndForms, fragments);
    return { query, words, hits: top };
  }
}

const NO_EXCERPT: Excerpt = { text: '', marks: [] };
/** A lowercased form made only of Han characters and digits, which no other character lowercases into. */
const UNCASED = /^[\p{Script=Han}0-9]+$/u;

/**
 * Whether title, subtitle and body run together print `form`, a form of Han characters and digits: for such a form
 * that is the same as finding it in the lowercased text, without joining and lowercasing the text. A form running
 * across title, subtitle and body still counts.
 */
function prints(a: Article, form: string): boolean {
  if (a.title.includes(form) || a.body.includes(form)) return true;
  const mid = a.subtitle ?? '';
  if (mid.includes(form)) return true;
  const h = a.title.length;
  return spansAt(a.title, mid, a.body, form, h) || (mid.length > 0 && spansAt(a.title, mid, a.body, form, h + mid.length));
}

/** Whether `form` is printed across position `junction` of head + mid + tail (starting before it, ending after it), read in place. */
function spansAt(head: string, mid: string, tail: string, form: string, junction: number): boolean {
  const total = head.length + mid.length + tail.length;
  for (let p = Math.max(0, junction - form.length + 1); p < junction && p + form.length <= total; p++) {
    let k = 0;
    while (k < form.length && charAt(head, mid, tail, p + k) === form.charCodeAt(k)) k++;
    if (k === form.length) return true;
  }
  return false;
}

/** The UTF-16 code unit at `i` of head + mid + tail. */
function charAt(head: string, mid: string, tail: string, i: number): number {
  if (i < head.length) return head.charCodeAt(i);
  const j = i - head.length;
  return j < mid.length ? mid.charCodeAt(j) : tail.charCodeAt(j - mid.length);
}

/** An excerpt made from the body when its text or marks are first read (JSON gives both, as for a plain excerpt). */
class LazyExcerpt implements Excerpt {
  readonly #body: string;
  readonly #words: string[];
  readonly #fragments: string[];
  #made: Excerpt | null = null;

  constructor(body: string, words: string[], fragments: string[]) {
    this.#body = body;
    this.#words = words;
    this.#fragments = fragments;
  }

  #get(): Excerpt {
    return (this.#made ??= excerpt(this.#body, this.#words, 80, this.#fragments));
  }

  get text(): string {
    return this.#get().text;
  }

  set text(value: string) {
    this.#get().text = value;
  }

  get marks(): Excerpt['marks'] {
    return this.#get().marks;
  }

  set marks(value: Excerpt['marks']) {
    this.#get().marks = value;
  }

  toJSON(): Excerpt {
    return this.#get();
  }
}
