// The index's ranking against a straightforward reference over the seed pages: the same hits, in the same tiers, and paging that reuses the ranked ids.
import { deckText } from '../../src/corpus/types.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLibrary, type Library } from '../../src/app/library.ts';
import { parsePage } from '../../src/corpus/parse.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { loadCompactIndex } from '../../src/search/options.ts';
import { quickFuzzy } from '../../src/search/tree.ts';
import { Neighbours } from '../../src/search/neighbours.ts';
import { indexTerms, ownLookups } from '../../src/search/correct.ts';
import { bestIds } from '../../src/search/score.ts';
import { internals } from '../../src/search/postings.ts';
import { sampleQueries } from '../../bench/queries.ts';
import { realisticArchive } from '../../bench/realistic.ts';
import { loadSeedPool, synthArticles, toPages } from '../../bench/synth.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parseQuery, wordsOf } from '../../src/search/query.ts';
import { isCorpusWord, segment } from '../../src/search/tokenize.ts';

const library = createLibrary(loadCorpus('seeds'));
const labelled = (file: string): string[] => (JSON.parse(readFileSync(file, 'utf8')) as Array<{ q: string }>).map((x) => x.q);
const queries = [...labelled('tests/fixtures/queries.json'), ...labelled('tests/fixtures/queries-hard.json'), '疫情防控', '吕沛 杨楼村', 'PM2.5', '2021年'];
const printed = (id: string): string => {
  const a = library.article(id)!;
  return `${a.title}${deckText(a)}${a.body}`.normalize('NFKC').toLowerCase();
};

/** Every term an article is indexed under, cut again from its fields. */
const termsOf = new Map(library.articles().map((a) => [a.id, segment(`${a.title} ${deckText(a)} ${a.body} ${library.directory().people.filter((p) => p.articleIds.includes(a.id)).map((p) => p.name).join(' ')}`)]));

/** The reference: scan every article indexed under a query term (or a longer term it starts); count the words it prints, any form. */
function reference(query: string): { full: Set<string>; partial: Set<string> } {
  const parsed = readAsPrinted(parseQuery(query, { isNameOrPlace: isCorpusWord, aliasOf: (w) => library.aliasOf(w) }));
  const queryTerms = parsed.forms.flat().flatMap((f) => segment(f));
  const full = new Set<string>();
  const partial = new Set<string>();
  for (const a of library.articles()) {
    if (!termsOf.get(a.id)!.some((t) => queryTerms.some((q) => t.startsWith(q)))) continue;
    const text = printed(a.id);
    const covered = parsed.forms.filter((fs) => fs.some((f) => text.includes(f))).length;
    if (parsed.words.length > 0 && covered === parsed.words.length) full.add(a.id);
    else if (covered > 0) partial.add(a.id);
  }
  return { full, partial };
}

/** Whether some article prints every word (any of its forms). */
const anyPrintsAll = (forms: string[][]): boolean => library.articles().some((a) => forms.every((fs) => fs.some((f) => printed(a.id).includes(f))));

/** With no article printing every word: each word no article prints, last first, read as its words when an article then prints them all. */
function readAsPrinted(parsed: { words: string[]; forms: string[][] }): { words: string[]; forms: string[][] } {
  let { words, forms } = parsed;
  if (anyPrintsAll(forms)) return parsed;
  for (let i = words.length - 1; i >= 0; i--) {
    if (anyPrintsAll([forms[i]!])) continue;
    const parts = wordsOf(words[i]!);
    const split = [...forms.slice(0, i), ...parts.map((p) => [p]), ...forms.slice(i + 1)];
    if (parts.length > 1 && anyPrintsAll(split)) [words, forms] = [[...words.slice(0, i), ...parts, ...words.slice(i + 1)], split];
  }
  return { words, forms };
}

describe('the ranking over the seed pages', () => {
  it('puts exactly the articles printing every word first, as a full scan finds them', () => {
    for (const q of queries) {
      const r = library.search(q);
      expect(new Set(r.ids.slice(0, r.full)), q).toEqual(reference(q).full);
    }
  });

  it('ranks every article printing some of the words among the partial matches', () => {
    for (const q of queries) {
      const r = library.search(q);
      const rest = new Set(r.ids.slice(r.full));
      for (const id of reference(q).partial) expect(rest.has(id), `${q}: ${library.article(id)!.title}`).toBe(true);
    }
  });

  it('orders full matches by score, ties going to the newer article', () => {
    for (const q of queries) {
      const r = library.search(q);
      for (let i = 1; i < r.full; i++) {
        if (r.covered[i] !== r.covered[i - 1]) continue;
        expect(r.scores[i - 1]! >= r.scores[i]! - 1e-9, `${q} #${i}`).toBe(true);
      }
    }
  });

  it('makes its hits in the order of the ranked ids, so a page is a slice of them', () => {
    const r = library.search('疫情防控');
    expect(r.hits.map((h) => h.id)).toEqual(r.ids);
    expect(r.hits.slice(5, 10).map((h) => h.match)).toEqual(r.ids.slice(5, 10).map((_, i) => (i + 5 < r.full ? 'full' : 'partial')));
  });
});

describe('paging a ranking', () => {
  it('picks the first page of a large answer as the full ranking has it, and ranks the rest once a page reaches it', () => {
    const archive = synthArticles(loadSeedPool(), 400, 5);
    const lib = createLibrary({ pages: toPages(archive), articles: archive });
    let large = 0;
    for (const q of ['吕沛', '疫情 防控', '安全生产', '宫卫红 安全生产', '开了哪些会', '2021年']) {
      const whole = lib.search(q);
      const first = lib.search(q, 5);
      expect(first.hits.map((h) => [h.id, h.match]), q).toEqual(whole.hits.slice(0, 5).map((h) => [h.id, h.match]));
      expect([first.ids.length, first.full], q).toEqual([whole.ids.length, whole.full]);
      if ((first.sorted ?? first.ids.length) < first.ids.length) large++;
      expect(lib.page(first, 5, 5).map((h) => [h.id, h.match, h.score, h.covered]), q).toEqual(whole.hits.slice(5, 10).map((h) => [h.id, h.match, h.score, h.covered]));
      expect({ ids: first.ids, covered: first.covered, scores: first.scores, sorted: first.sorted, pending: first.pending }, q).toEqual({ ids: whole.ids, covered: whole.covered, scores: whole.scores, sorted: whole.sorted, pending: null });
    }
    expect(large).toBeGreaterThan(2);
    const none = lib.search('吕沛', 0);
    expect([none.hits, none.ids.length]).toEqual([[], lib.search('吕沛').ids.length]);
    expect(lib.page(none, 0, 3).map((h) => h.id)).toEqual(lib.search('吕沛').ids.slice(0, 3));
  });

  it('gives each page from the ranked ids, the same hits as one long search', () => {
    const r = library.search('疫情防控', 5);
    const second = library.page(r, 5, 5);
    expect(second.map((h) => h.id)).toEqual(library.search('疫情防控').hits.slice(5, 10).map((h) => h.id));
    expect(second.every((h) => h.excerpt.text.length > 0)).toBe(true);
    expect(library.page(r, r.ids.length, 5)).toEqual([]);
  });
});

/** Two search indexes over one saved index: one scoring in place, one reading MiniSearch's own search() (the reference). */
function pair(lib: Library): { fast: SearchIndex; slow: SearchIndex } {
  const mini = loadCompactIndex(lib.snapshotState().index);
  const source = { article: (id: string) => lib.article(id), articles: () => lib.articles() };
  const fast = new SearchIndex(source, mini, undefined, (w) => lib.aliasOf(w));
  const slow = new SearchIndex(source, mini, undefined, (w) => lib.aliasOf(w));
  slow.reference = true;
  return { fast, slow };
}

/** Every query ranks the same ids in the same order, with the same counts and the same scores to the bit. */
function expectSameRankings(lib: Library, qs: string[]): void {
  const { fast, slow } = pair(lib);
  for (const q of qs) {
    const [f, s] = [fast.search(q, 5), slow.search(q, 5)];
    expect({ ids: f.ids.slice(0, 5), full: f.full, total: f.ids.length, corrections: f.corrections }, q).toEqual({ ids: s.ids.slice(0, 5), full: s.full, total: s.ids.length, corrections: s.corrections });
    expect(f.hits.map((h) => [h.id, h.excerpt.text, h.match]), q).toEqual(s.hits.map((h) => [h.id, h.excerpt.text, h.match]));
    // Paging to the end puts every id in order: the whole ranking, scores to the bit.
    fast.page(f, 0, Infinity);
    slow.page(s, 0, Infinity);
    expect({ ids: f.ids, covered: f.covered, scores: f.scores }, q).toEqual({ ids: s.ids, covered: s.covered, scores: s.scores });
  }
}

describe('scoring in place over the postings', () => {
  it('reads the MiniSearch version it was written for, whose internals are as it expects', () => {
    const pkg = JSON.parse(readFileSync('node_modules/minisearch/package.json', 'utf8')) as { version: string };
    expect(pkg.version).toBe('7.2.0');
    const mini = loadCompactIndex(library.snapshotState().index);
    const m = internals(mini);
    expect(m._documentCount).toBe(library.articles().length);
    expect(m._index.get('吕沛')?.get(m._fieldIds.body!)?.size).toBeGreaterThan(5);
    expect(() => internals({} as never)).toThrow(/internals changed/);
  });

  it('ranks the seed queries exactly as MiniSearch’s own search, scores to the bit', () => {
    expectSameRankings(library, [...queries, '吕沛到哪里调研了', '开了哪些会', '2021年11月 疫情防控', '官卫红', '京油润道', '安全生产 消防 宣传 疫情防控 会议']);
  });

  it('ranks the benchmark’s sampled queries on a realistic archive exactly as the reference does', () => {
    const small = realisticArchive(240, 3);
    const lib = createLibrary({ pages: [], articles: small.pages.flatMap((p) => parsePage(p)) });
    const set = sampleQueries(lib, [...small.cast.map((p) => p.name), ...small.places, ...small.vocabulary.slice(0, 4000)], new Set(small.cast.map((p) => p.name)), small.vocabulary.slice(-300), 3, 8);
    const qs = Object.values(set).flat();
    expect(qs.length).toBeGreaterThan(20);
    expectSameRankings(lib, qs);
  });

  it('ranks the dense archive’s queries exactly as the reference does', () => {
    const archive = synthArticles(loadSeedPool(), 400, 9);
    expectSameRankings(createLibrary({ pages: toPages(archive), articles: archive }), ['吕沛', '宫卫红 安全生产', '杨楼村 灾后重建', '疫情 防控', '万人助万企 测评', '消防 宣传', '官卫红', '党工委 会议']);
  });
});

describe('the quicker did-you-mean lookup', () => {
  it('finds the same terms one edit away, at the same distances and in the same order, as MiniSearch’s own fuzzyGet', () => {
    const small = realisticArchive(240, 4);
    const lib = createLibrary({ pages: [], articles: small.pages.flatMap((p) => parsePage(p)) });
    for (const index of [loadCompactIndex(library.snapshotState().index), loadCompactIndex(lib.snapshotState().index)]) {
      quickFuzzy(index);
      type Fuzzy = { fuzzyGet(t: string, d: number): Map<string, [unknown, number]> };
      const map = (index as unknown as { _index: Fuzzy })._index;
      const proto = Object.getPrototypeOf(map) as Fuzzy;
      const own = { fuzzyGet: (t: string, d: number) => proto.fuzzyGet.call(map, t, d) };
      const words = [...small.cast.slice(0, 60).map((p) => p.name), '官卫红', '杨楼材', '疫请防控', '万人助万业', '吕沛', '宫卫红', ...small.cast.slice(0, 30).map((p) => `${p.name.slice(0, 1)}某${p.name.slice(1)}`), ...small.vocabulary.slice(100, 160)];
      let found = 0;
      for (const w of words) {
        const fast = [...map.fuzzyGet(w, 1)].map(([t, [, d]]) => [t, d]);
        expect(fast, w).toEqual([...own.fuzzyGet(w, 1)].map(([t, [, d]]) => [t, d]));
        found += fast.length;
      }
      expect(found).toBeGreaterThan(20);
      expect([...map.fuzzyGet('杨楼村', 2)]).toEqual([...own.fuzzyGet('杨楼村', 2)]);
    }
  });
});

describe('did-you-mean’s deletion map', () => {
  const small = realisticArchive(240, 4);
  const articles = small.pages.flatMap((p) => parsePage(p));
  const lib = createLibrary({ pages: [], articles });
  const words = [...small.cast.slice(0, 60).map((p) => p.name), '官卫红', '杨楼材', '疫请防控', '万人助万业', '吕沛', '宫卫红', '吕佩', ...small.cast.slice(0, 30).map((p) => `${p.name.slice(0, 1)}某${p.name.slice(1)}`), ...small.cast.slice(0, 30).map((p) => p.name.slice(1)), ...small.vocabulary.slice(100, 160)];
  /** MiniSearch's own terms one edit away that are Han words of two or more characters, in its order. */
  const own = (mini: Parameters<typeof ownLookups>[0], w: string): string[] => [...ownLookups(mini).near(w, () => true)].map(([t]) => t).filter((t) => t.length >= 2 && /^\p{Script=Han}+$/u.test(t));

  it('finds the same Han terms one edit away, in the same order, as MiniSearch’s own fuzzyGet', () => {
    for (const mini of [loadCompactIndex(library.snapshotState().index), loadCompactIndex(lib.snapshotState().index)]) {
      const map = new Neighbours();
      map.addTerms(indexTerms(mini));
      let found = 0;
      for (const w of words) {
        const near = map.near(mini, w).map(([t]) => t);
        expect(near, w).toEqual(own(mini, w));
        found += near.length;
      }
      expect(found).toBeGreaterThan(20);
    }
  });

  it('finds terms of articles indexed after the map was made', () => {
    const half = Math.floor(articles.length / 2);
    const index = new SearchIndex({ article: (id) => lib.article(id), articles: () => lib.articles() });
    index.add(articles.slice(0, half));
    expect(index.search('杨楼材').corrections).toEqual([]);
    index.add(articles.slice(half));
    // The map catches up with the index when did-you-mean next reads it.
    expect(index.search('杨楼材').corrections).toEqual([]);
    const map = new Neighbours();
    map.addTerms(indexTerms(index.raw));
    const grown = (index as unknown as { neighbours: Neighbours }).neighbours;
    let found = 0;
    for (const w of words) {
      const near = grown.near(index.raw, w);
      expect(near, w).toEqual(map.near(index.raw, w));
      found += near.length;
    }
    expect(found).toBeGreaterThan(20);
  });

  it('reads the same best articles for did-you-mean as MiniSearch’s own search', () => {
    const mini = loadCompactIndex(lib.snapshotState().index);
    for (const terms of [['杨楼'], ['疫情', '防控'], ['示范'], ['区', '的'], ...small.cast.slice(0, 20).map((p) => segment(p.name)), ...small.vocabulary.slice(300, 330).map((v) => segment(v))]) {
      for (const count of [300, 20, 3]) expect(bestIds(mini, terms, count), `${terms.join(' ')} ${count}`).toEqual(ownLookups(mini).best(terms, count));
    }
  });
});
