/** The small pieces every formatter shares: how a date, an article link, a clipped text and a page of a list are shown. */
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Article } from '../../corpus/types.ts';

/** The most characters of a title shown anywhere (a headline printed into its body can be thousands). */
export const MAX_TITLE_CHARS = 60;

/** Cuts text to at most `max` characters (code points), whitespace folded, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('')}…` : chars.join('');
}

/** Marks a title the paper did not print (derived from the lead), wherever it is shown. */
export const DERIVED_MARK = '〔导语〕';

/** An article's title as shown in lists and cards: clipped to MAX_TITLE_CHARS, a derived one marked. */
export function titleOf(article: Pick<Article, 'title'> & { titleSource?: Article['titleSource'] }, max = MAX_TITLE_CHARS): string {
  return article.titleSource === 'derived' ? `${DERIVED_MARK}${clip(article.title, max - DERIVED_MARK.length)}` : clip(article.title, max);
}

/** Who an article is by: "记者 X · 摄影 Y · 通讯员 Z"; a photographer is never shown as a reporter. */
export function bylineOf(article: Pick<Article, 'reporters' | 'correspondents' | 'photographers'>): string {
  const photographers = article.photographers ?? [];
  const reporters = article.reporters.filter((name) => !photographers.includes(name));
  const parts: string[] = [];
  if (reporters.length > 0) parts.push(`记者 ${reporters.join('、')}`);
  if (photographers.length > 0) parts.push(`摄影 ${photographers.join('、')}`);
  if (article.correspondents.length > 0) parts.push(`通讯员 ${article.correspondents.join('、')}`);
  return parts.join(' · ');
}

/** The date a reader sees, the one rule everywhere: the dateline's day, else "见报 <publication day>", else 日期不详. */
export function displayDate(article: { date: string | null; published?: string | null } | undefined): string {
  if (article?.date) return article.date;
  return article?.published ? `见报 ${article.published}` : '日期不详';
}

/** The tappable command that opens an article. */
export const articleRef = (id: string): string => `/article_${id}`;

/** One page of a list, 1-based: the page asked for is clamped to the pages there are. */
export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/** Cuts page `page` (1-based, clamped) of `size` items out of a list. */
export function paginate<T>(items: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  return { items: items.slice((at - 1) * size, at * size), page: at, pages };
}

/** "« 上一页" and "下一页 »" buttons whose data is `${prefix}${page}`; none for a single page. */
export function pagerButtons(prefix: string, page: number, pages: number): InlineKeyboardButton[][] {
  if (pages <= 1) return [];
  const row: InlineKeyboardButton[] = [];
  if (page > 1) row.push({ text: '« 上一页', callback_data: `${prefix}${page - 1}` });
  if (page < pages) row.push({ text: '下一页 »', callback_data: `${prefix}${page + 1}` });
  return [row];
}
