/** What no feature handled: unknown commands, unsupported messages, stale buttons, membership changes. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import { message } from 'telegraf/filters';
import type { BotDeps } from '../context.ts';
import { replyHtml, truncate } from '../context.ts';
import { commandList, isKnownCommand } from '../format/help.ts';
import { escapeHtml } from '../html.ts';

/** Message kinds we can name in the hint; service messages (joins, pins…) are ignored silently. */
const CONTENT_KINDS = ['sticker', 'photo', 'voice', 'video', 'video_note', 'audio', 'document', 'animation',
  'location', 'venue', 'contact', 'poll', 'dice', 'story'];

export const STALE_BUTTON = '按钮已过期，请重新搜索';
export const MENTION_HINT = '请在 @我 后面写上要搜索的关键词，或发送 /help 查看用法。';
export const NON_TEXT_HINT = '我只能读懂文字消息。请直接发送关键词搜索报道，或发送 /help 查看用法。';

/** The reply for a command nobody handled; the name is cut and escaped. */
export function formatUnknownCommand(name: string): string {
  const shown = escapeHtml(truncate(name, 32));
  const note = isKnownCommand(name) ? `命令 /${shown} 暂时不可用。` : `没有 /${shown} 这个命令。`;
  return `${note}\n可用命令：${escapeHtml(commandList())}\n发送 /help 查看说明和示例。`;
}

/** The reply for plain text nobody handled (no search feature plugged in). */
export function formatUnhandledText(text: string): string {
  return `暂时无法处理「${escapeHtml(truncate(text, 50))}」。发送 /help 查看用法。`;
}

/** Whether a group message is meant for the bot: a reply to one of its messages. */
const repliesToBot = (ctx: Context): boolean =>
  ctx.chat?.type === 'private' || (ctx.message !== undefined && 'reply_to_message' in ctx.message && ctx.message.reply_to_message?.from?.id === ctx.botInfo.id);

/** The last handlers, installed after every feature. */
export function fallbackFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.on(['edited_message', 'edited_channel_post', 'channel_post'], () => undefined);
  feature.on('my_chat_member', (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === 'kicked' || status === 'left') {
      const removed = deps.store.removeChat(ctx.chat.id);
      deps.log.info({ chatId: ctx.chat.id, status, removed }, 'bot removed from chat; forgot its subscriptions');
    }
  });
  feature.on(message('migrate_to_chat_id'), (ctx) => {
    const moved = deps.store.migrateChat(ctx.chat.id, ctx.message.migrate_to_chat_id);
    deps.log.info({ from: ctx.chat.id, to: ctx.message.migrate_to_chat_id, moved }, 'group became a supergroup');
  });
  feature.on('callback_query', (ctx) => ctx.answerCbQuery(STALE_BUTTON));
  feature.on(message('text'), async (ctx) => {
    const { text } = ctx.message;
    const command = ctx.message.entities?.[0]?.type === 'bot_command' && ctx.message.entities[0].offset === 0
      ? /^\/([^\s@]*)(?:@(\S*))?/.exec(text) : null;
    const rest = text.replace(new RegExp(`@${ctx.me}\\b`, 'gi'), ' ').trim();
    if (!command) return void (await replyHtml(ctx, rest === '' ? escapeHtml(MENTION_HINT) : formatUnhandledText(rest)));
    const [, name = '', to] = command;
    // In a private chat everything typed is for us; in a group only commands addressed to us are.
    const forUs = ctx.chat.type === 'private' || (to !== undefined && to.toLowerCase() === ctx.me.toLowerCase());
    if (forUs) await replyHtml(ctx, formatUnknownCommand(name));
  });
  feature.on('message', async (ctx) => {
    const kind = CONTENT_KINDS.find((k) => k in ctx.message);
    if (kind && repliesToBot(ctx)) await replyHtml(ctx, escapeHtml(NON_TEXT_HINT));
  });
  return feature;
}
