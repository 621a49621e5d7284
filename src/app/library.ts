/** The library: articles with their search index, directory of officials, meetings and topics, kept in step as pages arrive. */
import type { Corpus, LoadedPage } from '../corpus/load.ts';
import type { Article } from '../corpus/types.ts';
import { aliasesOf, officialNames } from '../knowledge/people.ts';
import { resolvePerson } from '../knowledge/resolve.ts';
import { addArticles, buildKnowledge, removeArticles } from '../knowledge/state.ts';
import { findTopic, topicsOf } from '../knowledge/topics.ts';
import type { Directory, KnowledgeState, Meeting, TopicIndex } from '../knowledge/types.ts';
import { buildSearch, extendSearch, searchIndex, type SearchKnowledge } from '../search/build.ts';
import { queryWords, type Hit, type Ranking, type SearchIndex, type SearchResult } from '../search/index.ts';
import { compactIndex, loadCompactIndex, type CompactIndex } from '../search/options.ts';
import { readSubtrees } from '../search/tree.ts';
import { addWords } from '../search/tokenize.ts';

/** What the bot reads about the newspaper pages. */
export interface Library {
  /** Every article, in page order. */
  articles(): Article[];
  /** One article by id (case and surrounding space ignored); undefined when unknown. */
  article(id: string): Article | undefined;
  stats(): { pages: number; articles: number; terms: number };
  /** How many articles print `term` in title, deck or body, as the index holds it (0 for a word that is no index term). */
  documentFrequency(term: string): number;
  /** Ranked hits with excerpts. */
  search(query: string, limit?: number): SearchResult;
  /** Hits `ranking.ids[offset, offset + count)` with excerpts: a page of an earlier answer, without searching again. */
  page(ranking: Ranking, offset: number, count: number): Hit[];
  /** Nearby terms to try when a query found nothing. */
  suggest(query: string): string[];
  directory(): Directory;
  topics(): TopicIndex;
  topicsOf(articleId: string): string[];
  meetings(): Meeting[];
  /** A misprinted name's canonical spelling (官卫红 → 宫卫红). */
  aliasOf(word: string): string | undefined;
  /** Adds a page's articles; returns those not already in the library (a page read again is replaced as readPage does). */
  addPage(page: LoadedPage): Article[];
  /** Reads a page, new or read before: its new articles are added, those printed again with other text replaced, those it no longer prints removed. */
  readPage(page: LoadedPage): PageChange;
  /** Everything built from the articles, as plain data for a snapshot (see libraryFromState). */
  snapshotState(): LibraryState;
  /** Makes now what a snapshot start leaves until first read: the directory, and the index's term tree (did-you-mean walks all of it). */
  settle(): void;
}

/** What reading a page changed in the library. */
export interface PageChange {
  /** Articles new to the library. */
  added: Article[];
  /** Articles the page printed before, now with other text (same id). */
  replaced: Article[];
  /** Articles the page printed before and no longer prints. */
  removed: Article[];
}

/** Whether two parses of an article are the same. */
const sameArticle = (a: Article, b: Article): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A library's articles and what was derived from them, as plain data: libraryFromState rebuilds the same library without segmenting or classifying anything. */
export interface LibraryState {
  /** Page sources, for stats(). */
  sources: string[];
  /** Every article, in page order. */
  articles: Article[];
  /** Directory, topics and meetings as plain data. */
  knowledge: KnowledgeState;
  /** The words the library put into jieba's dictionary; they go back in before any query is segmented. */
  words: string[];
  /** The MiniSearch index, its postings as one array of numbers. */
  index: CompactIndex;
  /** The directory's misprint aliases (variant, name), when known apart from it: a snapshot keeps them so its directory can be parsed later. */
  aliases?: Array<[string, string]>;
}

interface Derived {
  knowledge: KnowledgeState;
  aliases: Map<string, string>;
}

/** Adds the alias lookup that follows from the directory. */
function withLookups(knowledge: KnowledgeState): Derived {
  return { knowledge, aliases: aliasesOf(knowledge.directory) };
}

/** The people listed in an article (canonical names, in order of first mention). */
function peopleIn(derived: Derived, articleId: string): string[] {
  const dir = derived.knowledge.directory;
  const names = (dir.byArticle[articleId] ?? []).map((s) => derived.aliases.get(s) ?? s);
  return [...new Set(names)].filter((n) => dir.spellings[n]?.strong && !dir.press.includes(n));
}

/** A Library over loadCorpus's output. */
export function createLibrary(corpus: Pick<Corpus, 'pages' | 'articles'>): Library {
  const all: Article[] = [...corpus.articles];
  return assemble(all, corpus.pages.map((p) => p.source), withLookups(buildKnowledge(all)), (knowledge, words) => {
    const { index, dictionary } = buildSearch(all, knowledge);
    for (const d of dictionary) words.add(d.word);
    return index;
  });
}

/** The library a snapshot state describes: the same articles, knowledge and index as the library it was taken from. */
export function libraryFromState(state: LibraryState): Library {
  // The dictionary goes into jieba first: queries must be cut as the indexed text was.
  addWords(state.words);
  // Aliases given apart leave the directory unread (a snapshot's is parsed when first needed).
  const derived = state.aliases ? { knowledge: state.knowledge, aliases: new Map(state.aliases) } : withLookups(state.knowledge);
  return assemble([...state.articles], state.sources, derived, (knowledge, words) => {
    for (const w of state.words) words.add(w);
    const index = searchIndex(knowledge, loadCompactIndex(state.index));
    return index;
  });
}

/** The library's methods over its articles, derived knowledge and an index made by `makeIndex`. */
function assemble(all: Article[], pageSources: string[], initial: Derived, makeIndex: (knowledge: SearchKnowledge, words: Set<string>) => SearchIndex): Library {
  const key = (a: Article): string => a.id.toLowerCase();
  const byId = new Map(all.map((a) => [key(a), a]));
  /** A known article's date, to keep topic lists newest first. */
  const dateOf = (id: string): string => { const a = byId.get(id.toLowerCase()); return a?.date ?? a?.published ?? ''; };
  const sources = new Set(pageSources);
  let derived = initial;
  /** Officials' names, listed when first needed (by a new page): a plain search does not read the directory. */
  let names: string[] | undefined;
  const knowledge: SearchKnowledge = {
    get names() {
      return (names ??= officialNames(derived.knowledge.directory));
    },
    set names(list) {
      names = list;
    },
    aliasOf: (w) => derived.aliases.get(w),
    peopleOf: (a) => peopleIn(derived, a.id),
    roleArticles: (name, role) => derived.knowledge.directory.people.find((p) => p.name === name)?.appearances.filter((x) => x.roles.includes(role)).map((x) => x.articleId) ?? [],
    source: { article: (id) => byId.get(id.toLowerCase()), articles: () => all },
  };
  /** Every word this library added to jieba's dictionary. */
  const words = new Set<string>();
  const index = makeIndex(knowledge, words);

  const library: Library = {
    articles: () => all,
    article: (id) => byId.get(id.trim().toLowerCase()),
    stats: () => ({ pages: sources.size, articles: all.length, terms: index.termCount }),
    documentFrequency: (term) => index.documentFrequency(term),
    search: (query, limit) => index.search(query, limit),
    page: (ranking, offset, count) => index.page(ranking, offset, count),
    suggest: (query) => suggestFor(library, query),
    directory: () => derived.knowledge.directory,
    topics: () => derived.knowledge.topics,
    topicsOf: (id) => topicsOf(derived.knowledge.topics, id),
    meetings: () => derived.knowledge.meetings,
    aliasOf: (word) => derived.aliases.get(word),
    addPage: (page) => library.readPage(page).added,
    readPage(page) {
      sources.add(page.source);
      const before = new Map(all.filter((a) => a.source === page.source).map((a) => [key(a), a]));
      // An id another page already holds stays that page's (the same article printed twice).
      const now = page.articles.filter((a) => !byId.has(key(a)) || before.has(key(a)));
      const kept = new Set(now.map(key));
      const removed = [...before.values()].filter((a) => !kept.has(key(a)));
      const replaced = now.filter((a) => before.has(key(a)) && !sameArticle(before.get(key(a))!, a));
      const added = now.filter((a) => !before.has(key(a)));
      const gone = [...removed, ...replaced];
      const incoming = [...replaced, ...added];
      if (incoming.length + gone.length === 0) return { added, replaced, removed };
      if (gone.length > 0) {
        // The page changed: its old articles leave the index and the knowledge, and the page as now printed takes their place.
        const placed = now.map((a) => (replaced.includes(a) ? a : before.get(key(a)) ?? a));
        const others = all.filter((a) => a.source !== page.source);
        others.splice(all.findIndex((a) => a.source === page.source), 0, ...placed);
        all.length = 0;
        for (const a of others) all.push(a);
        for (const a of gone) byId.delete(key(a));
        for (const a of placed) byId.set(key(a), a);
        index.remove(gone.map((a) => a.id));
      } else {
        for (const a of added) {
          all.push(a);
          byId.set(key(a), a);
        }
      }
      const state = gone.length > 0 ? removeArticles(derived.knowledge, gone.map((a) => a.id)) : derived.knowledge;
      derived = withLookups(addArticles(state, incoming, dateOf));
      knowledge.names = officialNames(derived.knowledge.directory);
      extendSearch(index, incoming, knowledge, words);
      return { added, replaced, removed };
    },
    settle: () => {
      void derived.knowledge.directory;
      readSubtrees(index.raw);
    },
    snapshotState: () => ({
      sources: [...sources],
      articles: [...all],
      knowledge: derived.knowledge,
      words: [...words],
      index: compactIndex(index.raw),
    }),
  };
  return library;
}

/** Words of the query that find something alone, officials with a close name, and topics the words name. */
function suggestFor(library: Library, query: string): string[] {
  const out = new Set<string>();
  const words = queryWords(query);
  if (words.length > 1) for (const w of words) if (library.search(w, 1).hits.length > 0) out.add(w);
  for (const w of words.slice(0, 3)) {
    const r = resolvePerson(library.directory(), w);
    if (r.kind === 'none') r.suggestions.forEach((p) => out.add(p.name));
    else if (r.kind === 'ambiguous') r.candidates.forEach((p) => out.add(p.name));
    else if (r.kind === 'title') r.holders.slice(0, 3).forEach((h) => out.add(h.person.name));
    else out.add(r.person.name);
    const topic = findTopic(library.topics(), w);
    if (topic) out.add(topic.name);
  }
  return [...out].slice(0, 5);
}
