// The benchmark's synthetic archives: deterministic, spread over the years, made of the real pages' text.
import { describe, expect, it } from 'vitest';
import { naiveSearch } from '../bench/run.ts';
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

  it('build a library whose index finds what the naive scan finds', () => {
    const library = createLibrary({ pages: toPages(archive), articles: archive });
    for (const q of ['吕沛', '杨楼村', '疫情防控']) {
      const found = new Set(library.search(q).hits.map((h) => h.id));
      const scanned = naiveSearch(archive, q, Infinity);
      expect(scanned.length, q).toBeGreaterThan(0);
      for (const a of scanned) expect(found.has(a.id), `${q}: ${a.title}`).toBe(true);
    }
  });
});
