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

/** An article's title as shown in lists and cards: clipped to MAX_TITLE_CHARS. */
export const titleOf = (article: Pick<Article, 'title'>, max = MAX_TITLE_CHARS): string => clip(article.title, max);

/** The date a reader sees: the dateline's day, else "见报 <publication day>", else 日期不详. */
export function displayDate(article: Pick<Article, 'date' | 'published'> | undefined): string {
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
