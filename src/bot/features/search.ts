/** Plain text is a search: the best articles with excerpts, paged with buttons. */
import { createHash } from 'node:crypto';
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import type { BotDeps } from '../context.ts';
import { editHtml, replyHtml } from '../context.ts';
import { formatNoHits, formatResults } from '../format/search.ts';

/** Longest query the bot will search; longer messages are cut here. */
export const MAX_QUERY_CHARS = 200;

/** A short key for a query, stored server-side so a button's callback_data stays under 64 bytes. */
export function queryKey(query: string): string {
  return createHash('sha1').update(query).digest('base64url').slice(0, 10);
}

/** Runs a search and replies with the given page (a new message, or an edit when paging). */
async function answer(ctx: Context, deps: BotDeps, query: string, page: number, edit: boolean): Promise<void> {
  const result = deps.library.search(query);
  if (result.hits.length === 0) {
    await replyHtml(ctx, formatNoHits(query, deps.library.suggest(query)));
    return;
  }
  const key = queryKey(query);
  deps.store.write(`q:${key}`, query);
  const { html, keyboard } = formatResults(result, page, key);
  if (edit && ctx.callbackQuery?.message) await editHtml(ctx, html, keyboard ? { keyboard } : {});
  else await replyHtml(ctx, html, keyboard ? { keyboard } : {});
}

/** The search feature: plain text messages and the paging buttons. */
export function searchFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.action(/^s:([\w-]{10}):(\d{1,4})$/, async (ctx) => {
    const query = deps.store.read<string>(`q:${ctx.match[1]}`);
    if (!query) return void (await ctx.answerCbQuery('这个搜索已过期，请重新发送关键词。'));
    await ctx.answerCbQuery();
    await answer(ctx, deps, query, Number(ctx.match[2]), true);
  });
  feature.on('text', async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith('/')) return next();
    // In groups, createBot's gate lets through only text that mentions or replies to the bot.
    const query = [...text.replace(/@\w+/g, ' ').trim()].slice(0, MAX_QUERY_CHARS).join('');
    if (query === '') return next();
    await answer(ctx, deps, query, 0, false);
  });
  return feature;
}
