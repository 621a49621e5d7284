/** Entry point: for now, a summary of the parsed corpus. */
import 'dotenv/config';
import { loadCorpus } from './corpus/load.ts';

const dir = process.env.SEEDS_DIR ?? './seeds';
const corpus = loadCorpus(dir);
for (const w of corpus.warnings) process.stderr.write(`warning: ${w.source} ${w.message}\n`);
process.stdout.write(`jznews: ${corpus.pages.length} pages, ${corpus.articles.length} articles from ${dir}\n`);
