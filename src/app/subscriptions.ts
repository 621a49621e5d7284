/** What a subscription stands for, decided once for /subscribe, /trend and digests: a topic's articles, or those printing every keyword. */
import { deckText, type Article } from '../corpus/types.ts';
import { findTopic, matchTopic } from '../knowledge/topics.ts';
import { queryWords } from '../search/index.ts';
import type { SubscriptionKind } from '../store/types.ts';
import type { Library } from './library.ts';

/** A topic by name, or keywords. */
export interface Wanted {
  kind: SubscriptionKind;
  value: string;
}

/** What the library must answer to match subscriptions. */
export type MatchLibrary = Pick<Library, 'article' | 'topicsOf' | 'aliasOf'>;

/** What the user asked for: a topic when the words are a topic's name or alias, else keywords (冷链 stays keywords). */
export function interpretWanted(text: string): Wanted {
  const topic = matchTopic(text);
  const named = topic && (topic.name === text || topic.aliases.includes(text) || topic.name.includes(text));
  return named ? { kind: 'topic', value: topic.name } : { kind: 'query', value: text };
}

/** True when the article prints every word of the query (a variant spelling counts for its name). */
export function printsAll(article: Article, query: string, aliasOf: MatchLibrary['aliasOf']): boolean {
  const text = `${article.title}${deckText(article)}${article.body}`.toLowerCase();
  const words = queryWords(query);
  return words.length > 0 && words.every((w) => {
    const alias = aliasOf(w);
    return text.includes(w.toLowerCase()) || (alias !== undefined && text.includes(alias));
  });
}

/** True when a subscription wants the article. */
export function wants(library: MatchLibrary, sub: Wanted, article: Article): boolean {
  return sub.kind === 'topic' ? library.topicsOf(article.id).includes(sub.value) : printsAll(article, sub.value, library.aliasOf);
}

/** The day an article is filed under: its dateline, else its page's publication date. */
const filedOn = (a: Article): string => a.date ?? a.published ?? '';

/** The articles among `ids` that a subscription wants, newest first. */
export function matchAmong(library: MatchLibrary, sub: Wanted, ids: Iterable<string>): Article[] {
  const out: Article[] = [];
  for (const id of ids) {
    const a = library.article(id);
    if (a && wants(library, sub, a)) out.push(a);
  }
  return out.sort((x, y) => filedOn(y).localeCompare(filedOn(x)));
}

/** Every article in the library a subscription wants, newest first (the candidates come from the topic or the search index). */
export function matchingArticles(library: MatchLibrary & Pick<Library, 'topics' | 'search'>, sub: Wanted): Article[] {
  const ids = sub.kind === 'topic' ? findTopic(library.topics(), sub.value)?.articleIds ?? [] : library.search(sub.value, 0).ids;
  return matchAmong(library, sub, ids);
}
