/** Pure formatting of a chat's digest: articles grouped by subscription, with buttons for the full text. */
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Article } from '../../corpus/types.ts';
import { escapeHtml } from '../html.ts';
import { displayDate, titleOf } from './common.ts';
import type { Subscription } from '../../store/types.ts';

export interface DigestGroup {
  subscription: Subscription;
  articles: Article[];
  /** Matching articles left out of the list. */
  overflow?: number;
}

/** A subscription as the user sees it: 「疫情防控」 for a topic, “冷链” for keywords. */
export function subscriptionLabel(sub: Pick<Subscription, 'kind' | 'value'>): string {
  return sub.kind === 'topic' ? `「${sub.value}」` : `“${sub.value}”`;
}

/** The first sentence of an article, cut to `max` characters. */
export function lead(article: Article, max = 60): string {
  const text = article.body.split('\n')[0] ?? '';
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** One message section per subscription; returns the HTML and one button per article (at most 8 buttons). */
export function formatDigest(groups: DigestGroup[]): { html: string; buttons: InlineKeyboardButton[][] } {
  const total = groups.reduce((n, g) => n + g.articles.length + (g.overflow ?? 0), 0);
  const sections = groups.map((g) => {
    const items = g.articles.map((a) => `• <b>${escapeHtml(titleOf(a))}</b>\n${escapeHtml(displayDate(a))} · /article_${a.id}\n${escapeHtml(lead(a))}`);
    const more = g.overflow ? `\n…还有 ${g.overflow} 篇，可用搜索或 /topic 查看` : '';
    const count = g.articles.length + (g.overflow ?? 0);
    return `📌 ${escapeHtml(subscriptionLabel(g.subscription))}（${count} 篇）\n${items.join('\n')}${more}`;
  });
  const seen = new Set<string>();
  const articles = groups.flatMap((g) => g.articles).filter((a) => !seen.has(a.id) && seen.add(a.id));
  const buttons = articles.slice(0, 8).map((a) => ({ text: `📄 ${[...a.title].slice(0, 14).join('')}`, callback_data: `a:${a.id}` }));
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { html: [`🗞 订阅摘要：${total} 篇新文章`, ...sections].join('\n\n'), buttons: rows };
}
