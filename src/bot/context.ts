/** What the bot's features share: their dependencies, how to assemble them, and how to send HTML replies. */
import { TelegramError } from 'telegraf';
import type { Context } from 'telegraf';
import type { InlineKeyboardMarkup, Message } from 'telegraf/types';
import type { Config } from '../config.ts';
import type { Library } from '../library.ts';
import type { Logger } from '../logger.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { createDigestService, type DigestService } from '../digest/service.ts';
import { recordStartup } from '../ingest.ts';
import type { Store } from '../store/types.ts';
import { openLibrary, snapshotPathFor } from '../snapshot.ts';
import { splitMessage } from './html.ts';

/** Everything a feature may use; tests pass fakes. */
export interface BotDeps {
  library: Library;
  store: Store;
  /** Current time in epoch milliseconds. */
  clock: () => number;
  config: Config;
  log: Logger;
  /** Digest delivery and its schedule (started by the Telegram transport). */
  digests: DigestService;
}

/** Loads the library (logging the pages' warnings), opens the store. */
export function openDeps(config: Config, log: Logger, overrides: { databasePath?: string; clock?: () => number; snapshotPath?: string | null } = {}): BotDeps {
  // Snapshot (src/snapshot.ts): SNAPSHOT_PATH is snapshot.json beside the database (./data/snapshot.json); it is loaded
  // when it was built from these pages, else the library is built from the pages and saved there (a warning says why).
  const SNAPSHOT_PATH = overrides.snapshotPath !== undefined ? overrides.snapshotPath : snapshotPathFor(overrides.databasePath ?? config.databasePath);
  const { library, warnings } = openLibrary(config.seedsDir, SNAPSHOT_PATH, log);
  for (const w of warnings) log.warn({ source: w.source }, `page ${w.source} ${w.message}`);
  log.info({ ...library.stats(), dir: config.seedsDir }, 'corpus loaded');
  const store = openSqliteStore(overrides.databasePath ?? config.databasePath);
  const clock = overrides.clock ?? Date.now;
  recordStartup({ library, store, clock });
  const digests = createDigestService({ store, library, log, clock, cron: config.digestCron, timezone: config.digestTz });
  return { library, store, clock, config, log, digests };
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

/** Shows another page in place of a message; a press that changes nothing is ignored, and a message that cannot be edited gets a new reply. */
export async function editHtml(ctx: Context, html: string, options: ReplyOptions = {}): Promise<void> {
  try {
    await ctx.editMessageText(html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(options.keyboard ? { reply_markup: options.keyboard } : {}) });
  } catch (err) {
    if (!(err instanceof TelegramError) || err.code !== 400) throw err;
    if (/message is not modified/i.test(err.description)) return;
    await replyHtml(ctx, html, options);
  }
}

/** Cuts user text for echoing back: at most `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max = 50): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
