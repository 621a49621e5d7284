/** Builds the telegraf bot: logging, the group gate, one Composer per feature, the fallback and the error handler. */
import { Telegraf } from 'telegraf';
import type { Composer, Context, MiddlewareFn } from 'telegraf';
import { describeError, userMessageOf } from '../errors.ts';
import { classify } from './api/classify.ts';
import { installOutbound, type OutboundTelegram, type Scope } from './api/client.ts';
import type { OutboundOptions } from './api/outbound.ts';
import type { BotDeps } from './context.ts';
import { articleFeature } from './features/article.ts';
import { fallbackFeature } from './features/fallback.ts';
import { pluginFeatures } from './features/index.ts';
import { startFeature } from './features/start.ts';
import { escapeHtml } from './html.ts';

export interface CreateBotOptions {
  /** Defaults to config.botToken (empty in console mode, where API calls are intercepted). */
  token?: string;
  /** telegraf's API client options; apiRoot defaults to config.telegramApiRoot. */
  telegram?: Partial<NonNullable<Telegraf.Options<Context>['telegram']>>;
  /** Feature composers installed after /start, /help, /article and before the fallback; every feature (pluginFeatures) by default. */
  features?: ReadonlyArray<Composer<Context>>;
  /** Overrides of the outbound pipeline's pacing and retries. */
  pacing?: Omit<OutboundOptions, 'log' | 'onGone' | 'onMigrate'>;
  /** Milliseconds an update may take before the person gets an apology (default 60 s). */
  handlerTimeoutMs?: number;
}

/** "/article" or "callback:page:2" for logs, cut short; undefined for other updates. */
export function commandOf(ctx: Context): string | undefined {
  const text = ctx.message && 'text' in ctx.message ? ctx.message.text : undefined;
  if (text?.startsWith('/')) return /^\/\S{0,40}/.exec(text)?.[0];
  const data = ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  return data === undefined ? undefined : `callback:${data.slice(0, 64)}`;
}

/** Logs every update at debug level with its outcome time. */
function logUpdates(deps: BotDeps): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const started = Date.now();
    await next();
    const fields = { updateId: ctx.update.update_id, chatId: ctx.chat?.id, type: ctx.updateType, command: commandOf(ctx) };
    deps.log.debug({ ...fields, ms: Date.now() - started }, 'update handled');
  };
}

/** True when the message starts with a bot command entity (not merely with a slash). */
export function startsWithCommand(msg: { text: string; entities?: Array<{ type: string; offset: number }> }): boolean {
  const first = msg.entities?.[0];
  return first?.type === 'bot_command' && first.offset === 0;
}

/** Lowercases the command name of a message (/START → /start), so commands match in any case. */
function lowercaseCommands(): MiddlewareFn<Context> {
  return (ctx, next) => {
    const msg = ctx.message;
    if (msg && 'text' in msg && startsWithCommand(msg)) {
      const length = msg.entities![0]!.length;
      (msg as { text: string }).text = msg.text.slice(0, length).toLowerCase() + msg.text.slice(length);
    }
    return next();
  };
}

/** In groups, text is only for the bot when it is a command, mentions the bot or replies to it; other text stops here. */
function groupGate(): MiddlewareFn<Context> {
  return (ctx, next) => {
    const msg = ctx.message;
    if (!msg || !('text' in msg) || ctx.chat?.type === 'private' || startsWithCommand(msg)) return next();
    const mentioned = new RegExp(`@${ctx.me}\\b`, 'i').test(msg.text)
      || (msg.entities ?? []).some((e) => e.type === 'text_mention' && e.user.id === ctx.botInfo.id);
    const replied = msg.reply_to_message?.from?.id === ctx.botInfo.id;
    return mentioned || replied ? next() : undefined;
  };
}

/** Gives each update its own client on the shared pipeline, so what it sends can be counted and, once late, dropped. */
function scopeUpdates(telegram: OutboundTelegram): MiddlewareFn<Context> {
  return (ctx, next) => {
    const scope: Scope = { pending: 0, sent: 0, expired: false };
    ctx.state.outbound = scope;
    Object.assign(ctx, { telegram: telegram.as('reply', scope) });
    return next();
  };
}

/** Remembers that a button press was answered, so the error handler does not answer it twice. */
function trackCallbackAnswers(): MiddlewareFn<Context> {
  return (ctx, next) => {
    if (ctx.callbackQuery) {
      const answer = ctx.answerCbQuery.bind(ctx);
      ctx.answerCbQuery = (...args) => {
        ctx.state.callbackAnswered = true;
        return answer(...args);
      };
    }
    return next();
  };
}

/** The single error handler: a structured log line (never the token) and a friendly reply when there is a chat. */
function handleError(deps: BotDeps, telegram: OutboundTelegram) {
  return async (err: unknown, ctx: Context): Promise<void> => {
    const chatId = ctx.chat?.id;
    const fields = { err, updateId: ctx.update.update_id, chatId, type: ctx.updateType, command: commandOf(ctx) };
    const scope = ctx.state.outbound as Scope | undefined;
    if (err instanceof Error && err.name === 'TimeoutError' && scope) {
      // An answer on its way (say, waiting out a 429) arrives in order, unapologised; one already sent needs no apology.
      if (scope.pending > 0) return void deps.log.warn(fields, 'update is slow; its answer is still queued');
      scope.expired = true;
      if (scope.sent > 0) return void deps.log.warn(fields, 'update timed out after answering; later calls are dropped');
    }
    const failure = classify(err);
    if (failure.kind === 'gone') return void deps.log.info(fields, 'chat blocked or removed the bot; it was forgotten');
    deps.log.error(fields, `update failed: ${describeError(err)}`);
    if (ctx.callbackQuery && !ctx.state.callbackAnswered) await telegram.answerCbQuery(ctx.callbackQuery.id).catch(() => undefined);
    if (chatId === undefined) return;
    try {
      await telegram.sendMessage(chatId, escapeHtml(userMessageOf(err)), { parse_mode: 'HTML' });
    } catch (replyErr) {
      deps.log.warn({ err: replyErr, updateId: ctx.update.update_id, chatId }, `could not send the apology: ${describeError(replyErr)}`);
    }
  };
}

/** Creates the bot from its dependencies, with every feature unless `options.features` names others. */
export function createBot(deps: BotDeps, options: CreateBotOptions = {}): Telegraf<Context> {
  const bot = new Telegraf<Context>(options.token ?? deps.config.botToken ?? '', {
    // webhookReply off: every reply is a real API call, so failures are seen and logged.
    telegram: { apiRoot: deps.config.telegramApiRoot, webhookReply: false, ...options.telegram },
    handlerTimeout: options.handlerTimeoutMs ?? 60_000,
  });
  // The one outbound pipeline: every call of every update and of the digests goes through it.
  const telegram = installOutbound(bot, {
    ...options.pacing,
    log: deps.log,
    onGone: (chatId, reason) => deps.log.info({ chatId, reason, removed: deps.store.removeChat(chatId) }, 'chat is gone; its subscriptions were removed'),
    onMigrate: (from, to) => deps.log.info({ from, to, moved: deps.store.migrateChat(from, to) }, 'group became a supergroup; subscriptions moved'),
  });
  bot.use(scopeUpdates(telegram), logUpdates(deps), trackCallbackAnswers(), lowercaseCommands(), groupGate());
  bot.use(startFeature(deps), articleFeature(deps), ...(options.features ?? pluginFeatures(deps)), fallbackFeature(deps));
  bot.catch(handleError(deps, telegram));
  return bot;
}
