/** Plain text is a search: the best articles with excerpts, paged with buttons. */
import { createHash } from 'node:crypto';
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import type { BotDeps } from '../context.ts';
import { editHtml, replyHtml } from '../context.ts';
import type { SearchResult } from '../../search/index.ts';
import { formatNoHits, formatResults, PAGE_SIZE } from '../format/search.ts';

/** Longest query the bot will search; longer messages are cut here. */
export const MAX_QUERY_CHARS = 200;

/** How many recent searches the paging buttons can still page through (kept in memory; nothing is written while reading). */
export const RECENT_SEARCHES = 200;

/** A short key for a query, kept server-side so a button's callback_data stays under 64 bytes. */
export function queryKey(query: string): string {
  return createHash('sha1').update(query).digest('base64url').slice(0, 10);
}

/** The last RECENT_SEARCHES answers by key, oldest first: a 下一页 press pages through the ranked answer without searching again. */
class RecentSearches {
  private readonly byKey = new Map<string, SearchResult>();

  get(key: string): SearchResult | undefined {
    const result = this.byKey.get(key);
    if (result) this.remember(key, result);
    return result;
  }

  remember(key: string, result: SearchResult): void {
    this.byKey.delete(key);
    this.byKey.set(key, result);
    if (this.byKey.size > RECENT_SEARCHES) this.byKey.delete(this.byKey.keys().next().value!);
  }
}

/** Replies with one page of an answer (a new message, or an edit when paging). */
async function show(ctx: Context, library: BotDeps['library'], result: SearchResult, key: string, page: number, edit: boolean): Promise<void> {
  // Hits are made up to the page shown: the ranking holds every id, so a long answer is never turned into hits at once.
  const upTo = (Math.max(0, page) + 1) * PAGE_SIZE;
  const hits = result.hits.length >= Math.min(upTo, result.ids.length) ? result.hits : library.page(result, 0, upTo);
  const { html, keyboard } = formatResults({ ...result, hits }, page, key);
  if (edit && ctx.callbackQuery?.message) await editHtml(ctx, html, keyboard ? { keyboard } : {});
  else await replyHtml(ctx, html, keyboard ? { keyboard } : {});
}

/** The search feature: plain text messages and the paging buttons. */
export function searchFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const recent = new RecentSearches();
  feature.action(/^s:([\w-]{10}):(\d{1,4})$/, async (ctx) => {
    const result = recent.get(ctx.match[1]!);
    if (!result) return void (await ctx.answerCbQuery('这个搜索已过期，请重新发送关键词。'));
    await ctx.answerCbQuery();
    await show(ctx, deps.library, result, ctx.match[1]!, Number(ctx.match[2]), true);
  });
  feature.on('text', async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith('/')) return next();
    // In groups, createBot's gate lets through only text that mentions or replies to the bot.
    const query = [...text.replace(/@\w+/g, ' ').trim()].slice(0, MAX_QUERY_CHARS).join('');
    if (query === '') return next();
    const result = deps.library.search(query, PAGE_SIZE);
    if (result.ids.length === 0) return void (await replyHtml(ctx, formatNoHits(query, deps.library.suggest(query))));
    const key = queryKey(query);
    recent.remember(key, result);
    await show(ctx, deps.library, result, key, 0, false);
  });
  return feature;
}
