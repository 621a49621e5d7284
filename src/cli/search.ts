/**
 * `npm run -s search -- [--json] [--stdin] [--seeds DIR] [--db PATH] [--limit N] "<query>"`: searches the pages from
 * the command line, with the library from the bot's own snapshot (built and saved on the first run).
 */
import 'dotenv/config';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openLibrary, snapshotPathFor } from '../app/snapshot.ts';
import type { Library } from '../app/library.ts';
import type { Hit } from '../search/index.ts';

const USAGE = 'usage: npm run -s search -- [--json] [--stdin] [--seeds DIR] [--db PATH] [--limit N] "<query>"\n' +
  '  --json       print only a JSON array of the hits: [{id, title, date, source, score, match, excerpt}];\n' +
  '               match is full (prints every word) or partial, full ones first\n' +
  '  --stdin      read one query a line from standard input, print one JSON array a line, until input ends\n' +
  '  --seeds DIR  folder of pages (default: $SEEDS_DIR or ./seeds)\n' +
  '  --db PATH    the bot\'s database; its snapshot.json beside it is used and kept (default: $DATABASE_PATH or ./data/jznews.sqlite)\n' +
  '  --limit N    how many hits to show (default 10)\n';

/** Stops with the usage (and why) on stderr, exit code 2. */
function usage(problem?: string): never {
  process.stderr.write(`${problem ? `${problem}\n` : ''}${USAGE}`);
  process.exit(2);
}

/** What --json prints for a hit: the excerpt as plain text, the score to 3 decimals. */
function hitJson(hit: Hit): { id: string; title: string; date: string | null; source: string; score: number; match: Hit['match']; excerpt: string } {
  return { id: hit.id, title: hit.title, date: hit.date, source: hit.source, score: Math.round(hit.score * 1000) / 1000, match: hit.match, excerpt: hit.excerpt.text };
}

/** The excerpt for a terminal: marked words in bold when stdout is a terminal, else plain. */
function excerptText(hit: Hit, color: boolean): string {
  if (!color) return hit.excerpt.text;
  let out = '';
  let at = 0;
  for (const [s, e] of hit.excerpt.marks) {
    out += `${hit.excerpt.text.slice(at, s)}\x1b[1m${hit.excerpt.text.slice(s, e)}\x1b[0m`;
    at = e;
  }
  return out + hit.excerpt.text.slice(at);
}

/** The hits of one query as JSON; a correction is said on stderr, so stdout stays pure JSON. */
function jsonHits(library: Library, query: string, limit: number): ReturnType<typeof hitJson>[] {
  if (query.trim() === '') return [];
  const result = library.search(query, limit);
  for (const c of result.corrections) process.stderr.write(`没有“${c.from}”，按“${c.to}”查找\n`);
  return result.hits.map(hitJson);
}

function readable(library: Library, query: string, limit: number): string {
  const result = library.search(query, limit);
  if (result.hits.length === 0) {
    const tries = library.suggest(query);
    return `no articles found for "${query}"${tries.length > 0 ? `; try: ${tries.join(', ')}` : ''}`;
  }
  const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
  const out = result.corrections.map((c) => `没有“${c.from}”，按“${c.to}”查找`);
  out.push(`${result.hits.length} hit${result.hits.length === 1 ? '' : 's'} for "${query}" (words: ${result.words.join(' ')}) in ${library.stats().articles} articles`);
  for (const [i, hit] of result.hits.entries()) {
    if (hit.match === 'partial' && result.hits[i - 1]?.match !== 'partial') out.push('', '-- partial matches (not every word) --');
    out.push('', `${String(i + 1).padStart(2)}. ${hit.title}`);
    out.push(`    ${hit.date ?? '----------'} · ${hit.source} · ${hit.id} · score ${hitJson(hit).score} · ${hit.covered}/${result.words.length} words`);
    out.push(`    ${excerptText(hit, color)}`);
  }
  return out.join('\n');
}

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { json: { type: 'boolean' }, stdin: { type: 'boolean' }, help: { type: 'boolean' }, seeds: { type: 'string' }, db: { type: 'string' }, limit: { type: 'string' } },
  });
} catch (err) {
  usage((err as Error).message);
}
const { values: flags, positionals: words } = parsed;
if (flags.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const query = words.join(' ').trim();
if (query === '' && !flags.stdin) usage();
const limitFlag = flags.limit;
const limit = limitFlag === undefined ? 10 : Number(limitFlag);
if (!Number.isSafeInteger(limit) || limit < 1) usage(`--limit must be a whole number from 1, got '${String(limitFlag)}'`);
const dir = flags.seeds ?? (process.env.SEEDS_DIR?.trim() || './seeds');
const database = flags.db ?? (process.env.DATABASE_PATH?.trim() || './data/jznews.sqlite');

let library: Library;
try {
  const started = performance.now();
  const quiet = { info: () => {}, warn: (_: object, msg: string) => void process.stderr.write(`warning: ${msg}\n`) };
  const opened = await openLibrary(dir, snapshotPathFor(database), quiet);
  for (const w of opened.warnings) process.stderr.write(`warning: ${w.source} ${w.message}\n`);
  process.stderr.write(`library from ${opened.from} in ${Math.round(performance.now() - started)} ms\n`);
  library = opened.library;
} catch (err) {
  process.stderr.write(`cannot read the pages folder ${dir}: ${(err as Error).message}\n`);
  process.exit(2);
}

if (flags.stdin) {
  // One JSON line per query line, written (synchronously, on a pipe or file) as soon as it is answered.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) process.stdout.write(`${JSON.stringify(jsonHits(library, line, limit))}\n`);
} else if (flags.json) {
  process.stdout.write(`${JSON.stringify(jsonHits(library, query, limit), null, 2)}\n`);
} else {
  process.stdout.write(`${readable(library, query, limit)}\n`);
}
