/** `npm run -s search -- [--json] [--seeds DIR] [--limit N] "<query>"`: searches the pages from the command line. */
import 'dotenv/config';
import { loadCorpus } from '../corpus/load.ts';
import type { Corpus } from '../corpus/load.ts';
import { createLibrary } from '../app/library.ts';
import type { Hit } from '../search/index.ts';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run -s search -- [--json] [--seeds DIR] [--limit N] "<query>"\n' +
  '  --json       print only a JSON array of the hits: [{id, title, date, source, score, match, excerpt}];\n' +
  '               match is full (prints every word) or partial, full ones first\n' +
  '  --seeds DIR  folder of pages (default: $SEEDS_DIR or ./seeds)\n' +
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

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean' }, seeds: { type: 'string' }, limit: { type: 'string' } },
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
if (query === '') usage();
const limitFlag = flags.limit;
const limit = limitFlag === undefined ? 10 : Number(limitFlag);
if (!Number.isSafeInteger(limit) || limit < 1) usage(`--limit must be a whole number from 1, got '${String(limitFlag)}'`);
const dir = flags.seeds ?? (process.env.SEEDS_DIR?.trim() || './seeds');

let corpus: Corpus;
try {
  corpus = loadCorpus(dir);
} catch (err) {
  process.stderr.write(`cannot read the pages folder ${dir}: ${(err as Error).message}\n`);
  process.exit(2);
}
for (const w of corpus.warnings) process.stderr.write(`warning: ${w.source} ${w.message}\n`);

const library = createLibrary(corpus);
const result = library.search(query, limit);

if (flags.json) {
  // stdout stays pure JSON; a correction is said on stderr.
  for (const c of result.corrections) process.stderr.write(`没有“${c.from}”，按“${c.to}”查找\n`);
  process.stdout.write(`${JSON.stringify(result.hits.map(hitJson), null, 2)}\n`);
} else if (result.hits.length === 0) {
  const tries = library.suggest(query);
  process.stdout.write(`no articles found for "${query}"${tries.length > 0 ? `; try: ${tries.join(', ')}` : ''}\n`);
} else {
  const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
  const out = result.corrections.map((c) => `没有“${c.from}”，按“${c.to}”查找`);
  out.push(`${result.hits.length} hit${result.hits.length === 1 ? '' : 's'} for "${query}" (words: ${result.words.join(' ')}) in ${corpus.articles.length} articles`);
  for (const [i, hit] of result.hits.entries()) {
    if (hit.match === 'partial' && result.hits[i - 1]?.match !== 'partial') out.push('', '-- partial matches (not every word) --');
    out.push('', `${String(i + 1).padStart(2)}. ${hit.title}`);
    out.push(`    ${hit.date ?? '----------'} · ${hit.source} · ${hit.id} · score ${hitJson(hit).score} · ${hit.covered}/${result.words.length} words`);
    out.push(`    ${excerptText(hit, color)}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
