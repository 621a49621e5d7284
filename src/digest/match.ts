/** Which new articles a subscription wants: a topic's articles, or those that print every keyword. */
import type { Article } from '../corpus/types.ts';
import { queryWords } from '../search/index.ts';
import type { Subscription } from '../store/types.ts';

export interface MatchContext {
  article(id: string): Article | undefined;
  topicsOf(id: string): string[];
  aliasOf(word: string): string | undefined;
}

/** True when the article prints every word of the query (a variant spelling counts for its name). */
export function printsAll(article: Article, query: string, aliasOf: MatchContext['aliasOf']): boolean {
  const text = `${article.title}${article.subtitle ?? ''}${article.body}`.toLowerCase();
  const words = queryWords(query);
  return words.length > 0 && words.every((w) => text.includes(w.toLowerCase()) || (aliasOf(w) !== undefined && text.includes(aliasOf(w)!)));
}

/** The ids among `candidates` that a subscription wants, newest first. */
export function matchSubscription(sub: Pick<Subscription, 'kind' | 'value'>, candidates: string[], ctx: MatchContext): Article[] {
  const out: Article[] = [];
  for (const id of candidates) {
    const a = ctx.article(id);
    if (!a) continue;
    const wanted = sub.kind === 'topic' ? ctx.topicsOf(id).includes(sub.value) : printsAll(a, sub.value, ctx.aliasOf);
    if (wanted) out.push(a);
  }
  return out.sort((x, y) => (y.date ?? '').localeCompare(x.date ?? ''));
}
