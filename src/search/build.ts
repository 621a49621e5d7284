/** Builds the search index for a set of articles: corpus dictionary into jieba first, then MiniSearch. */
import type MiniSearch from 'minisearch';
import type { Article } from '../corpus/types.ts';
import type { Role } from '../knowledge/types.ts';
import { buildDictionary, extractPlaces, type DictionaryEntry } from '../knowledge/dictionary.ts';
import { SearchIndex, type ArticleSource } from './index.ts';
import type { IndexedDoc } from './options.ts';
import { addWords } from './tokenize.ts';

export interface SearchKnowledge {
  /** Officials' names, canonical and variant spellings. */
  names: string[];
  /** A variant spelling's canonical name, if it is one. */
  aliasOf: (word: string) => string | undefined;
  /** Canonical names of the officials an article names. */
  peopleOf: (article: Article) => string[];
  /** The articles where the directory lists a person (canonical name) in a role: a role question ranks them first. */
  roleArticles?: (name: string, role: Role) => readonly string[];
  /** The library's articles, which the index reads hits from (it keeps no copy). */
  source: ArticleSource;
}

/** Loads the corpus dictionary into jieba and indexes the articles. */
export function buildSearch(articles: Article[], knowledge: SearchKnowledge): { index: SearchIndex; dictionary: DictionaryEntry[] } {
  const dictionary = buildDictionary(articles, knowledge.names);
  addWords(dictionary.map((d) => d.word));
  const index = searchIndex(knowledge);
  index.add(articles);
  return { index, dictionary };
}

/** A search index that enriches articles with the knowledge's people and the places they print; over `mini` when given (a loaded index). */
export function searchIndex(knowledge: SearchKnowledge, mini?: MiniSearch<IndexedDoc>): SearchIndex {
  return new SearchIndex(knowledge.source, mini, (a) => ({ people: knowledge.peopleOf(a), places: extractPlaces(`${a.title}\n${a.body}`) }), knowledge.aliasOf, knowledge.roleArticles);
}

/** Adds newly arrived articles: their new words go into jieba before they are indexed (and into `words`, when given). */
export function extendSearch(index: SearchIndex, articles: Article[], knowledge: SearchKnowledge, words?: Set<string>): number {
  // Only names not yet in the dictionary: the directory's thousands of known names would be sorted again for every page.
  const names = words ? knowledge.names.filter((n) => !words.has(n)) : knowledge.names;
  const added = buildDictionary(articles, names).map((d) => d.word);
  addWords(added);
  for (const w of added) words?.add(w);
  return index.add(articles);
}
