/** The one place that owns the MiniSearch options, used to build the index and to load a saved one. */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { segment } from './tokenize.ts';

/** What the index stores per article: only what a hit list shows. */
export interface IndexedDoc {
  id: string;
  title: string;
  subtitle: string;
  body: string;
  people: string;
  places: string;
  date: string;
  source: string;
}

/** Bump when the fields, tokenizer or dictionary change, so saved indexes are rebuilt. */
export const INDEX_VERSION = 1;

export const indexOptions: Options<IndexedDoc> = {
  fields: ['title', 'subtitle', 'body', 'people', 'places'],
  storeFields: ['title', 'date', 'source'],
  tokenize: (text) => segment(text),
  processTerm: (term) => term,
};

export const searchDefaults: SearchOptions = {
  boost: { title: 4, subtitle: 2, people: 2, places: 2 },
  combineWith: 'OR',
  prefix: (term) => [...term].length >= 2,
  fuzzy: false,
};

/** An empty index with the project's options. */
export function createIndex(): MiniSearch<IndexedDoc> {
  return new MiniSearch<IndexedDoc>({ ...indexOptions, searchOptions: searchDefaults });
}

/** Loads an index saved with `JSON.stringify(index)`. */
export function loadIndex(json: string): MiniSearch<IndexedDoc> {
  return MiniSearch.loadJSON<IndexedDoc>(json, { ...indexOptions, searchOptions: searchDefaults });
}
