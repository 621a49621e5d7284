/** `npx tsx bench/query-understanding.ts [--size N] [--rounds R]`: what reading a query costs (issue 17: ≤ 1 ms at p50), beside a whole search, on a synthetic archive. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLibrary } from '../src/app/library.ts';
import { parseQuery, type QueryContext } from '../src/search/query.ts';
import { isCorpusWord } from '../src/search/tokenize.ts';
import { loadSeedPool, synthArticles, toPages } from './synth.ts';

const { values } = parseArgs({ options: { size: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' } } });
const size = Number(values.size);
const rounds = Number(values.rounds);
if (!Number.isSafeInteger(size) || size < 1 || !Number.isSafeInteger(rounds) || rounds < 1) {
  process.stderr.write('usage: npx tsx bench/query-understanding.ts [--size N] [--rounds R] [--seed S]\n');
  process.exit(2);
}

/** Keyword queries over the seed pages' officials, places, topics and campaigns, as the dense archive recombines them. */
const KEYWORDS = [
  '吕沛', '宫卫红', '王家鹏', '官卫红', '杨楼村', '阳庙镇', '文昌街道', '疫情防控', '安全生产', '灾后重建',
  '万人助万企', '核酸检测', '诗词大会', '吕沛 疫情防控', '宫卫红 安全生产', '疫情 防控', '党工委 会议',
];
/** What people type (tests/fixtures/queries-kinds.json) and the keyword queries. */
const typed = (JSON.parse(readFileSync(new URL('../tests/fixtures/queries-kinds.json', import.meta.url), 'utf8')) as { queries: Array<{ q: string }> }).queries.map((x) => x.q);
const queries = [...new Set([...KEYWORDS, ...typed])];

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
/** p50 / p95 / p99 of `fn` over every query, `rounds` times, in ms. */
function timed(fn: (q: string) => unknown, over: string[]): string {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of over) {
      const t = performance.now();
      fn(q);
      samples.push(performance.now() - t);
    }
  }
  samples.sort((a, b) => a - b);
  return [0.5, 0.95, 0.99].map((p) => percentile(samples, p).toFixed(3)).join(' / ');
}

const t0 = performance.now();
const articles = synthArticles(loadSeedPool(), size, Number(values.seed));
const library = createLibrary({ pages: toPages(articles), articles });
process.stderr.write(`built ${size} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
// The context the index gives the query reader (src/search/index.ts).
const context: QueryContext = { aliasOf: (w) => library.aliasOf(w), isNameOrPlace: (w) => isCorpusWord(w) || library.aliasOf(w) !== undefined };
for (const q of queries) library.search(q, 5);
const rescued = queries.filter((q) => {
  const r = library.search(q, 1);
  return r.corrections.length > 0 || r.words.length !== parseQuery(q, context).words.length;
});

const lines = [
  `query understanding on ${size} synthetic articles, ${queries.length} queries × ${rounds} rounds; p50 / p95 / p99, ms`,
  `  read the query (parseQuery: normalise, numbers, names, questions, dates, intents, aliases): ${timed((q) => parseQuery(q, context), queries)}`,
  `  whole search with the first 5 hits and excerpts:                                     ${timed((q) => library.search(q, 5).hits.map((h) => h.excerpt.text), queries)}`,
  `  of which the ${rescued.length} queries read again (did-you-mean or a run split into words): ${rescued.length > 0 ? timed((q) => library.search(q, 5), rescued) : 'none'}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
