/** `npm run -s corpus -- [--json] [--seeds DIR]`: the parsed articles, as JSON or as a readable summary. */
import 'dotenv/config';
import { loadCorpus } from '../corpus/load.ts';
import { parseArgs } from 'node:util';

let flags: { json?: boolean; seeds?: string };
try {
  flags = parseArgs({ args: process.argv.slice(2), options: { json: { type: 'boolean' }, seeds: { type: 'string' } } }).values;
} catch (err) {
  process.stderr.write(`${(err as Error).message}\nusage: npm run -s corpus -- [--json] [--seeds DIR]\n`);
  process.exit(2);
}
const dir = flags.seeds ?? process.env.SEEDS_DIR ?? './seeds';
const corpus = loadCorpus(dir);
for (const w of corpus.warnings) process.stderr.write(`warning: ${w.source} ${w.message}\n`);

if (flags.json) {
  process.stdout.write(`${JSON.stringify(corpus.articles, null, 2)}\n`);
} else {
  const out: string[] = [`${corpus.pages.length} pages, ${corpus.articles.length} articles (${dir})`];
  for (const page of corpus.pages) {
    out.push('', `${page.source} — published ${page.published ?? 'unknown'}, ${page.articles.length} articles`);
    for (const a of page.articles) {
      const who = a.reporters.length ? ` (${a.reporters.join('、')})` : '';
      out.push(`  ${a.date ?? '----------'}  ${a.title}${who}  [${a.id}]`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
