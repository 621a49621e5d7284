/** The benchmark's two archives, built into libraries the way the bot builds one: the realistic one and the dense worst case. */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadPage, readManifest, type LoadedPage } from '../src/corpus/load.ts';
import { loadCorpusInParallel } from '../src/app/parse-worker.ts';
import { createLibrary, type Library } from '../src/app/library.ts';
import { pageFingerprints, snapshotKey } from '../src/app/fingerprint.ts';
import { loadJiebaSoon, segment } from '../src/search/tokenize.ts';
import { CAMPAIGNS, jiebaWords, realisticArchive, writeArchive } from './realistic.ts';
import { loadSeedPool, synthArticles, synthNewPage, toPages } from './synth.ts';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type ArchiveKind = 'realistic' | 'dense';

export interface BuiltArchive {
  library: Library;
  pages: number;
  /** Reading and parsing the raw pages (realistic), or re-parsing the seed pages to as many articles (dense). */
  parseMs: number;
  buildMs: number;
  buildCpuMs: number;
  /** The snapshot key of these pages. */
  key: string;
  /** Words to sample queries from, those that are names, and words to miss with. */
  candidates: string[];
  names: Set<string>;
  absent: string[];
  /** A page of 12 new articles to add while serving. */
  newPage: () => LoadedPage;
}

/** Runs `fn`; its result, wall and CPU milliseconds. */
const time = <T>(fn: () => T): [T, number, number] => {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = fn();
  const u = process.cpuUsage(c);
  return [out, performance.now() - t, (u.user + u.system) / 1000];
};

/** The realistic archive: raw pages written into `dir` and read back by the real loader and parser. */
export async function buildRealistic(n: number, seed: number, dir: string): Promise<BuiltArchive> {
  rmSync(dir, { recursive: true, force: true });
  const archive = realisticArchive(n, seed);
  writeArchive(archive, dir);
  // As openLibrary reads a folder at a cold start: pages parsed on a worker and the main thread while jieba loads on a thread of the pool.
  const parsing = performance.now();
  const jiebaReady = loadJiebaSoon();
  const corpus = loadCorpusInParallel(dir);
  await jiebaReady;
  const parseMs = performance.now() - parsing;
  const [library, buildMs, buildCpuMs] = time(() => createLibrary(corpus));
  const vocabulary = archive.vocabulary;
  const candidates = [...archive.cast.map((p) => p.name), ...archive.places, ...CAMPAIGNS.map((c) => c.term), ...vocabulary.filter((_, i) => i % 7 === seed % 7)];
  const absent = jiebaWords().slice(-5000).map((w) => w.word);
  const newPage = (): LoadedPage => {
    const extra = realisticArchive(12, seed + 1_000).pages[0]!;
    const fresh = join(dir, 'incoming');
    mkdirSync(fresh, { recursive: true });
    const source = `2025-01-06-new.txt`;
    writeFileSync(join(fresh, source), extra.text);
    return loadPage(join(fresh, source), readManifest(fresh));
  };
  return { library, pages: corpus.pages.length, parseMs, buildMs, buildCpuMs, key: snapshotKey(await pageFingerprints(dir)), candidates, names: new Set(archive.cast.map((p) => p.name)), absent, newPage };
}

/** The dense worst case: the 50 seed articles' sentences recombined, so every name and topic recurs far more often than in a real archive. */
export function buildDense(n: number, seed: number, parse: (n: number) => number): BuiltArchive {
  const pool = loadSeedPool();
  const articles = synthArticles(pool, n, seed);
  const pages = toPages(articles);
  const parseMs = parse(n);
  const [library, buildMs, buildCpuMs] = time(() => createLibrary({ pages, articles }));
  const key = snapshotKey(pages.map((p) => ({ source: p.source, hash: createHash('sha1').update(p.articles.map((a) => `${a.id}\n${a.title}\n${a.body}`).join('\n')).digest('hex') })));
  const people = library.directory().people.map((p) => p.name);
  const candidates = [...people, ...new Set(pool.articles.flatMap((a) => segment(`${a.title}${a.body}`)).filter((w) => [...w].length >= 2))];
  const absent = jiebaWords().slice(-5000).map((w) => w.word);
  return { library, pages: pages.length, parseMs, buildMs, buildCpuMs, key, candidates, names: new Set(people), absent, newPage: () => synthNewPage(pool, seed, 12, '2025-01-06') };
}
