// The benchmark's synthetic archives: deterministic, spread over the years, made of the real pages' text.
import { describe, expect, it } from 'vitest';
import { naiveAnswer, sampleQueries } from '../bench/queries.ts';
import { realisticArchive } from '../bench/realistic.ts';
import { parsePage } from '../src/corpus/parse.ts';
import { loadSeedPool, mulberry32, sentencesOf, synthArticles, synthNewPage, toPages } from '../bench/synth.ts';
import { createLibrary } from '../src/app/library.ts';

const pool = loadSeedPool();
const archive = synthArticles(pool, 300, 42);

describe('synthetic archives', () => {
  it('are the same for the same seed, ids and text alike', () => {
    const again = synthArticles(pool, 300, 42);
    expect(again.map((a) => a.id)).toEqual(archive.map((a) => a.id));
    expect(again).toEqual(archive);
    const other = synthArticles(pool, 300, 43);
    expect(other.map((a) => a.id)).not.toEqual(archive.map((a) => a.id));
    expect(other.map((a) => a.body)).not.toEqual(archive.map((a) => a.body));
  });

  it('give every article its own id of ten hex digits', () => {
    expect(mulberry32(7)()).toBe(mulberry32(7)());
    expect(new Set(archive.map((a) => a.id)).size).toBe(300);
    for (const a of archive) expect(a.id).toMatch(/^[0-9a-f]{10}$/);
  });

  it('spread their dates over 2015–2024, oldest first', () => {
    const dates = archive.map((a) => a.date ?? a.published!);
    const years = new Set(dates.map((d) => d.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(8);
    for (const d of dates) expect(d >= '2015-01-01' && d <= '2025-01-02', d).toBe(true);
    const dated = archive.filter((a) => a.date).map((a) => a.date!);
    expect(dated).toEqual([...dated].sort());
    for (const a of archive) if (a.date) expect(a.published! > a.date, a.id).toBe(true);
  });

  it('give a dated lead its new month and day', () => {
    const withLead = archive.filter((a) => a.date && /^\d{1,2}月\d{1,2}日/.test(a.body));
    expect(withLead.length).toBeGreaterThan(50);
    for (const a of withLead) {
      const [, m, d] = a.date!.split('-').map(Number);
      expect(a.body.startsWith(`${m}月${d}日`), a.body.slice(0, 12)).toBe(true);
    }
  });

  it('are made of the real sentences, with the officials and places kept', () => {
    const real = new Set(pool.articles.flatMap((a) => a.body.split('\n').flatMap(sentencesOf)));
    const sentences = archive.flatMap((a) => a.body.split('\n').flatMap(sentencesOf)).filter((s) => !/^\d{1,2}月\d{1,2}日/.test(s));
    expect(sentences.filter((s) => real.has(s)).length / sentences.length).toBeGreaterThan(0.9);
    for (const name of ['吕沛', '宫卫红', '杨楼村', '阳庙镇']) expect(archive.some((a) => `${a.title}${a.body}`.includes(name)), name).toBe(true);
    // Recombined, not copied: most bodies are new.
    const seedBodies = new Set(pool.articles.map((a) => a.body));
    expect(archive.filter((a) => !seedBodies.has(a.body)).length).toBeGreaterThan(250);
  });

  it('group into pages by publication date, and a page of new articles never reuses an archive id', () => {
    const pages = toPages(archive);
    expect(pages.flatMap((p) => p.articles)).toHaveLength(300);
    for (const p of pages) for (const a of p.articles) expect(a.published).toBe(p.published);
    const page = synthNewPage(pool, 42, 12, '2025-01-06');
    expect(page.articles).toHaveLength(12);
    expect(page.published).toBe('2025-01-06');
    const ids = new Set(archive.map((a) => a.id));
    for (const a of page.articles) expect(ids.has(a.id)).toBe(false);
    expect(synthNewPage(pool, 42, 12, '2025-01-06')).toEqual(page);
  });

  it('build a library whose index counts what the naive scan counts', () => {
    const library = createLibrary({ pages: toPages(archive), articles: archive });
    for (const q of ['吕沛', '杨楼村', '疫情防控', '吕沛 杨楼村']) {
      const ranked = library.search(q, 5);
      const scanned = naiveAnswer(archive, q, library.aliasOf);
      expect(scanned.full, q).toBeGreaterThan(0);
      expect(ranked.full, q).toBe(scanned.full);
      expect(scanned.top.every((t) => t.excerpt.text.length > 0)).toBe(true);
    }
  });
});

describe('the realistic archive', () => {
  const small = realisticArchive(240, 5);
  const articles = small.pages.flatMap((p) => parsePage(p));

  it('is written as raw pages that the real parser cuts into the articles it was made of', () => {
    expect(small.pages.length).toBe(20);
    expect(articles.length).toBe(240);
    expect(articles.filter((a) => a.date !== null && a.reporters.length > 0).length).toBe(240);
    expect(articles.filter((a) => a.titleSource === 'printed').length).toBeGreaterThan(230);
    expect(realisticArchive(240, 5).pages).toEqual(small.pages);
  });

  it('grows its vocabulary with the archive and prints campaigns only in their years', () => {
    const distinct = (n: number): number => new Set(realisticArchive(n, 5).pages.flatMap((p) => p.text.match(/\p{Script=Han}{2}/gu) ?? [])).size;
    expect(distinct(480)).toBeGreaterThan(distinct(120) * 1.5);
    for (const a of articles) if (a.body.includes('疫情防控')) expect(['2020', '2021', '2022']).toContain(a.published!.slice(0, 4));
  });

  it('has article lengths spread log-normally, a few long ones far above the median', () => {
    const lengths = articles.map((a) => a.body.length).sort((x, y) => x - y);
    const median = lengths[lengths.length >> 1]!;
    expect(lengths[Math.floor(lengths.length * 0.95)]! / median).toBeGreaterThan(1.8);
    expect(lengths[0]!).toBeLessThan(median / 2);
  });

  it('gives query groups by how many articles print a word: head words in many, tail words in one or two, misses in none', () => {
    const library = createLibrary({ pages: [], articles });
    const set = sampleQueries(library, [...small.cast.map((p) => p.name), ...small.places, ...small.vocabulary.slice(0, 3000)], new Set(small.cast.map((p) => p.name)), small.vocabulary.slice(-500), 5, 4);
    for (const q of set.head) expect(library.documentFrequency(q)).toBeGreaterThanOrEqual(10);
    for (const q of set.tail) expect(library.documentFrequency(q)).toBeLessThanOrEqual(2);
    for (const q of [...set.misses, ...set.misprints]) expect(library.documentFrequency(q)).toBe(0);
    for (const q of set.pairs) expect(library.search(q).full, q).toBeGreaterThan(0);
    expect(set.head.length + set.tail.length + set.misses.length).toBeGreaterThan(6);
  });
});
