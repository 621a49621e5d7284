/** /subscribe, /unsubscribe, /subscriptions and /digest: topic and keyword digests for a chat. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import type { Article } from '../../corpus/types.ts';
import { interpretWanted, matchingArticles, type Wanted } from '../../app/subscriptions.ts';
import { subscriptionLabel } from '../format/digest.ts';
import type { Subscription, SubscriptionKind } from '../../store/types.ts';
import type { BotDeps } from '../context.ts';
import { replyHtml, truncate } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { formatSubscribed, formatSubscriptions, formatWhen, topicButtons } from '../format/subscribe.ts';

/** A chat may hold at most this many subscriptions. */
export const MAX_SUBSCRIPTIONS = 20;
const MAX_VALUE_CHARS = 30;

/** The latest articles a subscription would have matched. */
function latestFor(deps: BotDeps, sub: Wanted, n = 3): Article[] {
  return matchingArticles(deps.library, sub).slice(0, n);
}

/** The subscription features. */
export function subscribeFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const next = (): string => formatWhen(deps.digests.nextRun(), deps.config.digestTz);

  const subscribe = async (ctx: Context, chatId: number, text: string): Promise<void> => {
    const wanted = interpretWanted(text);
    deps.store.touchChat(chatId, { type: ctx.chat?.type }, deps.clock());
    const result = deps.store.addSubscription(chatId, wanted.kind, wanted.value, deps.clock(), MAX_SUBSCRIPTIONS);
    const label = escapeHtml(subscriptionLabel(wanted));
    if (result.status === 'limit') return void (await replyHtml(ctx, `订阅已达上限（${MAX_SUBSCRIPTIONS} 个）。请先用 /unsubscribe 取消一些，再订阅 ${label}。`));
    if (result.status === 'exists') return void (await replyHtml(ctx, `你已经订阅了 ${label}。查看全部：/subscriptions`));
    await replyHtml(ctx, formatSubscribed(wanted, latestFor(deps, wanted), next()));
  };

  feature.command('subscribe', async (ctx) => {
    const text = truncate(ctx.payload, MAX_VALUE_CHARS).replace(/…$/, '');
    if (text === '') {
      const names = deps.library.topics().topics.map((t) => t.name);
      return void (await replyHtml(ctx, '点选要订阅的专题，或发送 <code>/subscribe 关键词</code> 订阅关键词：', { keyboard: { inline_keyboard: topicButtons(names, 'sub:') } }));
    }
    await subscribe(ctx, ctx.chat.id, text);
  });
  feature.action(/^sub:(.{1,20})$/u, async (ctx) => {
    await ctx.answerCbQuery();
    if (ctx.chat) await subscribe(ctx, ctx.chat.id, ctx.match[1]!);
  });

  const listButtons = (subs: Subscription[]) => ({ inline_keyboard: subs.map((s) => [{ text: `✖ ${subscriptionLabel(s)}`, callback_data: `unsub:${s.id}` }]) });
  feature.command('unsubscribe', async (ctx) => {
    const text = truncate(ctx.payload, MAX_VALUE_CHARS).replace(/…$/, '');
    const subs = deps.store.listSubscriptions(ctx.chat.id);
    if (subs.length === 0) return void (await replyHtml(ctx, '你还没有订阅。'));
    if (text === '') return void (await replyHtml(ctx, '点选要取消的订阅：', { keyboard: listButtons(subs) }));
    if (/^(all|全部)$/i.test(text)) {
      const keyboard = { inline_keyboard: [[{ text: '确认全部取消', callback_data: 'unsub:all' }, { text: '算了', callback_data: 'unsub:keep' }]] };
      return void (await replyHtml(ctx, `确定取消全部 ${subs.length} 个订阅吗？`, { keyboard }));
    }
    const wanted = interpretWanted(text);
    const sub = subs.find((s) => s.kind === wanted.kind && s.value.toLowerCase() === wanted.value.toLowerCase()) ?? subs.find((s) => s.value === text);
    if (!sub) return void (await replyHtml(ctx, `没有找到订阅“${escapeHtml(text)}”。点选要取消的订阅：`, { keyboard: listButtons(subs) }));
    deps.store.removeSubscription(ctx.chat.id, sub.id);
    await replyHtml(ctx, `已取消订阅 ${escapeHtml(subscriptionLabel(sub))}。`);
  });
  feature.action(/^unsub:(all|keep|\d{1,9})$/, async (ctx) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return void (await ctx.answerCbQuery());
    const what = ctx.match[1]!;
    if (what === 'keep') return void (await ctx.answerCbQuery('好的，订阅保持不变。'));
    if (what === 'all') {
      const n = deps.store.removeAllSubscriptions(chatId);
      await ctx.answerCbQuery();
      return void (await replyHtml(ctx, `已取消全部 ${n} 个订阅。`));
    }
    const sub = deps.store.listSubscriptions(chatId).find((s) => s.id === Number(what));
    if (!sub) return void (await ctx.answerCbQuery('这个订阅已经取消了。'));
    deps.store.removeSubscription(chatId, sub.id);
    await ctx.answerCbQuery();
    await replyHtml(ctx, `已取消订阅 ${escapeHtml(subscriptionLabel(sub))}。`);
  });

  feature.command('subscriptions', (ctx) => replyHtml(ctx, formatSubscriptions(deps.store.listSubscriptions(ctx.chat.id), next(), MAX_SUBSCRIPTIONS)));

  feature.command('digest', async (ctx) => {
    if (deps.store.listSubscriptions(ctx.chat.id).length === 0) return void (await replyHtml(ctx, '你还没有订阅。发送 /subscribe 选择专题。'));
    const result = await deps.digests.deliver(ctx.chat.id, ctx.telegram);
    if (result.status === 'empty') await replyHtml(ctx, `自上次摘要以来没有新文章。下次摘要：${escapeHtml(next())}`);
  });
  return feature;
}
