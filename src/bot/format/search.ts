/** Pure formatting of search results as Telegram HTML with paging buttons. */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Hit, SearchResult } from '../../search/index.ts';
import type { Excerpt } from '../../search/excerpt.ts';
import { escapeHtml } from '../html.ts';
import { articleRef, displayDate, titleOf } from './common.ts';

export const PAGE_SIZE = 5;

/** "000_1ae64c17c2bdf7f5.txt" → "000_1ae64c17c2bdf7f5": the page a hit is printed on. */
export function pageName(source: string): string {
  return source.replace(/\.txt$/i, '');
}

/** One hit: number, bold title, date · page · tappable id, then the excerpt. */
export function formatHit(hit: Hit, n: number): string {
  const meta = [displayDate(hit), pageName(hit.source), articleRef(hit.id)].join(' · ');
  return `${n}. <b>${escapeHtml(titleOf(hit))}</b>\n${escapeHtml(meta)}\n${excerptHtml(hit.excerpt)}`;
}

/** The reply for one page of results (`result.hits` made from the first hit through that page at least); `key` names the cached query in the buttons. */
export function formatResults(result: SearchResult, page: number, key: string): { html: string; keyboard?: InlineKeyboardMarkup } {
  const total = result.ids.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const at = Math.min(Math.max(page, 0), pages - 1);
  const shown = result.hits.slice(at * PAGE_SIZE, at * PAGE_SIZE + PAGE_SIZE);
  const query = escapeHtml(shortQuery(result.query));
  const full = result.full;
  const counts = full === total ? `共 ${full} 篇`
    : full === 0 ? `没有文章含全部关键词，${total} 篇部分匹配` : `${full} 篇含全部关键词，${total - full} 篇部分匹配`;
  const understood = understoodLine(result);
  const head = [
    ...(result.corrections ?? []).map((c) => correctionLine(c.from, c.to)),
    `🔎 “${query}” ${counts}${pages > 1 ? `，第 ${at + 1}/${pages} 页` : ''}`,
    ...(understood ? [understood] : []),
  ].join('\n');
  const body = shown.map((hit, i) => {
    const text = formatHit(hit, at * PAGE_SIZE + i + 1);
    const firstPartial = hit.match === 'partial' && (i === 0 ? at * PAGE_SIZE === 0 || result.hits[at * PAGE_SIZE - 1]?.match === 'full' : shown[i - 1]!.match === 'full');
    return firstPartial ? `${PARTIAL_LABEL}\n${text}` : text;
  });
  const read: InlineKeyboardButton[] = shown.map((hit, i) => ({ text: `📄 ${at * PAGE_SIZE + i + 1}`, callback_data: `a:${hit.id}` }));
  const nav: InlineKeyboardButton[] = [];
  if (at > 0) nav.push({ text: '« 上一页', callback_data: `s:${key}:${at - 1}` });
  if (at < pages - 1) nav.push({ text: '下一页 »', callback_data: `s:${key}:${at + 1}` });
  const rows = [read, nav].filter((row) => row.length > 0);
  return { html: [head, ...body].join('\n\n'), ...(rows.length > 0 ? { keyboard: { inline_keyboard: rows } } : {}) };
}

/** What the query was read as beyond its words: the months kept, a meetings or role question. */
export function understoodLine(result: Pick<SearchResult, 'date' | 'intent'>): string | null {
  const parts: string[] = [];
  if (result.date) parts.push(`只看${escapeHtml(result.date.text)}的文章`);
  if (result.intent?.kind === 'meetings') parts.push('会议报道，最新的在前');
  if (result.intent?.kind === 'role') parts.push(`${escapeHtml(result.intent.name)}${ROLE_PHRASE[result.intent.role] ?? escapeHtml(result.intent.role)}的报道在前`);
  return parts.length > 0 ? `<i>${parts.join('；')}</i>` : null;
}

/** How a role reads after a name: 吕沛调研 / 讲话 / 主持会议 / 出席. */
const ROLE_PHRASE: Record<string, string> = { 调研: '调研', 讲话: '讲话', 主持: '主持会议', 出席: '出席' };

/** Heads the partial matches: articles that print only some of the words. */
export const PARTIAL_LABEL = '<i>部分匹配（不含全部关键词）：</i>';

/** "没有“杨搂村”，按“杨楼村”查找": a word printed nowhere, searched as the printed form one character away. */
export function correctionLine(from: string, to: string): string {
  return `没有“${escapeHtml(from)}”，按“${escapeHtml(to)}”查找`;
}

/** The reply when nothing matched, with nearby terms to try. */
export function formatNoHits(query: string, suggestions: string[]): string {
  const lines = [`没有找到与“${escapeHtml(shortQuery(query))}”相关的文章。`];
  if (suggestions.length > 0) lines.push(`可以试试：${suggestions.map((s) => `<code>${escapeHtml(s)}</code>`).join('、')}`);
  else lines.push('换个关键词试试，比如地名、人名或“疫情防控”。');
  return lines.join('\n');
}

/** A query as echoed back: one line, at most 40 characters. */
export function shortQuery(query: string): string {
  const chars = [...query.replace(/\s+/g, ' ').trim()];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
}

/** An excerpt as Telegram HTML, the marked words in bold. */
export function excerptHtml(ex: Excerpt): string {
  let out = '';
  let at = 0;
  for (const [s, e] of ex.marks) {
    out += `${escapeHtml(ex.text.slice(at, s))}<b>${escapeHtml(ex.text.slice(s, e))}</b>`;
    at = e;
  }
  return out + escapeHtml(ex.text.slice(at));
}
