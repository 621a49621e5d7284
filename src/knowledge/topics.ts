/** The topic taxonomy (data/topics.json) and a classifier that weighs headline, frequency and length, one pass per article. */
import { byCode, mergeSorted } from './compare.ts';
import { deckText, type Article } from '../corpus/types.ts';
import taxonomy from './data/topics.json' with { type: 'json' };
import { compileMatcher, printedNames, type NameMatcher } from './matcher.ts';
import type { TopicDef, TopicEntry, TopicIndex } from './types.ts';

interface TopicFile {
  topics: Array<{ name: string; aliases: string[]; keywords: Record<string, number> }>;
}

/** Reads a taxonomy in the data file's shape: keywords longest first, so 疫情防控 is not also counted as 疫情. */
export function loadTopics(data: TopicFile = taxonomy as unknown as TopicFile): TopicDef[] {
  return data.topics.map((t) => ({
    name: t.name,
    aliases: [...t.aliases],
    keywords: Object.entries(t.keywords).map(([term, weight]) => ({ term, weight })).sort((a, b) => b.term.length - a.term.length),
  }));
}

export const TOPICS: readonly TopicDef[] = loadTopics();

/** Each topic's name with the words that stand for it, for query expansion (新冠 → 疫情防控). */
export function topicAliases(): Array<{ name: string; aliases: string[] }> {
  return TOPICS.map((t) => ({ name: t.name, aliases: [...t.aliases] }));
}

const TITLE_WEIGHT = 6;
/** An article belongs to a topic at or above this score. */
export const THRESHOLD = 3;
/** An article keeps at most this many topics, best first. */
export const MAX_TOPICS = 3;

/** Weighted and plain counts of non-overlapping keyword hits, longest first. */
function hits(text: string, keywords: TopicDef['keywords']): { score: number; count: number } {
  let rest = text;
  let score = 0;
  let count = 0;
  for (const { term, weight } of keywords) {
    if (!rest.includes(term)) continue;
    const parts = rest.split(term);
    score += (parts.length - 1) * weight;
    count += parts.length - 1;
    rest = parts.join('\u0000');
  }
  return { score, count };
}

const tables = new WeakMap<readonly TopicDef[], NameMatcher>();

/** The taxonomy's keywords compiled once into one matcher. */
function tableOf(topics: readonly TopicDef[]): NameMatcher {
  let table = tables.get(topics);
  if (!table) tables.set(topics, (table = compileMatcher(topics.flatMap((t) => t.keywords.map((k) => k.term)))));
  return table;
}

/** Scores one topic: headline hits weigh most (deck lines half as much); body hits are a density per 200 characters; a lone body hit counts half. */
export function scoreTopic(article: Article, t: TopicDef, printed?: ReadonlySet<string>): number {
  const keywords = printed ? t.keywords.filter((k) => printed.has(k.term)) : t.keywords;
  if (keywords.length === 0) return 0;
  const title = hits(article.title, keywords);
  const deck = hits(deckText(article), keywords);
  const body = hits(article.body, keywords);
  const head = (title.score * TITLE_WEIGHT + deck.score * (TITLE_WEIGHT / 2)) / Math.max(1, article.title.length / 20);
  const density = body.score / Math.max(1, article.body.length / 200);
  return head + (head === 0 && body.count === 1 ? density / 2 : density);
}

/** The topics an article is really about, best first. */
export function classify(article: Article, topics: readonly TopicDef[] = TOPICS): Array<{ topic: string; score: number }> {
  // A keyword printed nowhere in the article adds nothing to any score: each topic weighs only those printed.
  const printed = printedNames(tableOf(topics), `${article.title}\n${deckText(article)}\n${article.body}`);
  return topics.map((t) => ({ topic: t.name, score: Math.round(scoreTopic(article, t, printed) * 100) / 100 }))
    .filter((s) => s.score >= THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_TOPICS);
}

/** Resolves a user's word to a topic: name, alias, part of either, or a keyword (疫情 → 疫情防控, 环保 → 生态环保). */
export function matchTopic(word: string): TopicDef | null {
  const w = word.trim();
  if (w === '') return null;
  return TOPICS.find((t) => t.name === w)
    ?? TOPICS.find((t) => t.aliases.includes(w))
    ?? TOPICS.find((t) => t.name.includes(w) || t.aliases.some((a) => a.includes(w)))
    ?? TOPICS.find((t) => t.keywords.some((x) => x.term === w))
    ?? null;
}

/** The topic a user's word names, with its articles (none yet: count 0); null when the word names no topic. */
export function findTopic(index: TopicIndex, word: string): TopicEntry | null {
  const t = matchTopic(word);
  return t ? (index.topics.find((x) => x.name === t.name) ?? { name: t.name, count: 0, articleIds: [] }) : null;
}

/** An article's topics, best first. */
export const topicsOf = (index: TopicIndex, articleId: string): string[] => index.of[articleId] ?? [];

const dateKey = (a: Article): string => a.date ?? a.published ?? '';

/** The topic index with `fresh` articles classified and added (each article once), each topic's list kept newest first; `of` only gains keys, like the directory's byArticle. */
export function addToTopics(index: TopicIndex, fresh: readonly Article[], dateOf: (id: string) => string = () => ''): TopicIndex {
  const of = index.of;
  const add = new Map<string, Article[]>();
  for (const a of fresh) {
    if (of[a.id]) continue;
    const topics = classify(a).map((c) => c.topic);
    if (topics.length === 0) continue;
    of[a.id] = topics;
    for (const t of topics) {
      const list = add.get(t);
      if (list) list.push(a);
      else add.set(t, [a]);
    }
  }
  if (add.size === 0) return index;
  const entries = new Map(index.topics.map((t) => [t.name, t]));
  for (const [name, articles] of add) {
    const held = entries.get(name)?.articleIds ?? [];
    const freshIds = [...articles].sort((x, y) => byCode(dateKey(y), dateKey(x))).map((a) => a.id);
    const freshDate = new Map(articles.map((a) => [a.id, dateKey(a)]));
    const key = (id: string): string => freshDate.get(id) ?? dateOf(id);
    const articleIds = mergeSorted(held, freshIds, (x, y) => byCode(key(y), key(x)));
    entries.set(name, { name, count: articleIds.length, articleIds });
  }
  return { topics: [...entries.values()].sort(byCount), of };
}

const TOPIC_ORDER = new Map(TOPICS.map((t, i) => [t.name, i]));
/** Most articles first, then in the taxonomy's order. */
const byCount = (a: TopicEntry, b: TopicEntry): number => b.count - a.count || TOPIC_ORDER.get(a.name)! - TOPIC_ORDER.get(b.name)!;

/** The topic index without the articles `gone`: taken out of their topics' lists, a topic left with none dropped. */
export function removeFromTopics(index: TopicIndex, gone: ReadonlySet<string>): TopicIndex {
  const of: Record<string, string[]> = { ...index.of };
  const touched = new Set<string>();
  for (const id of gone) {
    for (const t of of[id] ?? []) touched.add(t);
    delete of[id];
  }
  if (touched.size === 0) return index;
  const topics = index.topics.flatMap((t) => {
    if (!touched.has(t.name)) return [t];
    const articleIds = t.articleIds.filter((id) => !gone.has(id));
    return articleIds.length > 0 ? [{ name: t.name, count: articleIds.length, articleIds }] : [];
  });
  return { topics: topics.sort(byCount), of };
}

/** Classifies every article once and indexes articles by topic, newest first. */
export function buildTopicIndex(articles: readonly Article[]): TopicIndex {
  return addToTopics({ topics: [], of: {} }, articles);
}
