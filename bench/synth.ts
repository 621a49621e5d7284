/** Synthetic archives for the benchmark: real sentences recombined, dates spread over 2015–2024, names and places kept. Deterministic from a seed. */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadCorpus, type LoadedPage } from '../src/corpus/load.ts';
import type { Article } from '../src/corpus/types.ts';

/** The real pages the synthetic articles are made of. */
export const SEEDS_DIR = fileURLToPath(new URL('../seeds', import.meta.url));

/** A small, fast, seeded PRNG: uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed articles cut into what the generator recombines. */
export interface SeedPool {
  articles: Article[];
  /** Per seed article: its paragraphs, each a list of sentences. */
  paragraphs: string[][][];
  /** Every sentence of every body except the leads, which carry datelines. */
  sentences: string[];
}

/** Sentences of a paragraph, each with its closing punctuation (and a closing quote after it). */
export function sentencesOf(paragraph: string): string[] {
  return paragraph.match(/[^。！？]+(?:[。！？]+[”’」）]?|$)/gu)?.filter((s) => s.trim() !== '') ?? [];
}

export function seedPool(articles: Article[]): SeedPool {
  const paragraphs = articles.map((a) => a.body.split('\n').map(sentencesOf).filter((p) => p.length > 0));
  const sentences = paragraphs.flatMap((ps) => ps.flatMap((p, i) => (i === 0 ? p.slice(1) : p)));
  return { articles, paragraphs, sentences };
}

/** The real articles of the seed pages. */
export function loadSeedPool(dir = SEEDS_DIR): SeedPool {
  return seedPool(loadCorpus(dir).articles);
}

const DAY = 86_400_000;
const FIRST = Date.UTC(2015, 0, 1);
const DAYS = Math.round((Date.UTC(2024, 11, 31) - FIRST) / DAY) + 1;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A stable 10-hex id like the parser's, unique per (seed, stream, index). */
const idOf = (seed: number, stream: string, i: number): string => createHash('sha1').update(`${seed}:${stream}:${i}`).digest('hex').slice(0, 10);

/** One synthetic article after a random seed article: its headline, kind, byline and paragraph shape; half its sentences swapped for sentences of other articles. */
function synthOne(pool: SeedPool, rand: () => number, id: string, day: number): Article {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const t = Math.floor(rand() * pool.articles.length);
  const template = pool.articles[t]!;
  const date = template.date === null ? null : iso(FIRST + day * DAY);
  const published = iso(FIRST + (day + 1 + Math.floor(rand() * 2)) * DAY);
  const [, month, dayOfMonth] = (date ?? published).split('-').map(Number) as [number, number, number];
  const paragraphs = pool.paragraphs[t]!.map((sentences, p) =>
    sentences
      .map((s, k) => {
        // The lead keeps its place and gets the new date; the rest is recombined.
        if (p === 0 && k === 0) return s.replace(/^(\d{1,2})月(\d{1,2})日/u, `${month}月${dayOfMonth}日`);
        return rand() < 0.5 ? s : pick(pool.sentences);
      })
      .join(''),
  );
  return {
    id,
    source: `synth-${published}.txt`,
    title: template.title,
    titleSource: template.titleSource,
    subtitle: template.subtitle,
    date,
    reporters: [...template.reporters],
    correspondents: [...template.correspondents],
    body: paragraphs.join('\n'),
    kind: template.kind,
    published,
  };
}

/** `n` synthetic articles, oldest first, dated uniformly over 2015–2024. The same seed gives the same articles. */
export function synthArticles(pool: SeedPool, n: number, seed = 1): Article[] {
  const rand = mulberry32(seed);
  const days = Array.from({ length: n }, () => Math.floor(rand() * DAYS)).sort((a, b) => a - b);
  return days.map((day, i) => synthOne(pool, rand, idOf(seed, 'archive', i), day));
}

/** Groups articles into pages by their source, as loadCorpus returns them. */
export function toPages(articles: Article[]): LoadedPage[] {
  const pages = new Map<string, LoadedPage>();
  for (const a of articles) {
    const page = pages.get(a.source) ?? { source: a.source, published: a.published, articles: [], bytes: 0 };
    page.articles.push(a);
    page.bytes += Buffer.byteLength(`${a.title}\n${a.subtitle ?? ''}\n${a.body}\n`);
    pages.set(a.source, page);
  }
  return [...pages.values()];
}

/** A page of `count` new articles published on `published`, dated the days before; ids never collide with an archive's. */
export function synthNewPage(pool: SeedPool, seed = 1, count = 12, published = '2025-01-06'): LoadedPage {
  const rand = mulberry32(seed ^ 0x5eed);
  const day = Math.round((Date.parse(`${published}T00:00:00Z`) - FIRST) / DAY) - 1;
  const articles = Array.from({ length: count }, (_, i) => {
    const a = synthOne(pool, rand, idOf(seed, `page-${published}`, i), day - Math.floor(rand() * 3));
    return { ...a, source: `synth-${published}-new.txt`, published };
  });
  return toPages(articles)[0]!;
}
