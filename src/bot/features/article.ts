/** /article <id>, the tappable /article_<id>, and the 📄 buttons: the whole article, split when long. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import type { BotDeps } from '../context.ts';
import { replyHtml } from '../context.ts';
import { ARTICLE_USAGE, formatArticle, formatUnknownArticle } from '../format/article.ts';

/** The /article command and its shortcuts. */
export function articleFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const send = async (ctx: Context, id: string): Promise<void> => {
    const article = deps.library.article(id);
    await replyHtml(ctx, article ? formatArticle(article) : formatUnknownArticle(id));
  };
  feature.command('article', async (ctx) => {
    const id = ctx.payload.trim().split(/\s+/)[0] ?? '';
    if (id === '') return void (await replyHtml(ctx, ARTICLE_USAGE));
    await send(ctx, id);
  });
  feature.hears(/^\/article_([0-9a-zA-Z]{1,40})(?:@(\w+))?\s*$/, async (ctx, next) => {
    const to = ctx.match[2];
    if (to !== undefined && to.toLowerCase() !== ctx.me.toLowerCase() && ctx.chat.type !== 'private') return next();
    await send(ctx, ctx.match[1]!);
  });
  feature.action(/^a:([0-9a-f]{10})$/, async (ctx) => {
    await ctx.answerCbQuery();
    await send(ctx, ctx.match[1]!);
  });
  return feature;
}
