/** Builds the search index for a set of articles: corpus dictionary into jieba first, then MiniSearch. */
import type { Article } from '../corpus/types.ts';
import { buildDictionary, extractPlaces, type DictionaryEntry } from '../knowledge/dictionary.ts';
import { SearchIndex } from './index.ts';
import { addWords } from './tokenize.ts';

export interface SearchKnowledge {
  /** Officials' names, canonical and variant spellings. */
  names: string[];
  /** A variant spelling's canonical name, if it is one. */
  aliasOf: (word: string) => string | undefined;
  /** Canonical names of the officials an article names. */
  peopleOf: (article: Article) => string[];
}

/** Loads the corpus dictionary into jieba and indexes the articles. */
export function buildSearch(articles: Article[], knowledge: SearchKnowledge): { index: SearchIndex; dictionary: DictionaryEntry[] } {
  const dictionary = buildDictionary(articles, knowledge.names);
  addWords(dictionary.map((d) => d.word));
  const index = new SearchIndex(undefined, (a) => ({ people: knowledge.peopleOf(a), places: extractPlaces(`${a.title}\n${a.body}`) }), knowledge.aliasOf);
  index.add(articles);
  return { index, dictionary };
}

/** Adds newly arrived articles: their new words go into jieba before they are indexed. */
export function extendSearch(index: SearchIndex, articles: Article[], knowledge: SearchKnowledge): number {
  addWords(buildDictionary(articles, knowledge.names).map((d) => d.word));
  return index.add(articles);
}
