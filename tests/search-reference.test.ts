// The index's ranking against a straightforward reference over the seed pages: the same hits, in the same tiers, and paging that reuses the ranked ids.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLibrary } from '../src/app/library.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { parseQuery, wordsOf } from '../src/search/query.ts';
import { isCorpusWord, segment } from '../src/search/tokenize.ts';

const library = createLibrary(loadCorpus('seeds'));
const labelled = (file: string): string[] => (JSON.parse(readFileSync(file, 'utf8')) as Array<{ q: string }>).map((x) => x.q);
const queries = [...labelled('tests/fixtures/queries.json'), ...labelled('tests/fixtures/queries-hard.json'), '疫情防控', '吕沛 杨楼村', 'PM2.5', '2021年'];
const printed = (id: string): string => {
  const a = library.article(id)!;
  return `${a.title}${a.subtitle ?? ''}${a.body}`.normalize('NFKC').toLowerCase();
};

/** Every term an article is indexed under, cut again from its fields. */
const termsOf = new Map(library.articles().map((a) => [a.id, segment(`${a.title} ${a.subtitle ?? ''} ${a.body} ${library.directory().people.filter((p) => p.articleIds.includes(a.id)).map((p) => p.name).join(' ')}`)]));

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
  it('gives each page from the ranked ids, the same hits as one long search', () => {
    const r = library.search('疫情防控', 5);
    const second = library.page(r, 5, 5);
    expect(second.map((h) => h.id)).toEqual(library.search('疫情防控').hits.slice(5, 10).map((h) => h.id));
    expect(second.every((h) => h.excerpt.text.length > 0)).toBe(true);
    expect(library.page(r, r.ids.length, 5)).toEqual([]);
  });
});
