/** The search index: MiniSearch over segmented Chinese, ranked so articles with every query word come first. */
import type MiniSearch from 'minisearch';
import type { Article } from '../corpus/types.ts';
import { excerpt, type Excerpt } from './excerpt.ts';
import { createIndex, type IndexedDoc } from './options.ts';
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

  constructor(
    private readonly mini: MiniSearch<IndexedDoc> = createIndex(),
    private readonly enrich: Enrich = () => ({ people: [], places: [] }),
    /** A variant spelling's canonical name (官卫红 → 宫卫红). */
    private readonly aliasOf: (word: string) => string | undefined = () => undefined,
  ) {}

  /** Adds articles not yet indexed; returns how many were new. */
  add(articles: Article[]): number {
    const fresh = articles.filter((a) => !this.articles.has(a.id));
    for (const a of fresh) this.articles.set(a.id, a);
    const docs = fresh.filter((a) => !this.mini.has(a.id)).map((a) => this.toDoc(a));
    this.mini.addAll(docs);
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
    const results = this.mini.search({ combineWith: 'OR', queries: terms });
    const hits: Hit[] = [];
    for (const r of results) {
      const a = this.articles.get(String(r.id));
      if (!a) continue;
      const text = `${a.title}${a.subtitle ?? ''}${a.body}`.toLowerCase();
      const present = expanded.map((forms) => forms.filter((f) => text.includes(f.toLowerCase())));
      const covered = present.filter((p) => p.length > 0).length;
      hits.push({ id: a.id, title: a.title, date: a.date, source: a.source, score: r.score, covered, excerpt: { text: '', marks: [] } });
    }
    hits.sort((x, y) => y.covered - x.covered || y.score - x.score || (y.date ?? '').localeCompare(x.date ?? ''));
    // Articles that print none of the words only matched a fragment (大会 of 诗词大会): show them only when nothing better exists.
    const useful = hits[0] && hits[0].covered > 0 ? hits.filter((h) => h.covered > 0) : hits;
    const top = useful.slice(0, limit);
    const marks = [...expanded.flat(), ...terms.filter((t) => [...t].length >= 2)];
    for (const h of top) h.excerpt = excerpt(this.articles.get(h.id)!.body, marks);
    return { query, words, hits: top };
  }
}
