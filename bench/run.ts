/**
 * `npm run bench [-- --quick]`: builds synthetic archives of 1k, 10k and 100k articles (10k and 1k with --quick) and
 * measures, per size and each in a fresh child process (so peak RSS is per size):
 *   parse time, build time (segment + index + directory, topics, meetings, dictionary), cold start without a
 *   snapshot, snapshot size and save time, cold start from the snapshot (another fresh process), query latency
 *   p50/p95/p99 over a fixed mixed query set and the same queries by a naive substring scan, peak RSS, and digest
 *   matching of 10k subscriptions against a page of new articles.
 * Writes bench/results/latest.md and latest.json (quick.md and quick.json with --quick) and prints the table; progress goes to stderr.
 *
 * Options: --quick, --sizes=1000,5000, --seed=1, --rounds=N (query rounds), --breakdown (time the build's phases),
 * --node-options="--max-semi-space-size=64" (V8/node flags for the measured processes, e.g. to try GC settings).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodePage, pageFiles, publicationDate, readManifest } from '../src/corpus/load.ts';
import { parsePage } from '../src/corpus/parse.ts';
import type { Article, PageInput } from '../src/corpus/types.ts';
import { matchAmong } from '../src/app/subscriptions.ts';
import { buildDictionary, extractPlaces } from '../src/knowledge/dictionary.ts';
import { findMeetings } from '../src/knowledge/meetings.ts';
import { buildDirectory, officialNames } from '../src/knowledge/people.ts';
import { buildTopicIndex, TOPICS } from '../src/knowledge/topics.ts';
import { createLibrary, libraryFromState, type Library } from '../src/app/library.ts';
import { queryWords } from '../src/search/index.ts';
import { buildIndex, type IndexedDoc } from '../src/search/options.ts';
import { addWords, segment } from '../src/search/tokenize.ts';
import { loadSnapshot, saveSnapshot, snapshotKey } from '../src/app/snapshot.ts';
import { loadSeedPool, SEEDS_DIR, synthArticles, synthNewPage, toPages } from './synth.ts';

const SELF = fileURLToPath(import.meta.url);
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
/** Hits a result page shows (src/bot/format/search.ts PAGE_SIZE): their excerpts are made for every query timed. */
const PAGE = 5;

/** The fixed query set: officials (one misprinted), places, topics, campaign terms and two-word queries. */
export const QUERIES = [
  '吕沛', '宫卫红', '王家鹏', '赵俊生', '姜坤峰', '万英奎', '许海玲', '官卫红',
  '杨楼村', '阳庙镇', '文昌街道', '苏家作乡', '南李万村', '杨庄村',
  '疫情防控', '安全生产', '灾后重建', '项目建设', '营商环境', '乡村振兴', '科技创新', '复工复产',
  '万人助万企', '三个一批', '核酸检测', '诗词大会', '京油润道', '疫苗接种率',
  '吕沛 疫情防控', '宫卫红 安全生产', '杨楼村 灾后重建', '王家鹏 复工', '疫情 防控', '项目 开工',
  '文昌街道 人居环境', '万人助万企 测评', '消防 宣传', '党工委 会议',
];
/** --quick times every other query. */
const QUICK_QUERIES = QUERIES.filter((_, i) => i % 2 === 0);
/** Keyword subscriptions for the digest benchmark. */
const KEYWORDS = ['吕沛', '宫卫红', '杨楼村', '疫情防控', '安全生产', '万人助万企', '吕沛 调研', '核酸', '项目 开工', '文昌街道', '官卫红', '消防'];

const progress = (msg: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
};
const percentile = (sorted: number[], p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
const stats = (samples: number[]): Latency => {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), p99: percentile(s, 0.99), max: s[s.length - 1] ?? NaN, samples: s.length };
};
const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024;

interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  samples: number;
}

interface SizeResult {
  articles: number;
  pages: number;
  /** Process start to the first line of the bench (node, tsx and imports). */
  bootMs: number;
  /** Parsing the seed pages over and over until as many articles were parsed. */
  parseMs: number;
  parsedArticles: number;
  /** createLibrary: directory, topics, meetings, dictionary, segmentation and the index (jieba's dictionary load included). */
  buildMs: number;
  firstQueryMs: number;
  /** boot + parse + build + first query. */
  coldNoSnapshotMs: number;
  breakdown?: Record<string, number>;
  snapshotBytes: number;
  snapshotSaveMs: number;
  snapshotStateMs: number;
  query: Latency;
  naive: Latency;
  /** The naive scan joining and lowercasing each article's text (naiveJoinedSearch). */
  naiveJoined: Latency;
  speedupP50: number;
  hits: Record<string, number>;
  digest: { pageArticles: number; addPageMs: number; subscriptions: number; matchMs: number; matched: number };
  rssAfterBuildMb: number;
  /** Peak RSS so far, after each step. */
  peakRssAfter: Record<string, number>;
  peakRssMb: number;
  key: string;
  snapshotPath: string;
}

interface ColdResult {
  bootMs: number;
  loadMs: number;
  fromStateMs: number;
  firstQueryMs: number;
  /** Process start to the first query answered. */
  totalMs: number;
  firstQueryHits: number;
  peakRssMb: number;
  query: Latency;
}

/** Parses the real seed pages, round after round, until `n` articles were parsed: the parser's cost for an archive of n. */
function measureParse(n: number): { ms: number; articles: number } {
  const manifest = readManifest(SEEDS_DIR);
  const inputs: PageInput[] = pageFiles(SEEDS_DIR).map((source) => ({
    source,
    text: decodePage(source, readFileSync(join(SEEDS_DIR, source))).text,
    published: publicationDate(source, manifest),
  }));
  let parsed = 0;
  const t = performance.now();
  for (let i = 0; parsed < n; i++) parsed += parsePage(inputs[i % inputs.length]!).length;
  return { ms: performance.now() - t, articles: parsed };
}

/** A naive search: every title and body scanned for each query word, articles with more words first, then newer. */
export function naiveSearch(articles: Article[], query: string, limit = PAGE): Article[] {
  const words = queryWords(query).map((w) => w.toLowerCase());
  const found: Array<{ a: Article; n: number }> = [];
  for (const a of articles) {
    let n = 0;
    for (const w of words) if (a.title.includes(w) || a.body.includes(w)) n++;
    if (n > 0) found.push({ a, n });
  }
  found.sort((x, y) => y.n - x.n || (y.a.date ?? '').localeCompare(x.a.date ?? ''));
  return found.slice(0, limit).map((f) => f.a);
}

/** The straightforward scan, reading each article as src/digest/match.ts does: title, subtitle and body joined and lowercased; a misprint also finds its canonical name. */
export function naiveJoinedSearch(articles: Article[], query: string, aliasOf: (w: string) => string | undefined, limit = PAGE): Article[] {
  const forms = queryWords(query).map((w) => [w, aliasOf(w)].filter((f): f is string => f !== undefined).map((f) => f.toLowerCase()));
  const found: Array<{ a: Article; n: number }> = [];
  for (const a of articles) {
    const text = `${a.title}${a.subtitle ?? ''}${a.body}`.toLowerCase();
    const n = forms.filter((fs) => fs.some((f) => text.includes(f))).length;
    if (n > 0) found.push({ a, n });
  }
  found.sort((x, y) => y.n - x.n || (y.a.date ?? '').localeCompare(x.a.date ?? ''));
  return found.slice(0, limit).map((f) => f.a);
}

/** One query as the bot answers it: the ranked hits and the excerpts of the first page. */
function answer(library: Library, query: string): number {
  const result = library.search(query);
  for (const h of result.hits.slice(0, PAGE)) void h.excerpt.text;
  return result.hits.length;
}

function timeQueries(library: Library, queries: string[], rounds: number): { latency: Latency; hits: Record<string, number> } {
  const hits: Record<string, number> = {};
  for (const q of queries) hits[q] = answer(library, q); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) for (const q of queries) samples.push(time(() => answer(library, q))[1]);
  return { latency: stats(samples), hits };
}

function pagesKey(articles: Article[]): string {
  return snapshotKey(toPages(articles).map((p) => ({ source: p.source, hash: createHash('sha1').update(p.articles.map((a) => `${a.id}\n${a.title}\n${a.body}`).join('\n')).digest('hex') })));
}

/** Times the build's phases one by one (after the real build, so jieba is loaded and warm). */
function breakdown(articles: Article[]): Record<string, number> {
  const out: Record<string, number> = {};
  const [directory, dirMs] = time(() => buildDirectory(articles));
  out.directory = dirMs;
  out.topics = time(() => buildTopicIndex(articles))[1];
  out.meetings = time(() => findMeetings(articles, directory, buildTopicIndex(articles)))[1];
  const [dictionary, dictMs] = time(() => buildDictionary(articles, officialNames(directory)));
  out.dictionary = dictMs;
  addWords(dictionary.map((d) => d.word));
  const [docs, enrichMs] = time(() =>
    articles.map((a): IndexedDoc => {
      const places = extractPlaces(`${a.title}\n${a.body}`);
      return { id: a.id, title: a.title, subtitle: a.subtitle ?? '', body: a.body, people: '', places: places.join(' '), date: a.date ?? '', source: a.source };
    }),
  );
  out['enrich (places of each article)'] = enrichMs;
  out.segmentation = time(() => {
    for (const d of docs) for (const f of [d.title, d.subtitle, d.body, d.people, d.places]) segment(f);
  })[1];
  out['index (incl. segmentation)'] = time(() => buildIndex(docs))[1];
  return out;
}

async function sizeChild(n: number, seed: number, queries: string[], rounds: number, naiveRounds: number, snapshotPath: string, withBreakdown: boolean): Promise<SizeResult> {
  const bootMs = performance.now();
  const peakRssAfter: Record<string, number> = {};
  const checkpoint = (step: string): void => {
    peakRssAfter[step] = Math.round(maxRssMb());
  };
  progress(`${n}: synthesizing articles (seed ${seed})`);
  const pool = loadSeedPool();
  const articles = synthArticles(pool, n, seed);
  const pages = toPages(articles);
  checkpoint('synthesis');
  progress(`${n}: parsing ${n} articles' worth of the seed pages`);
  const parse = measureParse(n);
  checkpoint('parse');
  progress(`${n}: building the library`);
  const [library, buildMs] = time(() => createLibrary({ pages, articles }));
  const firstQueryMs = time(() => answer(library, queries[0]!))[1];
  const rssAfterBuildMb = process.memoryUsage().rss / 1024 / 1024;
  checkpoint('build');
  progress(`${n}: built in ${(buildMs / 1000).toFixed(1)} s; saving the snapshot`);
  const key = pagesKey(articles);
  // The state is dropped right after saving, as the bot does (openLibrary).
  const { snapshotBytes, snapshotStateMs, snapshotSaveMs } = (() => {
    const [state, stateMs] = time(() => ({ ...library.snapshotState(), warnings: [] }));
    const [bytes, saveMs] = time(() => saveSnapshot(snapshotPath, key, state));
    return { snapshotBytes: bytes, snapshotStateMs: stateMs, snapshotSaveMs: saveMs };
  })();
  checkpoint('snapshot');
  progress(`${n}: timing ${queries.length} queries × ${rounds} rounds`);
  const { latency: query, hits } = timeQueries(library, queries, rounds);
  progress(`${n}: timing the naive scan, ${naiveRounds} round(s)`);
  const naiveSamples: number[] = [];
  const all = library.articles();
  for (let r = 0; r < naiveRounds; r++) for (const q of queries) naiveSamples.push(time(() => naiveSearch(all, q))[1]);
  const naive = stats(naiveSamples);
  const joinedSamples: number[] = [];
  for (let r = 0; r < naiveRounds; r++) for (const q of queries) joinedSamples.push(time(() => naiveJoinedSearch(all, q, library.aliasOf))[1]);
  const naiveJoined = stats(joinedSamples);
  checkpoint('queries');
  progress(`${n}: digest matching`);
  const page = synthNewPage(pool, seed, 12, '2025-01-06');
  const [added, addPageMs] = time(() => library.addPage(page));
  const ids = added.map((a) => a.id);
  const subs = Array.from({ length: 10_000 }, (_, i) =>
    i % 2 === 0 ? { kind: 'topic' as const, value: TOPICS[(i / 2) % TOPICS.length]!.name } : { kind: 'query' as const, value: KEYWORDS[((i - 1) / 2) % KEYWORDS.length]! },
  );
  let matched = 0;
  const matchMs = time(() => {
    for (const s of subs) matched += matchAmong(library, s, ids).length;
  })[1];
  checkpoint('digest');
  const result: SizeResult = {
    articles: n,
    pages: pages.length,
    bootMs,
    parseMs: parse.ms,
    parsedArticles: parse.articles,
    buildMs,
    firstQueryMs,
    coldNoSnapshotMs: bootMs + parse.ms + buildMs + firstQueryMs,
    snapshotBytes,
    snapshotSaveMs,
    snapshotStateMs,
    query,
    naive,
    naiveJoined,
    speedupP50: naive.p50 / query.p50,
    hits,
    digest: { pageArticles: added.length, addPageMs, subscriptions: subs.length, matchMs, matched },
    rssAfterBuildMb,
    peakRssAfter,
    peakRssMb: maxRssMb(),
    key,
    snapshotPath,
  };
  if (withBreakdown) {
    progress(`${n}: timing the build's phases`);
    result.breakdown = breakdown(articles);
  }
  return result;
}

async function coldChild(snapshotPath: string, key: string, queries: string[], rounds: number): Promise<ColdResult> {
  const bootMs = performance.now();
  const [loaded, loadMs] = time(() => loadSnapshot(snapshotPath, key));
  if (!loaded.state) throw new Error(`snapshot not loaded: ${loaded.reason} ${loaded.message}`);
  const [library, fromStateMs] = time(() => libraryFromState(loaded.state));
  const [firstQueryHits, firstQueryMs] = time(() => answer(library, queries[0]!));
  const totalMs = performance.now();
  const peakRssMb = maxRssMb();
  const { latency: query } = timeQueries(library, queries, rounds);
  return { bootMs, loadMs, fromStateMs, firstQueryMs, totalMs, firstQueryHits, peakRssMb, query };
}

/** Runs this file again in a fresh node process with the same loader (tsx), and reads the JSON it writes. */
function child<T>(args: string[], heapMb: number | undefined, nodeOptions: string[]): Promise<T> {
  const out = join(tmpdir(), `jznews-bench-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const execArgv = [...process.execArgv, ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), ...nodeOptions];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...execArgv, SELF, ...args, `--out=${out}`], { stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      try {
        if (code !== 0) throw new Error(`bench child ${args.join(' ')} failed (${signal ?? `exit ${code}`})`);
        resolve(JSON.parse(readFileSync(out, 'utf8')) as T);
      } catch (err) {
        reject(err);
      } finally {
        rmSync(out, { force: true });
      }
    });
  });
}

function machine(): Record<string, string | number> {
  const cpu = cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    freeMemoryGb: Math.round(freemem() / 1024 ** 3),
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadAverage: loadavg().map((l) => l.toFixed(2)).join(' '),
    commit,
  };
}

const TARGETS = { coldNoSnapshotS: 10, coldSnapshotS: 3, p99Ms: 20, speedup: 50, rssMb: 1024 };

const fmt = (x: number, digits = 0): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const kLabel = (n: number): string => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

function markdown(run: { date: string; mode: string; seed: number; queries: number; rounds: number; nodeOptions: string; machine: Record<string, string | number> }, rows: Array<{ n: number; size: SizeResult; cold: ColdResult }>): string {
  const at10k = rows.find((r) => r.n === 10_000);
  const mark = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? ' ✅' : ' ❌');
  const line = (label: string, cell: (r: (typeof rows)[number]) => string, target = '', ok?: boolean): string =>
    `| ${label} | ${rows.map(cell).join(' | ')} | ${target}${mark(ok)} |`;
  const m = run.machine;
  const out = [
    `Benchmark ${run.date} (${run.mode}, seed ${run.seed}, ${run.queries} queries × ${run.rounds} rounds${run.nodeOptions ? `, node ${run.nodeOptions}` : ''}) on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.os}; load average at start ${m.loadAverage}; commit ${m.commit}.`,
    '',
    `| | ${rows.map((r) => kLabel(r.n)).join(' | ')} | target at 10k |`,
    `|---|${rows.map(() => '---:').join('|')}|---|`,
    line('parse (seed pages re-parsed to N articles), s', (r) => fmt(r.size.parseMs / 1000, 1)),
    line('build: directory, topics, meetings, dictionary, segment + index, s', (r) => fmt(r.size.buildMs / 1000, 1)),
    line('cold start without snapshot (process start → first answer), s', (r) => fmt(r.size.coldNoSnapshotMs / 1000, 1), `< ${TARGETS.coldNoSnapshotS} s`, at10k && at10k.size.coldNoSnapshotMs < TARGETS.coldNoSnapshotS * 1000),
    line('snapshot size, MB', (r) => fmt(r.size.snapshotBytes / 1024 ** 2, 1)),
    line('snapshot save, s', (r) => fmt((r.size.snapshotStateMs + r.size.snapshotSaveMs) / 1000, 1)),
    line('cold start from snapshot (process start → first answer), s', (r) => fmt(r.cold.totalMs / 1000, 2), `< ${TARGETS.coldSnapshotS} s`, at10k && at10k.cold.totalMs < TARGETS.coldSnapshotS * 1000),
    line('… of which read + verify + parse the file, s', (r) => fmt(r.cold.loadMs / 1000, 2)),
    line('… of which rebuild library from it, s', (r) => fmt(r.cold.fromStateMs / 1000, 2)),
    line('query p50, ms', (r) => fmt(r.size.query.p50, 2)),
    line('query p95, ms', (r) => fmt(r.size.query.p95, 2)),
    line('query p99, ms', (r) => fmt(r.size.query.p99, 2), `< ${TARGETS.p99Ms} ms`, at10k && at10k.size.query.p99 < TARGETS.p99Ms),
    line('query p50 / p99 in the process started from the snapshot, ms', (r) => `${fmt(r.cold.query.p50, 2)} / ${fmt(r.cold.query.p99, 2)}`),
    line('hits per query, median (share of the archive)', (r) => {
      const h = Object.values(r.size.hits).sort((a, b) => a - b);
      const median = h[Math.floor(h.length / 2)] ?? NaN;
      return `${median} (${fmt((100 * median) / r.n)} %)`;
    }),
    line('naive scan p50 / p95 / p99, ms', (r) => `${fmt(r.size.naive.p50, 1)} / ${fmt(r.size.naive.p95, 1)} / ${fmt(r.size.naive.p99, 1)}`),
    line('naive ÷ index at p50', (r) => `${fmt(r.size.speedupP50, 1)}×`, `≥ ${TARGETS.speedup}×`, at10k && at10k.size.speedupP50 >= TARGETS.speedup),
    line('naive scan joining + lowercasing each text (as digest matching reads it) p50 / p99, ms', (r) => `${fmt(r.size.naiveJoined.p50, 1)} / ${fmt(r.size.naiveJoined.p99, 1)}`),
    line('… ÷ index at p50', (r) => `${fmt(r.size.naiveJoined.p50 / r.size.query.p50, 1)}×`),
    line('peak RSS, build + queries + digest, MB', (r) => fmt(r.size.peakRssMb), `< ${TARGETS.rssMb} MB`, at10k && at10k.size.peakRssMb < TARGETS.rssMb),
    line('peak RSS, started from snapshot, MB', (r) => fmt(r.cold.peakRssMb)),
    line('digest: add a page of 12 new articles, ms', (r) => fmt(r.size.digest.addPageMs)),
    line('digest: match 10k subscriptions against it, ms', (r) => fmt(r.size.digest.matchMs, 1)),
  ];
  const withBreakdown = rows.filter((r) => r.size.breakdown);
  if (withBreakdown.length > 0) {
    const phases = Object.keys(withBreakdown[0]!.size.breakdown!);
    out.push('', 'Build phases, timed one by one after the build (jieba warm), s:', '', `| phase | ${withBreakdown.map((r) => kLabel(r.n)).join(' | ')} |`, `|---|${withBreakdown.map(() => '---:').join('|')}|`);
    for (const p of phases) out.push(`| ${p} | ${withBreakdown.map((r) => fmt((r.size.breakdown![p] ?? NaN) / 1000, 2)).join(' | ')} |`);
  }
  out.push(
    '',
    'Cold start without snapshot = node + tsx start-up and imports, parsing N articles’ worth of pages (the five seed pages parsed again and again), createLibrary (jieba’s dictionary load included) and the first query. Cold start from snapshot is a separate fresh process: start-up, read and verify the snapshot, rebuild the library from it (dictionary words back into jieba), first query. Query latency: `library.search(q)` plus the excerpts of the first page of 5 hits, as the bot answers. Naive scan: `title.includes(w) || body.includes(w)` over every article for each word (no copies of the text), ranked by words found, then date; the second naive scan joins and lowercases each article’s text first, as digest matching does. Build phases are timed again one by one after the build, so jieba is warm then. The synthetic archives recombine the sentences of the 50 seed articles, so every official, place and topic recurs far more densely than in a real archive of the same size: a typical query matches a sixth of the archive (the hits row), which costs the index, which ranks every hit, and not the scan.',
  );
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      seed: { type: 'string', default: '1' },
      rounds: { type: 'string' },
      breakdown: { type: 'boolean' },
      'node-options': { type: 'string', default: '' },
      child: { type: 'string' },
      size: { type: 'string' },
      snapshot: { type: 'string' },
      key: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick ?? false;
  const seed = Number(values.seed);
  const queries = quick ? QUICK_QUERIES : QUERIES;
  const rounds = Number(values.rounds ?? (quick ? 3 : 10));

  if (values.child === 'size') {
    const n = Number(values.size);
    const result = await sizeChild(n, seed, queries, rounds, quick ? 1 : 3, values.snapshot!, values.breakdown ?? false);
    writeFileSync(values.out!, JSON.stringify(result));
    return;
  }
  if (values.child === 'cold') {
    const result = await coldChild(values.snapshot!, values.key!, queries, rounds);
    writeFileSync(values.out!, JSON.stringify(result));
    return;
  }

  const nodeOptions = (values['node-options'] ?? '').split(/\s+/).filter(Boolean);
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  const started = performance.now();
  const info = machine();
  progress(`${quick ? 'quick' : 'full'} run, sizes ${sizes.join(', ')}; ${info.cpu}, ${info.cores} cores, load ${info.loadAverage}`);
  const rows: Array<{ n: number; size: SizeResult; cold: ColdResult }> = [];
  for (const n of sizes) {
    const snapshotPath = join(tmpdir(), `jznews-bench-snapshot-${n}-${process.pid}.json`);
    const common = [`--seed=${seed}`, `--rounds=${rounds}`, ...(quick ? ['--quick'] : [])];
    const heap = n > 20_000 ? 16_384 : undefined;
    try {
      const withBreakdown = values.breakdown ?? (!quick && n <= 10_000);
      const size = await child<SizeResult>(['--child=size', `--size=${n}`, `--snapshot=${snapshotPath}`, ...common, ...(withBreakdown ? ['--breakdown'] : [])], heap, nodeOptions);
      progress(`${n}: cold start from the snapshot in a fresh process`);
      const cold = await child<ColdResult>(['--child=cold', `--snapshot=${snapshotPath}`, `--key=${size.key}`, ...common], heap, nodeOptions);
      if (cold.firstQueryHits !== size.hits[queries[0]!]) throw new Error(`the snapshot answered “${queries[0]}” with ${cold.firstQueryHits} hits, the built library with ${size.hits[queries[0]!]}`);
      rows.push({ n, size, cold });
      progress(`${n}: done`);
    } finally {
      rmSync(snapshotPath, { force: true });
    }
  }
  const run = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', seed, queries: queries.length, rounds, nodeOptions: nodeOptions.join(' '), machine: info, seconds: Math.round((performance.now() - started) / 1000) };
  const md = markdown(run, rows);
  mkdirSync(RESULTS, { recursive: true });
  const name = quick ? 'quick' : 'latest';
  writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify({ ...run, results: rows }, null, 2)}\n`);
  writeFileSync(join(RESULTS, `${name}.md`), md);
  process.stdout.write(md);
  progress(`finished in ${run.seconds} s; wrote bench/results/${name}.md and ${name}.json`);
}

if (process.argv[1] !== undefined && SELF === resolve(process.argv[1])) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
