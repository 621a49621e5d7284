/** What one benchmark child process measures: an archive of one size built, saved, queried, grown; or started from its snapshot. */
import { readFileSync, writeFileSync } from 'node:fs';
import { pageFiles, publicationDate, readManifest, decodePage } from '../src/corpus/load.ts';
import { parsePage } from '../src/corpus/parse.ts';
import type { PageInput } from '../src/corpus/types.ts';
import { libraryFromState, type Library } from '../src/app/library.ts';
import { loadSnapshot, saveSnapshot } from '../src/app/format.ts';
import { openLibrary } from '../src/app/snapshot.ts';
import { loadJiebaSoon } from '../src/search/tokenize.ts';
import { join } from 'node:path';
import { buildDense, buildRealistic, type ArchiveKind } from './archives.ts';
import { GROUPS, naiveAnswer, sampleQueries, type Group, type QuerySet } from './queries.ts';
import { SEEDS_DIR } from './synth.ts';

/** Hits a result page shows (src/bot/format/search.ts PAGE_SIZE): their excerpts are made for every query timed. */
export const PAGE = 5;

export interface Latency {
  p50: number;
  p99: number;
  samples: number;
}

export interface GroupResult {
  queries: number;
  index: Latency;
  /** The same queries' CPU time (this process, all threads): what the wall time is on an idle machine. */
  indexCpu: Latency;
  naive: Latency | null;
  /** Median hits per query (all matches), and median full matches. */
  hits: number;
  full: number;
}

export interface SizeResult {
  kind: ArchiveKind;
  articles: number;
  pages: number;
  terms: number;
  people: number;
  bootMs: number;
  parseMs: number;
  buildMs: number;
  firstQueryMs: number;
  coldNoSnapshotMs: number;
  snapshotBytes: number;
  snapshotSaveMs: number;
  all: Latency;
  allCpu: Latency;
  groups: Record<Group, GroupResult>;
  /** CPU time of this process from its start to the first answer (its wall time is coldNoSnapshotMs). */
  coldCpuMs: number;
  buildCpuMs: number;
  addPageMs: number;
  addPageCpuMs: number;
  addedArticles: number;
  steadyRssMb: number;
  liveHeapMb: number;
  peakRssMb: number;
  key: string;
  queries: QuerySet;
}

export interface ColdResult {
  /** Process start to the open: Node, tsx and the imports. */
  bootMs: number;
  /** The snapshot opened as the bot opens it: the pages' key (realistic archive only: the dense one has no page files), the sections read and checked on the thread pool while jieba loads, then parsed. */
  loadMs: number;
  /** The library made from the loaded state. */
  fromStateMs: number;
  firstQueryMs: number;
  /** Process start to the first query answered. */
  totalMs: number;
  firstQueryHits: number;
  /** CPU time of this process from its start to the first answer. */
  totalCpuMs: number;
  /** Process start to everything loaded (the parts the first answer does not need, such as the directory, read too), wall and CPU. */
  fullMs: number;
  fullCpuMs: number;
  all: Latency;
  allCpu: Latency;
  steadyRssMb: number;
  liveHeapMb: number;
  peakRssMb: number;
}

const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
};
/** CPU milliseconds (user + system, every thread) since `from`, or since the process started. */
const cpuMs = (from?: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};
/** Runs `fn`; its result, wall and CPU milliseconds. */
const timeBoth = <T>(fn: () => T): [T, number, number] => {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t, cpuMs(c)];
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percentile = (sorted: number[], p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
/** p50 and p99 of the per-query medians over the repeats. */
function latency(perQuery: number[][]): Latency {
  const s = perQuery.map(median).sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p99: percentile(s, 0.99), samples: perQuery.reduce((n, xs) => n + xs.length, 0) };
}
const progress = (msg: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024;
/** RSS and live heap after full collections (the child runs with --expose-gc): a second one frees the memory of buffers the first found dead (a snapshot's sections). */
function afterGc(): { steadyRssMb: number; liveHeapMb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { steadyRssMb: m.rss / 2 ** 20, liveHeapMb: (m.heapUsed + m.external + m.arrayBuffers) / 2 ** 20 };
}

/** One query as the bot answers it: the ranking and the excerpts of the first page. */
export function answer(library: Library, query: string): { hits: number; full: number } {
  const result = library.search(query, PAGE);
  for (const h of result.hits) void h.excerpt.text;
  return { hits: result.ids.length, full: result.full };
}

/** Times every group, index and naive scan interleaved query by query (the order alternating), `rounds` repeats each. */
export function timeGroups(library: Library, set: QuerySet, rounds: number, withNaive: boolean): { groups: Record<Group, GroupResult>; all: Latency; allCpu: Latency } {
  const articles = library.articles();
  const groups = {} as Record<Group, GroupResult>;
  const everything: number[][] = [];
  const everythingCpu: number[][] = [];
  for (const g of GROUPS) {
    const qs = set[g];
    const index = qs.map(() => [] as number[]);
    const indexCpu = qs.map(() => [] as number[]);
    const naive = qs.map(() => [] as number[]);
    const counts = qs.map((q) => answer(library, q)); // warm-up
    for (let r = 0; r < rounds; r++) {
      qs.forEach((q, i) => {
        const runIndex = (): void => {
          const [, wall, cpu] = timeBoth(() => answer(library, q));
          index[i]!.push(wall);
          indexCpu[i]!.push(cpu);
        };
        const runNaive = (): void => void naive[i]!.push(time(() => naiveAnswer(articles, q, library.aliasOf, PAGE))[1]);
        if (!withNaive) return runIndex();
        if ((r + i) % 2 === 0) (runIndex(), runNaive());
        else (runNaive(), runIndex());
      });
    }
    everything.push(...index);
    everythingCpu.push(...indexCpu);
    groups[g] = { queries: qs.length, index: latency(index), indexCpu: latency(indexCpu), naive: withNaive ? latency(naive) : null, hits: median(counts.map((c) => c.hits)), full: median(counts.map((c) => c.full)) };
  }
  return { groups, all: latency(everything), allCpu: latency(everythingCpu) };
}

/** Parses the real seed pages, round after round, until `n` articles were parsed: the parser's cost for an archive of n. */
export function parseSeedsTo(n: number): number {
  const manifest = readManifest(SEEDS_DIR);
  const inputs: PageInput[] = pageFiles(SEEDS_DIR).map((source) => ({ source, text: decodePage(source, readFileSync(join(SEEDS_DIR, source))).text, published: publicationDate(source, manifest) }));
  let parsed = 0;
  const t = performance.now();
  for (let i = 0; parsed < n; i++) parsed += parsePage(inputs[i % inputs.length]!).length;
  return performance.now() - t;
}

export interface SizeOptions {
  kind: ArchiveKind;
  n: number;
  seed: number;
  rounds: number;
  perGroup: number;
  snapshotPath: string;
  pagesDir: string;
}

/** Lets the event loop run for a second, as a serving bot's does: threads that finished (the cold build's segmentation worker) are gone before memory is read. */
const idle = (): Promise<void> => new Promise((done) => setTimeout(done, 1_000));

export async function sizeChild(o: SizeOptions): Promise<SizeResult> {
  const bootMs = performance.now();
  progress(`${o.kind} ${o.n}: making and building the archive`);
  const built = o.kind === 'realistic' ? await buildRealistic(o.n, o.seed, o.pagesDir) : buildDense(o.n, o.seed, parseSeedsTo);
  const { library } = built;
  const queries = sampleQueries(library, built.candidates, built.names, built.absent, o.seed, o.perGroup);
  const firstQueryMs = time(() => answer(library, queries.head[0] ?? queries.torso[0]!))[1];
  const coldCpuMs = cpuMs();
  progress(`${o.kind} ${o.n}: built in ${(built.buildMs / 1000).toFixed(1)} s; saving the snapshot`);
  const [snapshotBytes, snapshotSaveMs] = time(() => saveSnapshot(o.snapshotPath, built.key, { ...library.snapshotState(), warnings: [] }));
  progress(`${o.kind} ${o.n}: timing ${GROUPS.map((g) => `${queries[g].length} ${g}`).join(', ')} × ${o.rounds}, index and naive scan interleaved`);
  const { groups, all, allCpu } = timeGroups(library, queries, o.rounds, true);
  const page = built.newPage();
  const [added, addPageMs, addPageCpuMs] = timeBoth(() => library.addPage(page));
  await idle();
  const memory = afterGc();
  return {
    kind: o.kind, articles: library.articles().length - added.length, pages: built.pages, terms: library.stats().terms, people: library.directory().people.length,
    bootMs, parseMs: built.parseMs, buildMs: built.buildMs, firstQueryMs, coldNoSnapshotMs: bootMs + built.parseMs + built.buildMs + firstQueryMs,
    snapshotBytes, snapshotSaveMs, all, allCpu, groups, coldCpuMs, buildCpuMs: built.buildCpuMs, addPageMs, addPageCpuMs, addedArticles: added.length, ...memory, peakRssMb: maxRssMb(), key: built.key, queries,
  };
}

export async function coldChild(snapshotPath: string, key: string, queriesFile: string, rounds: number, pagesDir?: string): Promise<ColdResult> {
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8')) as QuerySet;
  const opened = performance.now();
  const { library, loadMs } = await (async (): Promise<{ library: Library; loadMs: number }> => {
    // The dense archive has no page files to key it: its snapshot is read as the bot reads one, under the build's key.
    if (!pagesDir) {
      const jiebaReady = loadJiebaSoon();
      const loaded = await loadSnapshot(snapshotPath, key);
      if (!loaded.state) throw new Error(`snapshot not loaded: ${loaded.reason} ${loaded.message}`);
      await jiebaReady;
      const ms = performance.now() - opened;
      return { library: libraryFromState(loaded.state), loadMs: ms };
    }
    // As the bot opens it: the pages' key and the snapshot's sections read and checked on the thread pool while jieba loads, then parsed.
    let logged: { loadMs?: number } = {};
    const log = { info: (obj: object) => void (logged = obj), warn: (_: object, msg: string) => void process.stderr.write(`bench: ${msg}\n`) };
    const made = await openLibrary(pagesDir, snapshotPath, log);
    if (made.from !== 'snapshot') throw new Error(`the bot did not start from the build's snapshot (its pages give another key than ${key}, or the snapshot is unreadable)`);
    return { library: made.library, loadMs: logged.loadMs ?? NaN };
  })();
  const fromStateMs = performance.now() - opened - loadMs;
  const [first, firstQueryMs] = time(() => answer(library, queries.head[0] ?? queries.torso[0]!));
  const totalMs = performance.now();
  const totalCpuMs = cpuMs();
  // What the bot loads once its event loop is free; read here so the query times and the steady RSS are those of a whole library.
  library.settle();
  const [fullMs, fullCpuMs] = [performance.now(), cpuMs()];
  const { all, allCpu } = timeGroups(library, queries, rounds, false);
  return { bootMs: opened, loadMs, fromStateMs, firstQueryMs, totalMs, totalCpuMs, fullMs, fullCpuMs, firstQueryHits: first.hits, all, allCpu, ...afterGc(), peakRssMb: maxRssMb() };
}

/** Writes a child's result for the parent to read. */
export const writeResult = (path: string, value: unknown): void => writeFileSync(path, JSON.stringify(value));
