/** The search index: MiniSearch over segmented Chinese; articles printing every query word first, then labelled partial matches. */
import type MiniSearch from 'minisearch';
import type { Article } from '../corpus/types.ts';
import type { Role } from '../knowledge/types.ts';
import { leadOf, meetingWord } from '../knowledge/meetings.ts';
import { indexTerms } from './correct.ts';
import { excerpt, type Excerpt } from './excerpt.ts';
import { buildIndex, createIndex, type IndexedDoc } from './options.ts';
import { chunks, dateOnly, MAX_WORDS, parseQuery, type DateFilter, type Intent, type ParsedQuery, type QueryContext } from './query.ts';
import { reread, type Correction } from './reread.ts';
import { isCorpusWord, segment } from './tokenize.ts';

/** Whether a hit prints every query word, or only some of them (a partial match, labelled so wherever it is shown). */
export type MatchKind = 'full' | 'partial';

export interface Hit {
  id: string;
  title: string;
  titleSource?: 'printed' | 'derived';
  date: string | null;
  /** The page's publication day, for an undated article's "见报" date. */
  published?: string | null;
  source: string;
  score: number;
  /** How many of the query's words the article prints. */
  covered: number;
  match: MatchKind;
  excerpt: Excerpt;
}

export type { Correction } from './reread.ts';

/** A ranked answer as plain data: every ranked id, so each page of it is cut from here without searching again. */
export interface Ranking {
  query: string;
  /** The words searched (after corrections), lowercased. */
  words: string[];
  /** Each word's forms (aliases, canonical names), as searched. */
  forms: string[][];
  date: DateFilter | null;
  intent: Intent | null;
  corrections: Correction[];
  /** Every hit's id, best first: full matches, then partial ones. */
  ids: string[];
  /** `ids[0, full)` print every word. */
  full: number;
  /** Per ranked id: how many words it prints, and its score. */
  covered: number[];
  scores: number[];
}

/** A ranking with its first hits made. */
export interface SearchResult extends Ranking {
  hits: Hit[];
}

/** Where the index reads articles: the library's own map and list. */
export interface ArticleSource {
  article(id: string): Article | undefined;
  articles(): readonly Article[];
}

/** What the index needs to know about an article beyond its text. */
export type Enrich = (article: Article) => { people: string[]; places: string[] };

/** Splits a user's query into words at spaces and punctuation (full-width too), numbers kept whole (3.5%, PM2.5). */
export function queryWords(query: string): string[] {
  return [...new Set(chunks(query.normalize('NFKC')))].slice(0, MAX_WORDS);
}

export class SearchIndex {
  private mini: MiniSearch<IndexedDoc>;
  /** True while the index is the project's own and still empty, so a first batch can be built in one pass. */
  private pristine: boolean;
  private readonly context: QueryContext;

  constructor(
    private readonly source: ArticleSource,
    mini?: MiniSearch<IndexedDoc>,
    private readonly enrich: Enrich = () => ({ people: [], places: [] }),
    /** A variant spelling's canonical name (官卫红 → 宫卫红). */
    private readonly aliasOf: (word: string) => string | undefined = () => undefined,
    /** The articles where the directory lists a person (canonical name) in a role. */
    private readonly roleArticles: (name: string, role: Role) => readonly string[] = () => [],
  ) {
    this.mini = mini ?? createIndex();
    this.pristine = mini === undefined;
    this.context = { aliasOf: (w) => this.aliasOf(w), isNameOrPlace: (w) => isCorpusWord(w) || this.aliasOf(w) !== undefined };
  }

  /** Indexes the articles not yet indexed; returns how many were new. */
  add(articles: Article[]): number {
    const docs = [...new Map(articles.filter((a) => !this.mini.has(a.id)).map((a) => [a.id, this.toDoc(a)])).values()];
    // The same index either way (see buildIndex); the one-pass build is several times faster for a whole archive.
    if (this.pristine && this.mini.documentCount === 0 && docs.length > 0) this.mini = buildIndex(docs);
    else this.mini.addAll(docs);
    this.pristine = false;
    return docs.length;
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

  /** Ranks a query and makes the first `limit` hits. */
  search(query: string, limit = Infinity): SearchResult {
    const ranking = this.rank(query);
    return { ...ranking, hits: this.page(ranking, 0, limit) };
  }

  /** The hits `ranking.ids[offset, offset + count)`, with excerpts: a page of an answer, without searching again. */
  page(ranking: Ranking, offset: number, count: number): Hit[] {
    const words = ranking.forms.flat();
    const fragments = [...new Set(words.flatMap((w) => segment(w)))].filter((t) => [...t].length >= 2);
    const hits: Hit[] = [];
    const end = Math.min(ranking.ids.length, offset + count);
    for (let i = Math.max(0, offset); i < end; i++) {
      const a = this.source.article(ranking.ids[i]!);
      if (!a) continue;
      const match: MatchKind = i < ranking.full ? 'full' : 'partial';
      hits.push({ id: a.id, title: a.title, titleSource: a.titleSource, date: a.date, published: a.published, source: a.source, score: ranking.scores[i]!, covered: ranking.covered[i]!, match, excerpt: new LazyExcerpt(a.body, words, fragments) });
    }
    return hits;
  }

  /** Ranks every article the query finds: full matches, then partial ones; a word printed nowhere is corrected when one character off a printed form. */
  rank(query: string): Ranking {
    const parsed = parseQuery(query, this.context);
    let ranked = this.rankParsed(parsed);
    // A date that filters everything away was probably meant as text.
    if (ranked.ranking.ids.length === 0 && parsed.date) {
      const words = [...parsed.words, parsed.date.text];
      ranked = this.rankParsed({ ...parsed, date: null, words, forms: [...parsed.forms, [parsed.date.text]] });
    }
    if (ranked.ranking.full > 0) return ranked.ranking;
    // A month or year alone that no article prints as text: the articles dated in it, newest first.
    const only = dateOnly(query);
    if (only) return this.rankParsed({ ...parsed, words: [], forms: [], date: only }).ranking;
    const again = reread(ranked.parsed.words, ranked.parsed.forms, ranked.printedBy, {
      mini: this.mini,
      found: ranked.ranking.ids,
      printsAll: (id, of) => {
        const a = this.source.article(id);
        return a !== undefined && inScope(a, ranked.parsed) && of.every((fs) => fs.some((f) => printsForm(a, f.toLowerCase())));
      },
      textOf: (id) => printedText(this.source.article(id)),
      aliasOf: (w) => this.aliasOf(w),
    });
    if (!again) return ranked.ranking;
    return { ...this.rankParsed({ ...ranked.parsed, words: again.words, forms: again.forms }).ranking, corrections: again.corrections };
  }

  /** The ranking of a read query, and per word how many candidates print it. */
  private rankParsed(parsed: ParsedQuery): { ranking: Ranking; parsed: ParsedQuery; printedBy: number[] } {
    const { words, forms, date, intent } = parsed;
    const base = { query: parsed.query, words, forms, date, intent, corrections: [] as Correction[] };
    const empty = { ranking: { ...base, ids: [], full: 0, covered: [], scores: [] }, parsed, printedBy: words.map(() => 0) };
    const lowered = forms.map((fs) => fs.map((f) => f.toLowerCase()));
    const termsOf = lowered.map((fs) => fs.map((f) => segment(f)));
    // A role question also scores the role's verb (调研 for "X到哪里调研了"), without asking every hit to print it.
    const terms = [...new Set([...termsOf.flat(2), ...(intent?.kind === 'role' && words.length > 0 ? [intent.role] : [])])];
    // No words: a meetings question or a date alone lists every article it keeps.
    if (terms.length === 0 && intent?.kind !== 'meetings' && !date) return empty;
    const results: Array<{ id: string; score: number; queryTerms: string[] }> = terms.length > 0
      // The terms are already segmented: MiniSearch must not cut them again (疫情防控 would be scored twice over).
      ? this.mini.search({ combineWith: 'OR', queries: terms }, { tokenize: (term) => [term] }).map((r) => ({ id: String(r.id), score: r.score, queryTerms: printedTerms(r.queryTerms, r.match) }))
      : this.source.articles().map((a) => ({ id: a.id, score: 0, queryTerms: [] }));
    const printedBy = words.map(() => 0);
    const rows: Array<{ id: string; tier: number; role: number; covered: number; loose: number; score: number; when: string }> = [];
    const inRole = new Set(intent?.kind === 'role' ? this.roleArticles(intent.name, intent.role) : []);
    for (const r of results) {
      const a = this.source.article(r.id);
      if (!a) continue;
      const when = a.date ?? a.published ?? '';
      if (!inScope(a, parsed)) continue;
      const matched = new Set(r.queryTerms);
      let covered = 0;
      let loose = 0;
      lowered.forEach((fs, i) => {
        // Whether the article prints the word (any of its forms): proven by the index when the form is one of its terms, else read in the text.
        const prints = fs.some((f, k) => (termsOf[i]![k]!.includes(f) && matched.has(f)) || printsForm(a, f));
        if (prints) {
          covered++;
          printedBy[i]!++;
        } else if (fs.some((f, k) => isLoose(termsOf[i]![k]!, f, matched))) loose++;
      });
      const tier = covered === words.length ? 2 : covered + loose > 0 ? 1 : 0;
      if (tier === 0) continue;
      const role = tier === 2 && inRole.has(a.id) ? 1 : 0;
      rows.push({ id: a.id, tier, role, covered, loose, score: r.score, when });
    }
    const recent = intent?.kind === 'meetings' || words.length === 0;
    rows.sort((x, y) => y.tier - x.tier || y.role - x.role || y.covered - x.covered || y.loose - x.loose
      || (recent ? y.when.localeCompare(x.when) : 0) || y.score - x.score || y.when.localeCompare(x.when));
    const ranking: Ranking = {
      ...base,
      ids: rows.map((r) => r.id),
      full: rows.filter((r) => r.tier === 2).length,
      covered: rows.map((r) => r.covered),
      scores: rows.map((r) => r.score),
    };
    return { ranking, parsed, printedBy };
  }

  /** Every term of the index (for the corpus dictionary of did-you-mean). */
  terms(): Iterable<string> {
    return indexTerms(this.mini);
  }
}

/** The query terms a hit prints in its title, deck or body (an index term matched there is the query term or starts with it); the people and places fields are not printed text. */
function printedTerms(queryTerms: string[], match: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const q of queryTerms) {
    for (const term in match) {
      if (term.startsWith(q) && match[term]!.some((f) => TEXT_FIELDS.has(f))) {
        out.push(q);
        break;
      }
    }
  }
  return out;
}

const TEXT_FIELDS = new Set(['title', 'subtitle', 'body']);

/** Whether a word the article does not print whole has all its parts in the article (疫情防控会议 → 疫情防控, 会议): a partial match. */
function isLoose(terms: string[], form: string, matched: Set<string>): boolean {
  const parts = terms.filter((t) => t !== form);
  return parts.length >= 2 && parts.every((t) => matched.has(t));
}

/** Whether an article is dated in the query's months, and reports a meeting when the query asks for meetings. */
function inScope(a: Article, { date, intent }: Pick<ParsedQuery, 'date' | 'intent'>): boolean {
  return (!date || (a.date ?? a.published ?? '').startsWith(date.prefix)) && (intent?.kind !== 'meetings' || isMeeting(a));
}

/** Whether an article reports a meeting, per article read once. */
const meetingReports = new WeakMap<Article, boolean>();

/** An article reporting a meeting in its headline or lead. */
function isMeeting(a: Article): boolean {
  let yes = meetingReports.get(a);
  if (yes === undefined) meetingReports.set(a, (yes = meetingWord(a.title) !== null || meetingWord(leadOf(a)) !== null));
  return yes;
}

/** An article's printed text (title, deck, body), read by did-you-mean. */
function printedText(a: Article | undefined): string | undefined {
  return a && `${a.title}\n${a.subtitle ?? ''}\n${a.body}`;
}

/** A lowercased form made only of Han characters and digits, which no other character lowercases into. */
const UNCASED = /^[\p{Script=Han}0-9]+$/u;

/** Whether title, subtitle and body run together print the lowercased `form`. */
function printsForm(a: Article, form: string): boolean {
  if (!UNCASED.test(form)) return `${a.title}${a.subtitle ?? ''}${a.body}`.normalize('NFKC').toLowerCase().includes(form);
  return prints(a, form);
}

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
