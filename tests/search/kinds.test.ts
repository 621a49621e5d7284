// What people type (issue 17), by kind: hit@1 and MRR per kind against the character-bigram baseline, and negatives that find nothing.
import { deckText } from '../../src/corpus/types.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLibrary } from '../../src/app/library.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Role } from '../../src/knowledge/types.ts';
import { buildBigramIndex } from '../support/bigram.ts';

interface KindQuery { kind: string; q: string; keys?: string[]; person?: string; role?: Role }

/** The seed pages and the invented pages that print numbers, amounts, codes and new names (tests/fixtures/search-pages). */
const seeds = loadCorpus('seeds');
const invented = loadCorpus('tests/fixtures/search-pages');
const library = createLibrary({ pages: [...seeds.pages, ...invented.pages], articles: [...seeds.articles, ...invented.articles] });
const bigram = buildBigramIndex(library.articles());
const { queries } = JSON.parse(readFileSync('tests/fixtures/queries-kinds.json', 'utf8')) as { queries: KindQuery[] };
const flat = (id: string): string => {
  const a = library.article(id)!;
  return `${a.title}${deckText(a)}${a.body}`.replace(/\s+/gu, '');
};
/** Whether an article is a right answer: it prints a key passage, or (a role query) the directory lists it under the person's role. */
function expected(q: KindQuery): (id: string) => boolean {
  if (q.person) {
    const person = library.directory().people.find((p) => p.name === q.person)!;
    const ids = new Set(person.appearances.filter((a) => a.roles.includes(q.role!)).map((a) => a.articleId));
    return (id) => ids.has(id);
  }
  return (id) => q.keys!.some((k) => flat(id).includes(k));
}
/** Reciprocal rank of the first right answer in the top 10 (0 when none). */
function rr(ids: string[], right: (id: string) => boolean): number {
  const rank = ids.slice(0, 10).findIndex(right);
  return rank < 0 ? 0 : 1 / (rank + 1);
}

const positives = queries.filter((q) => q.kind !== 'negative');
const scored = positives.map((q) => ({ ...q, ours: rr(library.search(q.q).ids, expected(q)), theirs: rr(bigram.search(q.q), expected(q)) }));
const kinds = [...new Set(scored.map((s) => s.kind))];
const summary = (rows: typeof scored, pick: 'ours' | 'theirs'): { hit1: number; mrr: number } => ({
  hit1: rows.filter((r) => r[pick] === 1).length / rows.length,
  mrr: rows.reduce((n, r) => n + r[pick], 0) / rows.length,
});
console.log(['kind        n  hit@1  MRR   | bigram hit@1  MRR', ...[...kinds, 'all'].map((k) => {
  const rows = k === 'all' ? scored : scored.filter((r) => r.kind === k);
  const o = summary(rows, 'ours');
  const b = summary(rows, 'theirs');
  return `${k.padEnd(10)} ${String(rows.length).padStart(2)}  ${o.hit1.toFixed(2)}  ${o.mrr.toFixed(2)}  |        ${b.hit1.toFixed(2)}  ${b.mrr.toFixed(2)}`;
}), ...scored.filter((r) => r.ours < 1).map((r) => `  miss: ${r.q} (rr ${r.ours.toFixed(2)})`)].join('\n'));

describe('queries as people type them (tests/fixtures/queries-kinds.json)', () => {
  it('hold at least 60 queries besides the negatives, of every kind in issue 17', () => {
    expect(positives.length).toBeGreaterThanOrEqual(60);
    for (const kind of ['number', 'typo', 'spaced', 'question', 'role', 'synonym', 'date', 'negative']) expect(queries.some((q) => q.kind === kind), kind).toBe(true);
  });

  it('name an article of the seeds for every positive query', () => {
    for (const q of positives) expect(library.articles().some((a) => expected(q)(a.id)), q.q).toBe(true);
  });

  it('reach hit@1 ≥ 0.9 and MRR ≥ 0.93 over all kinds', () => {
    const all = summary(scored, 'ours');
    expect(all.hit1).toBeGreaterThanOrEqual(0.9);
    expect(all.mrr).toBeGreaterThanOrEqual(0.93);
  });

  it('are not behind the character-bigram index, overall or in any kind', () => {
    for (const k of [...kinds, 'all']) {
      const rows = k === 'all' ? scored : scored.filter((r) => r.kind === k);
      expect(summary(rows, 'ours').mrr, k).toBeGreaterThanOrEqual(summary(rows, 'theirs').mrr);
    }
  });

  it('find nothing at all for words the pages do not print (English, pinyin, unrelated topics)', () => {
    for (const q of queries.filter((x) => x.kind === 'negative')) expect(library.search(q.q).ids, q.q).toEqual([]);
  });

  it('say which printed form a misprint was searched as', () => {
    const r = library.search('杨搂村');
    expect(r.corrections).toEqual([{ from: '杨搂村', to: '杨楼村' }]);
    expect(r.hits[0]?.match).toBe('full');
  });

  it('filter by a month typed beside the words, and read a date alone as text', () => {
    const r = library.search('2021年11月 疫情防控');
    expect(r.date?.prefix).toBe('2021-11');
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) expect((library.article(h.id)!.date ?? library.article(h.id)!.published)!.startsWith('2021-11')).toBe(true);
    const alone = library.search('2021年');
    expect(alone.date).toBeNull();
    for (const h of alone.hits) expect(flat(h.id)).toContain('2021年');
  });

  it('list the articles of a month typed alone, newest first, when no article prints it as text', () => {
    const r = library.search('2020年2月');
    expect(r.date?.prefix).toBe('2020-02');
    const dates = r.hits.map((h) => library.article(h.id)!.date ?? library.article(h.id)!.published ?? '');
    expect(dates.length).toBeGreaterThan(3);
    for (const d of dates) expect(d.startsWith('2020-02')).toBe(true);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('read words typed without spaces as full matches when an article prints each of them', () => {
    const r = library.search('吕沛调研老旧小区');
    expect(r.full).toBeGreaterThan(0);
    for (const h of r.hits.slice(0, r.full)) for (const w of ['吕沛', '调研', '老旧', '小区']) expect(flat(h.id)).toContain(w);
  });

  it('find a phrase the page breaks across a line, as the article prints it', () => {
    const texts = library.articles().map((a) => flat(a.id));
    const phrases = readdirSync('seeds').filter((f) => f.endsWith('.txt')).flatMap((f) => [...readFileSync(`seeds/${f}`, 'utf8').matchAll(/(\p{Script=Han}{3})\n(\p{Script=Han}{3})/gu)].map((m) => m[1]! + m[2]!));
    const printed = [...new Set(phrases)].filter((p) => texts.some((t) => t.includes(p)));
    expect(printed.length).toBeGreaterThan(20);
    for (const p of printed.filter((_, i) => i % 5 === 0)) {
      const r = library.search(p);
      expect(r.full, p).toBeGreaterThan(0);
      expect(flat(r.hits[0]!.id), p).toContain(p);
    }
  });

  it('answer a meetings question with meeting articles, newest first', () => {
    const r = library.search('示范区最近开了哪些会');
    expect(r.intent).toEqual({ kind: 'meetings' });
    const meetings = new Set(library.meetings().map((m) => m.articleId));
    expect(r.hits.length).toBeGreaterThan(3);
    for (const h of r.hits) expect(meetings.has(h.id) || /会/u.test(h.title), h.title).toBe(true);
    const dates = r.hits.map((h) => library.article(h.id)!.date ?? library.article(h.id)!.published ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('label partial matches and put them after every full match', () => {
    const r = library.search('吕沛 航天飞机');
    expect(r.full).toBe(0);
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) expect(h.match).toBe('partial');
    const both = library.search('吕沛 杨楼村');
    const kinds = both.hits.map((h) => h.match);
    expect(kinds[0]).toBe('full');
    expect(kinds.indexOf('partial')).toBe(both.full);
  });
});
