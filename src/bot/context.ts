/** What the bot's features share: their dependencies and how to send HTML replies. */
import type { Context, Telegram } from 'telegraf';
import type { InlineKeyboardMarkup, Message } from 'telegraf/types';
import type { App } from '../app/open.ts';
import { classify } from './api/classify.ts';
import { splitMessage } from './html.ts';

/** What features need of the digest service (src/digest/service.ts implements it). */
export interface DigestPort {
  /** Sends one chat's pending digest now. */
  deliver(chatId: number, telegram?: Telegram): Promise<DigestStatus>;
  /** When the next scheduled digest goes out, or null when none is scheduled. */
  nextRun(): Date | null;
}

/** How a digest request ended, with the number of articles it listed. */
export interface DigestStatus {
  status: 'empty' | 'sent' | 'gone' | 'failed';
  articles: number;
}

/** Everything a feature may use; tests pass fakes. */
export interface BotDeps extends App {
  /** Digest delivery and its schedule (started by the Telegram transport). */
  digests: DigestPort;
}

/** Options for replyHtml: buttons go under the last chunk. */
export interface ReplyOptions {
  keyboard?: InlineKeyboardMarkup;
}

/** Sends Telegram HTML, split into messages of at most 4096 characters at paragraph boundaries. */
export async function replyHtml(ctx: Context, html: string, options: ReplyOptions = {}): Promise<Message.TextMessage[]> {
  const chat = ctx.chat;
  if (!chat) return [];
  const chunks = splitMessage(html);
  const replyTo = chat.type !== 'private' ? ctx.message?.message_id : undefined;
  const sent: Message.TextMessage[] = [];
  for (const [i, chunk] of chunks.entries()) {
    const last = i === chunks.length - 1;
    sent.push(await ctx.telegram.sendMessage(chat.id, chunk, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      ...(last && options.keyboard ? { reply_markup: options.keyboard } : {}),
    }));
  }
  return sent;
}

/** Shows another page in place of a message without waiting for it: a newer page replaces a queued one, so presses settle fast. */
export async function editHtml(ctx: Context, html: string, options: ReplyOptions = {}): Promise<void> {
  // A button under a photo or a message the bot cannot see as text: its text cannot be edited, so answer anew.
  const pressed = ctx.callbackQuery?.message;
  if (pressed && !('text' in pressed)) return void (await replyHtml(ctx, html, options));
  const edit = ctx.editMessageText(html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(options.keyboard ? { reply_markup: options.keyboard } : {}) });
  // A press that changes nothing is ignored; a message that cannot be edited (too old, deleted) gets a new reply.
  edit.catch((err: unknown) => (classify(err).kind === 'bug' ? replyHtml(ctx, html, options) : undefined)).catch(() => undefined);
}

/** Cuts user text for echoing back: at most `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max = 50): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
