/** `npm run -s corpus -- [--json] [--seeds DIR]`: the parsed articles, as JSON or as a readable summary. */
import 'dotenv/config';
import { loadCorpus } from '../corpus/load.ts';
import { parseArgs } from './args.ts';

const { flags } = parseArgs(process.argv.slice(2), ['json']);
const dir = String(flags.get('seeds') ?? process.env.SEEDS_DIR ?? './seeds');
const corpus = loadCorpus(dir);
for (const w of corpus.warnings) process.stderr.write(`warning: ${w.source} ${w.message}\n`);

if (flags.get('json')) {
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
