/** Inline mode: "@bot 疫情防控" in any chat offers articles as cards; "@bot who 吕沛" offers an official's card. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import type { InlineQueryResultArticle } from 'telegraf/types';
import type { Article } from '../../corpus/types.ts';
import { excerpt, type Excerpt } from '../../search/excerpt.ts';
import { excerptHtml } from '../format/search.ts';
import type { BotDeps } from '../context.ts';
import { escapeHtml, splitMessage } from '../html.ts';
import { formatWho } from '../format/knowledge.ts';
import { pageName } from '../format/search.ts';
import { MAX_TITLE_CHARS, clip, displayDate, titleOf } from '../format/common.ts';
import { resolvePerson } from '../../knowledge/resolve.ts';

/** Results per answer, and the most ever offered for one query (Telegram allows 50 per answer). */
export const INLINE_PAGE = 20;
export const INLINE_MAX = 50;

/** The card an inline result posts: title, date and page, the excerpt, and how to get the full text. */
export function inlineCard(article: Article, ex: Excerpt, botUsername: string): string {
  return [
    `<b>${escapeHtml(titleOf(article))}</b>`,
    escapeHtml(`${displayDate(article)} · ${pageName(article.source)}`),
    excerptHtml(ex),
    `全文：向 @${escapeHtml(botUsername)} 发送 <code>/article ${article.id}</code>`,
  ].join('\n');
}

/** One inline result for an article. */
export function inlineResult(article: Article, ex: Excerpt, botUsername: string): InlineQueryResultArticle {
  return {
    type: 'article',
    id: article.id,
    title: titleOf(article),
    description: clip(`${displayDate(article)} ${ex.text}`, 120),
    input_message_content: { message_text: inlineCard(article, ex, botUsername), parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
  };
}

/** The inline query handler. */
export function inlineFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.on('inline_query', async (ctx) => {
    const query = clip(ctx.inlineQuery.query, 100).replace(/…$/, '');
    const offset = Math.min(Math.max(0, Number.parseInt(ctx.inlineQuery.offset, 10) || 0), INLINE_MAX);
    const me = ctx.botInfo.username;
    const who = /^(?:who|谁|\/who)\s+(.+)$/i.exec(query);
    if (who) {
      const name = who[1]!.trim();
      const r = resolvePerson(deps.library.directory(), name);
      const person = r.kind === 'exact' || r.kind === 'variant' || r.kind === 'partial' ? r.person : null;
      const card = formatWho(r, { query: name, article: (id) => deps.library.article(id) });
      const result: InlineQueryResultArticle = {
        type: 'article',
        id: `who-${person?.name ?? 'none'}`.slice(0, 64),
        title: clip(person ? `${person.name} ${person.titles[0]?.title ?? ''}` : `没有找到人物“${name}”`, MAX_TITLE_CHARS),
        description: person ? `见报 ${person.articleIds.length} 篇` : '查看相近的名字',
        // A card for someone seen in hundreds of articles can outgrow one message: its first message's worth is posted.
        input_message_content: { message_text: splitMessage(card)[0] ?? card, parse_mode: 'HTML' },
      };
      return void (await ctx.answerInlineQuery(offset === 0 ? [result] : [], { cache_time: 60 }));
    }
    const articles = query === ''
      ? [...deps.library.articles()].sort((x, y) => (y.date ?? y.published ?? '').localeCompare(x.date ?? x.published ?? '')).slice(0, INLINE_MAX).map((a) => ({ a, ex: excerpt(a.body, []) }))
      : deps.library.search(query, INLINE_MAX).hits.map((h) => ({ a: deps.library.article(h.id)!, ex: h.excerpt }));
    const page = articles.slice(offset, Math.min(offset + INLINE_PAGE, INLINE_MAX));
    const next = offset + INLINE_PAGE < Math.min(articles.length, INLINE_MAX) ? String(offset + INLINE_PAGE) : '';
    await ctx.answerInlineQuery(page.map(({ a, ex }) => inlineResult(a, ex, me)), { cache_time: 60, next_offset: next });
  });
  return feature;
}
