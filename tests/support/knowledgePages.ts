/** The seed pages plus the invented knowledge pages (tests/fixtures/knowledge), parsed by the real parser. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parsePage } from '../../src/corpus/parse.ts';
import type { Article } from '../../src/corpus/types.ts';

const DIR = 'tests/fixtures/knowledge';

/** The invented pages' articles; each page is dated by the YYYY-MM-DD prefix of its file name. */
export function inventedArticles(): Article[] {
  return readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort().flatMap((f) =>
    parsePage({ source: f, text: readFileSync(join(DIR, f), 'utf8'), published: f.slice(0, 10) }));
}

export const seedArticles = (): Article[] => loadCorpus('seeds').articles;

/** An article found by a phrase of its body (ids are hashes; phrases say what is meant). */
export function byPhrase(articles: readonly Article[], phrase: string): Article {
  const a = articles.find((x) => x.body.replace(/\s+/g, '').includes(phrase));
  if (!a) throw new Error(`no article prints ${phrase}`);
  return a;
}
