/** Pure formatting of subscription replies. */
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Article } from '../../corpus/types.ts';
import { subscriptionLabel } from './digest.ts';
import type { Subscription } from '../../store/types.ts';
import { escapeHtml } from '../html.ts';
import { articleRef, displayDate, titleOf } from './common.ts';

/** "2026-11-28 08:00（Asia/Shanghai）" for the next digest. */
export function formatWhen(date: Date | null, timezone: string): string {
  if (!date) return '未安排';
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(date);
  return `${parts}（${timezone}）`;
}

/** The confirmation of a new subscription, with the latest matching articles as a taste. */
export function formatSubscribed(sub: Pick<Subscription, 'kind' | 'value'>, latest: Article[], next: string): string {
  const lines = [`✅ 已订阅 ${escapeHtml(subscriptionLabel(sub))}。下次摘要：${escapeHtml(next)}`];
  if (latest.length > 0) {
    lines.push('', '最近的相关报道：');
    for (const a of latest) lines.push(`• ${escapeHtml(displayDate(a))} ${escapeHtml(titleOf(a))} ${articleRef(a.id)}`);
  } else lines.push('', '目前还没有相关报道，有新文章时会推送给你。');
  return lines.join('\n');
}

/** The list of a chat's subscriptions and when the next digest goes out. */
export function formatSubscriptions(subs: Subscription[], next: string, limit: number): string {
  if (subs.length === 0) return '还没有订阅。发送 <code>/subscribe 疫情防控</code> 订阅专题，或 <code>/subscribe 关键词</code> 订阅关键词。';
  const rows = subs.map((s, i) => `${i + 1}. ${escapeHtml(subscriptionLabel(s))}`);
  return [`<b>我的订阅</b>（${subs.length}/${limit}）`, ...rows, '', `下次摘要：${escapeHtml(next)}`, '取消订阅：/unsubscribe'].join('\n');
}

/** Topic buttons for /subscribe without an argument, two to a row. */
export function topicButtons(names: string[], prefix: string): InlineKeyboardButton[][] {
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < names.length; i += 2) rows.push(names.slice(i, i + 2).map((name) => ({ text: name, callback_data: `${prefix}${name}` })));
  return rows;
}
