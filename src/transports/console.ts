/** A console chat on the same handlers: lines become fake updates, outgoing API calls are captured and printed. */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { TelegramError } from 'telegraf';
import type { Context, Telegraf } from 'telegraf';
import type { Chat, Message, Update, User } from 'telegraf/types';
import { outboundOf } from '../bot/api/client.ts';
import { validateTelegramHtml } from '../bot/html.ts';
import { describeError } from '../errors.ts';

/** A button as printed: pressable ones carry their number. */
export interface ConsoleButton {
  text: string;
  number?: number;
  data?: string;
  /** The message the button is under. */
  messageId?: number;
  url?: string;
}

/** One thing the bot did, readable: a message sent or edited, or a button answer. */
export interface Reply {
  method: string;
  messageId?: number;
  /** The text as sent (HTML when parse_mode is HTML). */
  raw: string;
  /** The visible text: tags removed, entities decoded. */
  text: string;
  buttons: ConsoleButton[][];
}

export interface ConsoleClient {
  /** Sends a text message as the user; resolves with what the bot did in response. */
  send(text: string): Promise<Reply[]>;
  /** Presses button `n` (as numbered in the replies); a notice when there is no such button. */
  press(n: number): Promise<Reply[]>;
  /** The buttons that can be pressed now, in number order. */
  buttons(): ConsoleButton[];
}

type Payload = Record<string, unknown>;
type Markup = { inline_keyboard?: Array<Array<{ text: string; callback_data?: string; url?: string }>> } | undefined;

const CONSOLE_BOT = { id: 1, is_bot: true, first_name: 'jznews', username: 'jznews_bot', can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: false } as const;

/** The visible text of what was sent; throws a Bot API style 400 like Telegram would. */
function visible(method: string, payload: Payload): string {
  const raw = String(payload.text ?? payload.caption ?? '');
  const checked = payload.parse_mode === 'HTML' ? validateTelegramHtml(raw) : { ok: true as const, text: raw };
  if (!checked.ok) throw new TelegramError({ error_code: 400, description: checked.error }, { method, payload });
  if (checked.text.length > 4096) throw new TelegramError({ error_code: 400, description: 'Bad Request: message is too long' }, { method, payload });
  return checked.text;
}

/** Saves a photo sent as bytes to a temp file and returns its path; undefined for anything else. */
function savePicture(photo: unknown): string | undefined {
  const source = (photo as { source?: unknown } | undefined)?.source;
  if (!Buffer.isBuffer(source)) return undefined;
  const path = join(tmpdir(), `jznews-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e6)}.png`);
  writeFileSync(path, source);
  return path;
}

/** Wires the bot to a fake Telegram that records calls instead of sending them. */
export function createConsoleClient(bot: Telegraf<Context>, options: { chatId?: number } = {}): ConsoleClient {
  const chatId = options.chatId ?? 1;
  const chat: Chat = chatId > 0 ? { id: chatId, type: 'private', first_name: 'Console' } : { id: chatId, type: 'group', title: 'Console group' };
  const user: User = { id: chatId > 0 ? chatId : 1001, is_bot: false, first_name: 'Console', username: 'console_user', language_code: 'zh-hans' };
  const messages = new Map<number, Message.TextMessage>();
  let outbox: Reply[] = [];
  let pressable: ConsoleButton[] = [];
  let nextId = 1;
  let updateId = 1;
  const now = (): number => Math.floor(Date.now() / 1000);

  const record = (method: string, payload: Payload, messageId?: number): void => {
    const markup = payload.reply_markup as Markup;
    const buttons = (markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, data: b.callback_data, url: b.url })));
    const raw = String(payload.text ?? payload.caption ?? '');
    const text = method === 'answerCallbackQuery' ? raw : visible(method, payload);
    const saved = savePicture(payload.photo);
    outbox.push({ method, messageId, raw, text: saved ? `🖼 图片已保存：${saved}\n${text}` : text, buttons });
  };
  const store = (payload: Payload, id: number): Message.TextMessage => {
    const message = { message_id: id, date: now(), chat, from: CONSOLE_BOT, text: visible('sendMessage', payload), reply_markup: payload.reply_markup } as Message.TextMessage;
    messages.set(id, message);
    return message;
  };
  const fake = async (method: string, payload: Payload = {}): Promise<unknown> => {
    switch (method) {
      case 'getMe': return CONSOLE_BOT;
      case 'sendMessage': case 'sendPhoto': case 'sendDocument': {
        const message = store(payload, nextId++);
        record(method, payload, message.message_id);
        return message;
      }
      case 'editMessageText': {
        const id = Number(payload.message_id);
        if (!messages.has(id)) throw new TelegramError({ error_code: 400, description: 'Bad Request: message to edit not found' }, { method, payload });
        record(method, payload, id);
        return store(payload, id);
      }
      case 'answerCallbackQuery':
        if (payload.text) record(method, payload);
        return true;
      default: return true;
    }
  };
  bot.botInfo ??= CONSOLE_BOT;
  // The pipeline's transport: every call of every update ends here instead of on the network.
  outboundOf(bot.telegram).useTransport(fake);

  const exchange = async (update: Update): Promise<Reply[]> => {
    try {
      await bot.handleUpdate(update);
      // Edits are not awaited by the handlers: wait until the pipeline has delivered them too.
      await outboundOf(bot.telegram).outbound.idle();
    } catch (err) {
      outbox.push({ method: 'error', raw: describeError(err), text: `（出错：${describeError(err)}）`, buttons: [] });
    }
    const replies = outbox;
    outbox = [];
    const withButtons = replies.filter((r) => r.buttons.some((row) => row.some((b) => b.data !== undefined)));
    if (withButtons.length > 0) {
      pressable = [];
      for (const reply of withButtons) {
        for (const button of reply.buttons.flat()) {
          if (button.data !== undefined) pressable.push(Object.assign(button, { number: pressable.length + 1, messageId: reply.messageId }));
        }
      }
    }
    return replies;
  };

  return {
    send: (text) => {
      const command = /^\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]+)?/.exec(text)?.[0];
      const entities = command ? [{ type: 'bot_command' as const, offset: 0, length: command.length }] : undefined;
      const message = { message_id: nextId++, date: now(), chat, from: user, text, ...(entities ? { entities } : {}) } as Message.TextMessage;
      return exchange({ update_id: updateId++, message } as Update.MessageUpdate);
    },
    press: async (n) => {
      const button = pressable[n - 1];
      if (!button?.data) return [{ method: 'console', raw: '', text: `（没有第 ${n} 个按钮）`, buttons: [] }];
      const message = messages.get(button.messageId ?? 0) ?? { message_id: 0, date: now(), chat, from: CONSOLE_BOT, text: '' };
      const callback_query = { id: `console-${updateId}`, from: user, message, chat_instance: String(chatId), data: button.data };
      return exchange({ update_id: updateId++, callback_query } as Update.CallbackQueryUpdate);
    },
    buttons: () => pressable,
  };
}

/** Replies as readable text: each reply's visible text, then its buttons as "[1] 下一页", one row per line. */
export function renderReplies(replies: Reply[]): string {
  return replies.map((r) => {
    const head = r.method === 'answerCallbackQuery' ? `（提示：${r.text}）` : r.method === 'editMessageText' ? `（更新了消息 #${r.messageId}）\n${r.text}` : r.text;
    const rows = r.buttons.map((row) => row.map((b) => (b.number !== undefined ? `[${b.number}] ${b.text}` : b.url ? `${b.text} <${b.url}>` : `[-] ${b.text}`)).join('  '));
    return [head, ...rows].join('\n');
  }).join('\n\n');
}

export const CONSOLE_INTRO = [
  'jznews console mode: BOT_TOKEN is not set, so you are chatting with the bot here, on the same handlers as on Telegram.',
  'To run it on Telegram, put BOT_TOKEN=<token from @BotFather> in .env (see .env.example) and start again.',
  'Type a message and press Enter; type a button\'s number to press it; /quit or Ctrl-D to leave.',
].join('\n');

/** Runs the console chat until the input ends or /quit. */
export async function runConsole(bot: Telegraf<Context>, io: { input: Readable; output: Writable; chatId?: number }): Promise<void> {
  const client = createConsoleClient(bot, { chatId: io.chatId });
  const tty = (io.input as Readable & { isTTY?: boolean }).isTTY === true;
  io.output.write(`${CONSOLE_INTRO}\n\n${tty ? '> ' : ''}`);
  const lines = createInterface({ input: io.input, terminal: false, crlfDelay: Infinity });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line !== '') {
      const n = /^\d{1,3}$/.test(line) ? Number(line) : 0;
      const replies = n >= 1 && n <= client.buttons().length ? await client.press(n) : await client.send(line);
      io.output.write(`${replies.length > 0 ? renderReplies(replies) : '（没有回复）'}\n\n`);
    }
    if (tty) io.output.write('> ');
  }
  lines.close();
}
