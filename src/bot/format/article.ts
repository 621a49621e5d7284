/** Pure formatting of articles and help as Telegram HTML. */
import type { Article } from '../../corpus/types.ts';
import { escapeHtml } from '../html.ts';
import { bylineOf, clip, DERIVED_MARK, displayDate } from './common.ts';

/** The most characters of a kicker, title or subtitle atop the whole article. */
export const ARTICLE_HEAD_CHARS = 200;

/** "2020-11-10 · 004_x.txt · 记者 郭树勋 · 摄影 万千 · 通讯员 张三": date, source and bylines, leaving out what is missing. */
export function articleMeta(article: Article): string {
  return [displayDate(article), article.source, bylineOf(article)].filter((p) => p !== '').join(' · ');
}

/** The whole article: the kicker above, the bold headline (or the derived title, marked), the deck on its own line, the meta line, then one paragraph per body line. */
export function formatArticle(article: Article): string {
  const head: string[] = [];
  if (article.kicker) head.push(escapeHtml(clip(article.kicker, ARTICLE_HEAD_CHARS)));
  head.push(`<b>${escapeHtml(clip(article.title, ARTICLE_HEAD_CHARS))}</b>${article.titleSource === 'derived' ? ` ${DERIVED_MARK}` : ''}`);
  if (article.subtitle) head.push(`<i>${escapeHtml(clip(article.subtitle, ARTICLE_HEAD_CHARS))}</i>`);
  head.push(escapeHtml(articleMeta(article)));
  const paragraphs = article.body.split('\n').map((p) => p.trim()).filter((p) => p !== '').map(escapeHtml);
  return [head.join('\n'), ...paragraphs].join('\n\n');
}

/** The reply for an id that matches no article (the id is cut and escaped). */
export function formatUnknownArticle(id: string): string {
  const shown = clip(id, 41);
  return `没有找到编号为 <code>${escapeHtml(shown)}</code> 的文章。请核对编号，编号见搜索结果。`;
}

/** The reply for /article without an id. */
export const ARTICLE_USAGE = '请在命令后写上文章编号：<code>/article 编号</code>。编号见搜索结果。';
