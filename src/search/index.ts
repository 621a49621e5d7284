/** The search index: MiniSearch over segmented Chinese; articles printing every query word first, then labelled partial matches. */
import type MiniSearch from 'minisearch';
import { deckText, type Article } from '../corpus/types.ts';
import type { Role } from '../knowledge/types.ts';
import { leadOf, meetingWord } from '../knowledge/meetings.ts';
import { indexTerms, ownLookups, type Lookups } from './correct.ts';
import { Neighbours } from './neighbours.ts';
import type { Excerpt } from './excerpt.ts';
import { LazyExcerpt, PageFragments } from './lazy-excerpt.ts';
import { quickFuzzy } from './tree.ts';
import { Days, formCheck, Signatures, type FormCheck } from './signatures.ts';
import { segmentAll } from './segment-worker.ts';
import { buildIndex, createIndex, type IndexedDoc } from './options.ts';
import { documentFrequency, internals, termCount } from './postings.ts';
import { arrange, permuteKeys, sortRest, type OrderKeys } from './order.ts';
import { judge, type Plan, type Shelf } from './judge.ts';
import { bestIds, MAX_TERMS, scoreTerms, searchCandidates, type Candidates } from './score.ts';
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
  /** Every hit's id, best first: full matches, then partial ones (`ids[0, sorted)`; the rest are put in order when a page first reaches them). */
  ids: string[];
  /** How many leading ids are in their final order (all when absent). */
  sorted?: number;
  /** What orders the ids past `sorted` (none once all are in order). */
  pending?: OrderKeys | null;
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
  /** Articles by index short id, filled as hits are read. */
  private readonly byShortId: Array<Article | undefined> = [];
  /** Their ids by short id, filled with them: read as one string array, not a property of articles of many shapes. */
  private readonly idAt: Array<string | undefined> = [];
  /** Per short id, the characters its title, deck and body print, as a 2,048-bit set (made when first needed). */
  private readonly signatures = new Signatures();
  /** Per short id, its date as a number (read when first needed). */
  private readonly days = new Days();
  /** What the rank loop reads, by short id. */
  private readonly shelf: Shelf = { byShortId: this.byShortId, articleAt: (shortId) => this.articleAt(shortId), signatures: this.signatures, days: this.days };
  /** True: candidates come from MiniSearch's own search(), the reference the in-place scoring is tested against. */
  reference = false;
  /** The index's Han terms by their deletions, for did-you-mean: made on first need, then extended as articles are added. */
  private neighbours: Neighbours | null = null;
  /** How many times articles were added, and how many the deletion map has seen. */
  private added = 0;
  private neighboursAt = 0;

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
    quickFuzzy(this.mini);
    this.pristine = mini === undefined;
    this.context = { aliasOf: (w) => this.aliasOf(w), isNameOrPlace: (w) => isCorpusWord(w) || this.aliasOf(w) !== undefined };
  }

  /** Indexes the articles not yet indexed; returns how many were new. */
  add(articles: Article[]): number {
    const docs = [...new Map(articles.filter((a) => !this.mini.has(a.id)).map((a) => [a.id, this.toDoc(a)])).values()];
    // The same index either way (see buildIndex); the one-pass build is several times faster for a whole archive.
    if (this.pristine && this.mini.documentCount === 0 && docs.length > 0) quickFuzzy((this.mini = buildIndex(docs, (texts) => segmentAll(texts))));
    else this.mini.addAll(docs);
    this.pristine = false;
    if (docs.length > 0) this.added++;
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
    return { id: a.id, title: a.title, subtitle: deckText(a), body: a.body, people: people.join(' '), places: places.join(' '), date: a.date ?? a.published ?? '', source: a.source };
  }

  /** Ranks a query and makes the first `limit` hits. */
  search(query: string, limit = Infinity): SearchResult {
    const result = this.rank(query, limit) as SearchResult;
    result.hits = this.page(result, 0, limit);
    return result;
  }

  /** The hits `ranking.ids[offset, offset + count)`, with excerpts: a page of an answer, without searching again. */
  page(ranking: Ranking, offset: number, count: number): Hit[] {
    settle(ranking, offset + count);
    const words = ranking.forms.flat();
    const fragments = new PageFragments(words);
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
  rank(query: string, top = Infinity): Ranking {
    const parsed = parseQuery(query, this.context);
    let ranked = this.rankParsed(parsed, top);
    // A date that filters everything away was probably meant as text.
    if (ranked.ranking.ids.length === 0 && parsed.date) {
      const words = [...parsed.words, parsed.date.text];
      ranked = this.rankParsed({ ...parsed, date: null, words, forms: [...parsed.forms, [parsed.date.text]] }, top);
    }
    if (ranked.ranking.full > 0) return ranked.ranking;
    // A month or year alone that no article prints as text: the articles dated in it, newest first.
    const only = dateOnly(query);
    if (only) return this.rankParsed({ ...parsed, words: [], forms: [], date: only }, top).ranking;
    /** Each word list's forms compiled once, however many articles are checked for them. */
    const compiled = new WeakMap<string[][], FormCheck[][]>();
    const again = reread(ranked.parsed.words, ranked.parsed.forms, ranked.printedBy, {
      mini: this.mini,
      found: ranked.ranking.ids,
      printsAll: (id, of) => {
        const shortId = this.shortIdOf(id);
        const a = shortId === undefined ? undefined : this.articleAt(shortId);
        if (a === undefined || !inScope(a, ranked.parsed)) return false;
        let checks = compiled.get(of);
        if (!checks) compiled.set(of, (checks = of.map((fs) => fs.map((f) => formCheck(f.toLowerCase())))));
        for (const cs of checks) if (!this.signatures.printsAny(shortId!, a, cs)) return false;
        return true;
      },
      textOf: (id) => printedText(this.source.article(id)),
      lookups: this.lookups(),
      aliasOf: (w) => this.aliasOf(w),
    });
    if (!again) return ranked.ranking;
    return { ...this.rankParsed({ ...ranked.parsed, words: again.words, forms: again.forms }, top).ranking, corrections: again.corrections };
  }

  /** The ranking of a read query, and per word how many candidates print it. */
  private rankParsed(parsed: ParsedQuery, top: number): { ranking: Ranking; parsed: ParsedQuery; printedBy: number[] } {
    const { words, forms, date, intent } = parsed;
    const lowered = forms.map((fs) => fs.map((f) => f.toLowerCase()));
    const termsOf = lowered.map((fs) => fs.map((f) => segment(f)));
    // A role question also scores the role's verb (调研 for "X到哪里调研了"), without asking every hit to print it.
    const termSet = new Set<string>();
    for (const fs of termsOf) for (const ts of fs) for (const t of ts) termSet.add(t);
    if (intent?.kind === 'role' && words.length > 0) termSet.add(intent.role);
    const terms = [...termSet];
    // No words: a meetings question or a date alone lists every article it keeps.
    if (terms.length === 0 && intent?.kind !== 'meetings' && !date) {
      return { ranking: { query: parsed.query, words, forms, date, intent, corrections: [], ids: [], full: 0, covered: [], scores: [], sorted: 0, pending: null }, parsed, printedBy: words.map(() => 0) };
    }
    const candidates = terms.length === 0 ? this.everyArticle() : this.candidates(terms);
    // Per word and form: the query term bit that proves the article prints the form (the form is one of its own terms), and the bits of its parts.
    const bit = (t: string): number => (terms.indexOf(t) < MAX_TERMS ? 1 << terms.indexOf(t) : 0);
    const proof = lowered.map((fs, i) => fs.map((f, k) => (termsOf[i]![k]!.includes(f) ? bit(f) : 0)));
    const parts = lowered.map((fs, i) => fs.map((f, k) => {
      const ps = termsOf[i]![k]!.filter((t) => t !== f);
      return ps.length >= 2 && ps.every((t) => bit(t) !== 0) ? ps.reduce((mask, t) => mask | bit(t), 0) : -1;
    }));
    const plan: Plan = {
      proofs: proof.map((bs) => bs.reduce((m, b) => m | b, 0)),
      checks: lowered.map((fs) => fs.map(formCheck)),
      looseMasks: parts.map((ms) => ms.filter((m) => m !== -1)),
      inRole: new Set(intent?.kind === 'role' ? this.roleArticles(intent.name, intent.role) : []),
      recent: intent?.kind === 'meetings' || words.length === 0,
      inScope: date !== null || intent?.kind === 'meetings' ? (a) => inScope(a, parsed) : null,
    };
    const { keys, covered, full, printedBy } = judge(candidates, plan, this.shelf);
    const { shortIds } = candidates;
    const { order, sorted } = arrange(keys, top);
    // Keys in ranking order are kept only for ranking the rest later: a ranking sorted whole needs just its scores.
    const ordered = sorted < order.length ? permuteKeys(keys, order) : null;
    const scores = ordered ? ordered.scores : order.map((p) => keys.scores[p]!);
    const ids = new Array<string>(order.length);
    const coveredInOrder = new Array<number>(order.length);
    for (let i = 0; i < order.length; i++) {
      const p = order[i]!;
      ids[i] = this.idAt[shortIds[keys.place[p]!]!]!;
      coveredInOrder[i] = covered[p]!;
    }
    const ranking: Ranking = { query: parsed.query, words, forms, date, intent, corrections: [], ids, full, covered: coveredInOrder, scores, sorted, pending: ordered };
    return { ranking, parsed, printedBy };
  }

  /** The candidates of the query terms: scored in place, or by MiniSearch itself past what a bit mask holds (or when asked to, as the tests' reference). */
  private candidates(terms: string[]): Candidates {
    return this.reference || terms.length > MAX_TERMS ? searchCandidates(this.mini, terms) : scoreTerms(this.mini, terms);
  }

  /** Did-you-mean's lookups: the deletion map and in-place scoring, or MiniSearch's own fuzzyGet and search() as the reference. */
  private lookups(): Lookups {
    if (this.reference) return ownLookups(this.mini);
    const mini = this.mini;
    const own = ownLookups(mini);
    const compiledWays = new WeakMap<string[][], FormCheck[][]>();
    return {
      near: (word, keep) => {
        // Made on the first miss; after articles were added, the index's terms are walked again (those held are skipped), not the articles' text cut again.
        if (!this.neighbours || this.neighboursAt !== this.added) {
          (this.neighbours ??= new Neighbours()).addTerms(indexTerms(mini));
          this.neighboursAt = this.added;
        }
        return this.neighbours.near(mini, word, keep);
      },
      best: (terms, count) => (terms.length > MAX_TERMS ? own.best(terms, count) : bestIds(mini, terms, count)),
      mayPrintAll: (id, ways) => {
        const shortId = this.shortIdOf(id);
        const a = shortId === undefined ? undefined : this.articleAt(shortId);
        if (a === undefined) return true;
        let checks = compiledWays.get(ways);
        if (!checks) compiledWays.set(ways, (checks = ways.map((w) => w.map(formCheck))));
        return checks.some((cs) => this.signatures.mayPrintEvery(shortId!, a, cs));
      },
    };
  }

  /** Every article, unscored, in index order (a meetings question with no other words). */
  private everyArticle(): Candidates {
    const ids = this.source.articles().map((a) => this.shortIdOf(a.id)).filter((id): id is number => id !== undefined);
    return { shortIds: ids, scores: ids.map(() => 0), printed: ids.map(() => 0) };
  }

  private shortIdOf(id: string): number | undefined {
    return internals(this.mini)._idToShortId.get(id);
  }

  /** The article behind an index short id, remembered by position. */
  private articleAt(shortId: number): Article | undefined {
    const known = this.byShortId[shortId];
    if (known) return known;
    const id = internals(this.mini)._documentIds.get(shortId);
    const a = id === undefined ? undefined : this.source.article(id);
    // Kept dense (no holes past its end), so reading it stays a plain array access.
    while (this.byShortId.length <= shortId) (this.byShortId.push(undefined), this.idAt.push(undefined));
    if (a) (this.byShortId[shortId] = a), (this.idAt[shortId] = a.id);
    return a;
  }

  /** How many articles print `term` in their title, deck or body, as the index holds it (0 when it is no index term). */
  documentFrequency(term: string): number {
    return documentFrequency(this.mini, term.toLowerCase());
  }

  /** How many distinct terms the index holds. */
  get termCount(): number {
    return termCount(this.mini);
  }

  /** Every term of the index (for the corpus dictionary of did-you-mean). */
  terms(): Iterable<string> {
    return indexTerms(this.mini);
  }

  /** Takes articles out (a page read again); their postings are swept by a vacuum in the background, and skipped until then. */
  remove(ids: readonly string[]): number {
    let removed = 0;
    for (const id of ids) {
      const shortId = internals(this.mini)._idToShortId.get(id);
      if (shortId === undefined) continue;
      this.mini.discard(id);
      this.byShortId[shortId] = undefined;
      this.idAt[shortId] = undefined;
      removed++;
    }
    if (removed > 0) this.mini.vacuum().catch(() => undefined);
    return removed;
  }
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
  return a && `${a.title}\n${deckText(a)}\n${a.body}`;
}

/** Puts a ranking's ids in their final order up to `end`, when a page reaches past those already in order. */
function settle(ranking: Ranking, end: number): void {
  const keys = ranking.pending;
  if (!keys || end <= (ranking.sorted ?? ranking.ids.length)) return;
  const order = sortRest(keys, ranking.sorted ?? ranking.ids.length);
  const { ids, covered } = ranking;
  ranking.ids = order.map((p) => ids[p]!);
  ranking.covered = order.map((p) => covered[p]!);
  ranking.scores = order.map((p) => keys.scores[p]!);
  ranking.sorted = order.length;
  ranking.pending = null;
}


