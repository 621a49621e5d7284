/** The field's standard baseline: a character-bigram index, as Lucene's CJK analyzer builds. */
import MiniSearch from 'minisearch';
import { deckText, type Article } from '../../src/corpus/types.ts';
import { queryWords } from '../../src/search/index.ts';

/** Overlapping character bigrams of each Chinese run; Latin words and digits stay whole. */
export function bigramTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of text.normalize('NFKC').toLowerCase().match(/\p{Script=Han}+|[a-z0-9]+/gu) ?? []) {
    const chars = [...run];
    if (!/\p{Script=Han}/u.test(run) || chars.length === 1) out.push(run);
    else for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** A bigram index over the same fields and boosts as the jieba index. */
export function buildBigramIndex(articles: Article[]): { search: (query: string) => string[] } {
  const mini = new MiniSearch<{ id: string; title: string; subtitle: string; body: string; date: string }>({
    fields: ['title', 'subtitle', 'body'],
    storeFields: ['date'],
    tokenize: bigramTokens,
    processTerm: (t) => t,
    searchOptions: { boost: { title: 4, subtitle: 2 }, combineWith: 'OR' },
  });
  mini.addAll(articles.map((a) => ({ id: a.id, title: a.title, subtitle: deckText(a), body: a.body, date: a.date ?? '' })));
  return {
    search: (query) => mini.search(queryWords(query).join(' ')).map((r) => String(r.id)),
  };
}
