/** The one place that owns the MiniSearch options, used to build the index and to load a saved one. */
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions } from 'minisearch';
import { PostingList } from './posting-list.ts';
import { internals, PackedPostings, postingStarts, postingsOf, type TermPostings } from './postings.ts';
import { segment } from './tokenize.ts';
import { fillInTreeOrder, fillTerms } from './tree.ts';

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
export const INDEX_VERSION = 3;

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
  return withPostingLists(new MiniSearch<IndexedDoc>({ ...indexOptions, searchOptions: searchDefaults }));
}

type Terms = { _index: { fetch(term: string, make: () => TermPostings): TermPostings } };
/** MiniSearch 7.2.0's addTerm, making a PostingList where it makes a Map; a known term is found with the root's child looked up by first character (its fetch scans thousands of root children per token). */
function addTerm(this: Terms, fieldId: number, documentId: number, term: string): void {
  const byField = postingsOf(this as unknown as MiniSearch<IndexedDoc>, term) ?? this._index.fetch(term, () => new Map());
  const list = byField.get(fieldId);
  if (list == null) byField.set(fieldId, new PostingList().set(documentId, 1));
  else list.set(documentId, (list.get(documentId) ?? 0) + 1);
}

/** `mini`, whose postings added from now on are PostingLists (MiniSearch makes a Map per term and field: ~40 bytes a posting). */
function withPostingLists(mini: MiniSearch<IndexedDoc>): MiniSearch<IndexedDoc> {
  if (typeof (mini as unknown as { addTerm?: unknown }).addTerm !== 'function') throw new Error('minisearch internals changed: no addTerm to make posting lists with');
  Object.defineProperty(mini, 'addTerm', { value: addTerm, enumerable: false });
  return mini;
}

/**
 * An index as lean data: MiniSearch's own fields (toJSON without its term list), its terms in order, and their
 * postings as one array of numbers: per term, how many fields, then per field its id, how many documents, and short
 * id, term frequency pairs.
 */
export interface CompactIndex {
  head: Omit<AsPlainObject, 'index'>;
  terms: string[];
  postings: Uint32Array;
}

/** The index as CompactIndex, read from its own maps in their order (toJSON's order), without an object per posting. */
export function compactIndex(mini: MiniSearch<IndexedDoc>): CompactIndex {
  const m = internals(mini) as ReturnType<typeof internals> & { _storedFields: Map<number, unknown>; _dirtCount: number; _index: Iterable<[string, TermPostings]> };
  const head: CompactIndex['head'] = {
    documentCount: m._documentCount,
    nextId: m._nextId,
    documentIds: Object.fromEntries(m._documentIds),
    fieldIds: m._fieldIds,
    fieldLength: Object.fromEntries(m._fieldLength),
    averageFieldLength: m._avgFieldLength,
    storedFields: Object.fromEntries(m._storedFields) as AsPlainObject['storedFields'],
    dirtCount: m._dirtCount,
    serializationVersion: 2,
  };
  // Counted first, so the numbers fill one array of the exact size (a 10k index holds ~7M of them).
  let count = 0;
  for (const [, byField] of m._index) {
    count++;
    for (const freqs of byField.values()) count += 2 + 2 * freqs.size;
  }
  const terms: string[] = [];
  const postings = new Uint32Array(count);
  let at = 0;
  for (const [term, byField] of m._index) {
    terms.push(term);
    postings[at++] = byField.size;
    for (const fieldId of [...byField.keys()].sort((a, b) => a - b)) {
      const freqs = byField.get(fieldId)!;
      postings[at++] = fieldId;
      postings[at++] = freqs.size;
      if (freqs instanceof PostingList) at = freqs.writeTo(postings, at);
      else for (const [id, tf] of freqs) (postings[at++] = id), (postings[at++] = tf);
    }
  }
  return { head, terms, postings };
}

/** Loads a CompactIndex: the same index as MiniSearch.loadJS of the index's toJSON, its term tree filled in one pass, each term's postings read when first used. Throws when the postings do not fit the terms. */
export function loadCompactIndex(data: CompactIndex): MiniSearch<IndexedDoc> {
  const starts = postingStarts(data.terms.length, data.postings);
  const mini = withPostingLists(MiniSearch.loadJS<IndexedDoc>({ ...data.head, index: [] }, { ...indexOptions, searchOptions: searchDefaults }));
  fillInTreeOrder(mini, data.terms, (t) => new PackedPostings(data.postings, starts[t]!));
  return mini;
}

/**
 * An index of `docs` with exactly what `createIndex().addAll(docs)` holds (same ids, field lengths, averages, stored
 * fields and postings; `JSON.stringify` of both is equal), built in one pass. MiniSearch's `add` walks its radix tree
 * once per token, scanning a node's children one by one: with thousands of distinct first characters, as in Chinese,
 * that walk costs microseconds per token. Here each distinct term is inserted once. `cut`, when given, cuts all the
 * fields' texts at once, each as the index's tokenize would.
 */
export function buildIndex(docs: IndexedDoc[], cut?: (text: string[]) => string[][]): MiniSearch<IndexedDoc> {
  const fields = indexOptions.fields as Array<keyof IndexedDoc>;
  const storeFields = (indexOptions.storeFields ?? []) as Array<keyof IndexedDoc>;
  const processTerm = indexOptions.processTerm!;
  // Every field's text cut at once when `cut` is given (on two threads: segmentAll), else one by one.
  const texts = cut ? docs.flatMap((doc) => fields.map((f) => (doc[f] == null ? '' : String(doc[f])))) : [];
  const terms = cut?.(texts);
  const tokenize = (shortId: number, fieldId: number, value: string, field: string): string[] => terms?.[shortId * fields.length + fieldId] ?? indexOptions.tokenize!(value, field);
  const fieldIds: Record<string, number> = Object.fromEntries(fields.map((f, i) => [f, i]));
  const documentIds: Record<number, string> = {};
  const fieldLength: Record<number, number[]> = {};
  const storedFields: Record<number, Record<string, unknown>> = {};
  const averageFieldLength: number[] = [];
  /** term → fieldId → postings (ascending short ids, each with its term frequency); terms in order of first appearance, as `add` inserts them. */
  const postings = new Map<string, Array<{ ids: number[]; tfs: number[] }>>();
  const seen = new Set<string>();
  /** Adds one occurrence; true when it is the term's first in this field of this document. Documents come in id order, so a posting list only grows at its end. */
  const add = (term: string, fieldId: number, shortId: number): boolean => {
    let byField = postings.get(term);
    if (!byField) postings.set(term, (byField = []));
    const list = byField[fieldId] ?? (byField[fieldId] = { ids: [], tfs: [] });
    const last = list.ids.length - 1;
    if (last >= 0 && list.ids[last] === shortId) {
      list.tfs[last]!++;
      return false;
    }
    list.ids.push(shortId);
    list.tfs.push(1);
    return true;
  };
  for (let shortId = 0; shortId < docs.length; shortId++) {
    const doc = docs[shortId]!;
    if (seen.has(doc.id)) throw new Error(`MiniSearch: duplicate ID ${doc.id}`);
    seen.add(doc.id);
    documentIds[shortId] = doc.id;
    if (storeFields.length > 0) {
      const stored: Record<string, unknown> = {};
      for (const f of storeFields) if (doc[f] !== undefined) stored[f] = doc[f];
      storedFields[shortId] = stored;
    }
    let lengths: number[] | undefined;
    for (let fieldId = 0; fieldId < fields.length; fieldId++) {
      const field = fields[fieldId]!;
      const value = doc[field];
      if (value == null) continue;
      lengths ??= [];
      const tokens = tokenize(shortId, fieldId, value.toString(), field);
      // MiniSearch counts distinct tokens; while every token is its own term, that is the count of first occurrences.
      let unique = 0;
      let plain = true;
      for (const token of tokens) {
        const processed = processTerm(token, field);
        if (typeof processed === 'string' && processed === token && processed !== '') {
          if (add(processed, fieldId, shortId)) unique++;
        } else {
          plain = false;
          if (Array.isArray(processed)) for (const t of processed) add(t, fieldId, shortId);
          else if (processed) add(processed, fieldId, shortId);
        }
      }
      if (!plain) unique = new Set(tokens).size;
      lengths[fieldId] = unique;
      // The running mean as MiniSearch's addFieldLength keeps it, so the floats are bit for bit the same.
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] || 0) * shortId + unique) / (shortId + 1);
    }
    if (lengths) fieldLength[shortId] = lengths;
  }
  const js: AsPlainObject = {
    documentCount: docs.length,
    nextId: docs.length,
    documentIds,
    fieldIds,
    fieldLength,
    averageFieldLength,
    storedFields,
    dirtCount: 0,
    index: [],
    serializationVersion: 2,
  };
  const mini = withPostingLists(MiniSearch.loadJS<IndexedDoc>(js, { ...indexOptions, searchOptions: searchDefaults }));
  fillTerms(mini, asMaps(postings));
  return mini;
}

/** Posting lists as MiniSearch's terms hold them: field id → PostingList (short id → term frequency). */
function* asMaps(postings: Map<string, Array<{ ids: number[]; tfs: number[] }>>): Iterable<[string, TermPostings]> {
  for (const [term, byField] of postings) {
    const data: TermPostings = new Map();
    byField.forEach(({ ids, tfs }, fieldId) => data.set(fieldId, PostingList.of(ids, tfs)));
    yield [term, data];
  }
}
