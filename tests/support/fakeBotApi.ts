// A local stand-in for the Telegram Bot API (node:http on 127.0.0.1) for end-to-end tests
// of a real telegraf bot. It refuses what Telegram refuses, with Telegram's descriptions.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, Update, User, UserFromGetMe } from 'telegraf/types';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import { createLimits } from './limits.ts';

export type Params = Record<string, unknown>;
export interface ApiErrorSpec {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}
export interface ApiResponse extends Partial<ApiErrorSpec> { ok: boolean; result?: unknown }
/** One request; `at` is when its answer was sent (Date.now, so virtual time under fake timers). */
export interface ApiCall { method: string; params: Params; response: ApiResponse; at?: number }
export interface FakeBotApiOptions {
  token?: string;
  botUsername?: string;
  /** Use validateTelegramHtml's strict mode (default true); false accepts exactly what Telegram accepts. */
  strictHtml?: boolean;
  /** Upper bound for getUpdates long polling, whatever `timeout` the client asks for (default 1000 ms). */
  longPollCapMs?: number;
  /** Telegram's flood limits, answered with 429 when broken (default on); false turns them off. */
  limits?: Partial<Limits> | false;
  /** Milliseconds before each answer but getUpdates (default 0), as a distant server takes. */
  latencyMs?: number;
}
/** Telegram's limits on messages (sends and edits): in all, per private chat, per group. */
export interface Limits {
  /** Messages in any second across all chats. */
  perSecond: number;
  /** A private chat's burst, refilled at one message a second. */
  privateBurst: number;
  /** Messages in any minute to one group. */
  groupPerMinute: number;
}
/** A stretch of bad weather: every `every`-th message call fails with this error. */
export interface Storm {
  error: ApiErrorSpec;
  every: number;
}
export interface FakeBotApi {
  apiRoot: string;
  token: string;
  botInfo: UserFromGetMe;
  /** Every request, in the order its response was sent (long polls complete late). */
  calls: ApiCall[];
  pushUpdate(update: Params & { update_id?: number }): Update;
  sendText(chatId: number, text: string, extra?: Params): Update.MessageUpdate<Message.TextMessage>;
  pressButton(chatId: number, messageId: number, data: string): Update.CallbackQueryUpdate;
  waitFor(predicate: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  failNext(method: string, error: ApiErrorSpec, times?: number): void;
  failForChat(chatId: number, error: ApiErrorSpec): void;
  /** The next `times` calls of `method` get no answer: the connection is reset, as a flaky network does. */
  resetNext(method: string, times?: number): void;
  clearFailures(): void;
  /** Starts (or with undefined ends) a storm of failures on message calls. */
  storm(storm: Storm | undefined): void;
  /** Message calls refused with 429 because they broke a limit. */
  readonly limitBreaks: ApiCall[];
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(readonly spec: ApiErrorSpec) { super(spec.description); }
}
const fail = (code: number, description: string): never => { throw new ApiError({ error_code: code, description }); };
const bad = (what: string): never => fail(400, `Bad Request: ${what}`);
const NOT_MODIFIED = 'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
export const DEFAULT_LIMITS: Limits = { perSecond: 30, privateBurst: 3, groupPerMinute: 20 };
/** The calls that put or change a message in a chat, which Telegram's flood limits count. */
const MESSAGE_METHODS = /^(send(Message|Photo|Document|MediaGroup|Animation|Video|Audio|Voice|Sticker|Location|Contact|Poll|Dice)|copyMessage|forwardMessage|editMessage\w+)$/;
const CHAT_ACTIONS = ['typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note'];

interface Stored { message: Params; fromBot: boolean; raw?: string; markup: string }
type Handler = (p: Params, res: http.ServerResponse) => unknown;

const now = (): number => Math.floor(Date.now() / 1000);
const isObject = (v: unknown): v is Params => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
/** Multipart/urlencoded values are strings; JSON-ish fields arrive as JSON text there. */
function json(v: unknown, what: string): unknown {
  if (typeof v !== 'string') return v;
  try { return JSON.parse(v) as unknown; } catch { return bad(`can't parse ${what} JSON object`); }
}

function chatOf(id: number): Chat {
  if (id > 0) return { id, type: 'private', first_name: 'Test', username: 'test_user' };
  if (id < -1e12) return { id, type: 'supergroup', title: 'Test supergroup' };
  return { id, type: 'group', title: 'Test group' };
}
const userOf = (chatId: number): User =>
  ({ id: chatId > 0 ? chatId : 1001, is_bot: false, first_name: 'Test', username: 'test_user', language_code: 'en' });

/** Refuses inline keyboards whose callback_data is empty or over 64 bytes; returns a comparable key. */
function checkMarkup(value: unknown): string {
  const markup = json(value, 'reply keyboard markup');
  const rows = isObject(markup) && Array.isArray(markup.inline_keyboard) ? (markup.inline_keyboard as unknown[]) : [];
  for (const button of rows.flat()) {
    const data = isObject(button) ? button.callback_data : undefined;
    if (typeof data === 'string' && (data === '' || Buffer.byteLength(data, 'utf8') > 64)) bad('BUTTON_DATA_INVALID');
  }
  return JSON.stringify(markup ?? null);
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = options.token ?? '123456:TEST-token';
  const strict = options.strictHtml ?? true;
  const botInfo: UserFromGetMe = {
    id: Number(token.split(':')[0]) || 123456, is_bot: true, first_name: 'Test Bot',
    username: options.botUsername ?? 'test_bot', can_join_groups: true,
    can_read_all_group_messages: false, supports_inline_queries: true,
  };
  const botUser: User = { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username };
  const calls: ApiCall[] = [];
  const waiters = new Set<{ predicate: (call: ApiCall) => boolean; settle: (call?: ApiCall) => void }>();
  const failures = new Map<string, Array<{ error: ApiErrorSpec; times: number }>>();
  const chatFailures = new Map<number, ApiErrorSpec>();
  const chats = new Map<number, { nextId: number; messages: Map<number, Stored> }>();
  const callbackIds = new Set<string>();
  const commands = new Map<string, unknown>();
  let queue: Update[] = [];
  let lastUpdateId = 0;
  let webhookUrl = '';
  let poll: { wake: (conflict: boolean) => void } | undefined;
  let closed = false;

  const chatRoom = (id: number) => {
    const room = chats.get(id) ?? { nextId: 1, messages: new Map<number, Stored>() };
    chats.set(id, room);
    return room;
  };
  const chatId = (p: Params): number => {
    if (p.chat_id === undefined || p.chat_id === '') bad('chat_id is empty');
    const id = Number(p.chat_id);
    return Number.isSafeInteger(id) && id !== 0 ? id : bad('chat not found');
  };
  const stored = (p: Params, action: 'edit' | 'delete'): Stored => {
    const found = chatRoom(chatId(p)).messages.get(Number(p.message_id));
    return found ?? bad(`message to ${action} not found`);
  };
  const addMessage = (id: number, fields: Params, fromBot: boolean, raw?: string, markup = 'null'): Stored => {
    const room = chatRoom(id);
    const message = { message_id: room.nextId++, from: fromBot ? botUser : userOf(id), chat: chatOf(id), date: now(), ...fields };
    const entry = { message, fromBot, raw, markup };
    room.messages.set(message.message_id, entry);
    return entry;
  };
  /** Parses text the way sendMessage does; returns the visible text (undefined for an empty caption). */
  const checkText = (value: unknown, parseMode: unknown, kind: 'text' | 'caption'): string | undefined => {
    const raw = value === undefined ? '' : String(value);
    if (raw === '' && kind === 'caption') return undefined;
    if (raw === '') bad('message text is empty');
    let text = raw;
    if (String(parseMode ?? '').toLowerCase() === 'html') {
      const parsed = validateTelegramHtml(raw, { strict });
      text = parsed.ok ? parsed.text : fail(400, parsed.error);
    }
    text = text.trim();
    if (kind === 'text' && text === '') bad('message text is empty');
    if (kind === 'text' && text.length > 4096) bad('message is too long');
    if (kind === 'caption' && text.length > 1024) bad('message caption is too long');
    return text === '' ? undefined : text;
  };
  /** Shared by the edit methods; `raw` is the new text for editMessageText. */
  const edit = (p: Params, markup: string, fields: Params, raw?: string): unknown => {
    if (p.inline_message_id !== undefined) return true;
    const entry = stored(p, 'edit');
    if (!entry.fromBot) bad("message can't be edited");
    if (raw !== undefined && entry.message.text === undefined) bad('there is no text in the message to edit');
    if ((raw ?? entry.raw) === entry.raw && entry.markup === markup) bad(NOT_MODIFIED);
    Object.assign(entry, { raw: raw ?? entry.raw, markup });
    Object.assign(entry.message, { ...fields, reply_markup: json(p.reply_markup, 'reply markup'), edit_date: now() });
    return entry.message;
  };
  const sendFile = (p: Params, field: 'photo' | 'document'): Params => {
    const file = p[field];
    if (file === undefined || file === '') bad(`there is no ${field} in the request`);
    const caption = checkText(p.caption, p.parse_mode, 'caption');
    const markup = checkMarkup(p.reply_markup);
    const size = Buffer.isBuffer(file) ? file.length : 1024;
    const id = `${field}-${calls.length + 1}`;
    const media = field === 'photo'
      ? { photo: [{ file_id: id, file_unique_id: `u${id}`, width: 320, height: 240, file_size: size }] }
      : { document: { file_id: id, file_unique_id: `u${id}`, file_size: size } };
    return addMessage(chatId(p), { ...media, caption, reply_markup: json(p.reply_markup, 'reply markup') }, true, undefined, markup).message;
  };

  const handlers: Record<string, Handler> = {
    getMe: () => botInfo,
    getUpdates: async (p, res) => {
      if (webhookUrl) fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
      const offset = Number(p.offset ?? 0);
      if (offset > 0) queue = queue.filter((u) => u.update_id >= offset);
      if (offset < 0) queue = queue.slice(offset);
      const timeoutMs = Math.min(Number(p.timeout ?? 0) * 1000, options.longPollCapMs ?? 1000);
      if (queue.length === 0 && timeoutMs > 0 && !closed) {
        poll?.wake(true);
        const conflict = await new Promise<boolean>((resolve) => {
          const me = { wake: (c: boolean) => { clearTimeout(timer); if (poll === me) poll = undefined; resolve(c); } };
          const timer = setTimeout(() => me.wake(false), timeoutMs);
          res.once('close', () => me.wake(false));
          poll = me;
        });
        if (conflict) fail(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
      }
      return queue.slice(0, Math.min(Math.max(Number(p.limit ?? 100), 1), 100));
    },
    deleteWebhook: (p) => {
      if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') queue = [];
      webhookUrl = '';
      return true;
    },
    setWebhook: (p) => {
      const url = String(p.url ?? '');
      if (url !== '' && !url.startsWith('https://')) bad('bad webhook: An HTTPS URL must be provided for webhook');
      webhookUrl = url;
      return true;
    },
    getWebhookInfo: () => ({ url: webhookUrl, has_custom_certificate: false, pending_update_count: queue.length }),
    setMyCommands: (p) => { commands.set(JSON.stringify([p.scope ?? null, p.language_code ?? '']), json(p.commands, 'commands')); return true; },
    getMyCommands: (p) => commands.get(JSON.stringify([p.scope ?? null, p.language_code ?? ''])) ?? [],
    sendMessage: (p) => {
      const text = checkText(p.text, p.parse_mode, 'text');
      const markup = checkMarkup(p.reply_markup);
      const fields = { text, reply_markup: json(p.reply_markup, 'reply markup') };
      return addMessage(chatId(p), fields, true, String(p.text), markup).message;
    },
    editMessageText: (p) => {
      const text = checkText(p.text, p.parse_mode, 'text');
      return edit(p, checkMarkup(p.reply_markup), { text }, String(p.text));
    },
    editMessageReplyMarkup: (p) => edit(p, checkMarkup(p.reply_markup), {}),
    answerCallbackQuery: (p) =>
      callbackIds.has(String(p.callback_query_id)) || bad('query is too old and response timeout expired or query ID is invalid'),
    answerInlineQuery: (p) => {
      const results = json(p.results, 'inline query results');
      if (!Array.isArray(results)) return bad('RESULTS_INVALID');
      if (results.length > 50) bad('RESULTS_TOO_MUCH');
      for (const result of results as unknown[]) {
        if (!isObject(result)) return bad('RESULT_TYPE_INVALID');
        checkMarkup(result.reply_markup);
        const content = result.input_message_content;
        if (isObject(content) && 'message_text' in content) checkText(content.message_text, content.parse_mode, 'text');
      }
      return true;
    },
    sendPhoto: (p) => sendFile(p, 'photo'),
    sendDocument: (p) => sendFile(p, 'document'),
    sendChatAction: (p) => {
      chatId(p);
      return CHAT_ACTIONS.includes(String(p.action)) || bad('wrong parameter action in request');
    },
    deleteMessage: (p) => chatRoom(chatId(p)).messages.delete(Number(stored(p, 'delete').message.message_id)),
    getChat: (p) => chatOf(chatId(p)),
  };
  const resets = new Map<string, number>();
  const limitCheck = options.limits === false ? undefined : createLimits({ ...DEFAULT_LIMITS, ...options.limits });
  const limitBreaks: ApiCall[] = [];
  let storm: Storm | undefined;
  let messageCalls = 0;
  const broken = new WeakSet<ApiErrorSpec>();
  /** A limit broken or a storm raging: the error this message call gets. */
  const weather = (method: string, p: Params): ApiErrorSpec | undefined => {
    if (!MESSAGE_METHODS.test(method) || p.chat_id === undefined) return undefined;
    if (storm && ++messageCalls % storm.every === 0) return storm.error;
    const retryAfter = limitCheck?.(Number(p.chat_id), Date.now());
    if (retryAfter === undefined) return undefined;
    const spec = { error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
    broken.add(spec);
    return spec;
  };
  const byLowerName = new Map(Object.entries(handlers).map(([name, h]) => [name.toLowerCase(), h]));

  const record = (call: ApiCall): void => {
    call.at = Date.now();
    calls.push(call);
    for (const waiter of waiters) if (waiter.predicate(call)) waiter.settle(call);
  };
  const scriptedFailure = (method: string, p: Params): ApiErrorSpec | undefined => {
    const chatError = p.chat_id === undefined ? undefined : chatFailures.get(Number(p.chat_id));
    if (chatError) return chatError;
    const scripted = failures.get(method)?.[0];
    if (!scripted) return undefined;
    if (--scripted.times <= 0) failures.get(method)?.shift();
    return scripted.error;
  };

  const serve = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, reqToken, method = ''] = /^\/bot([^/]*)\/([^/]*)$/.exec(url.pathname) ?? [];
    let params: Params = {};
    let response: ApiResponse;
    let limitBroken = false;
    try {
      params = await readParams(req, url);
      const handler = byLowerName.get(method.toLowerCase());
      if (reqToken === undefined) fail(404, 'Not Found');
      if (reqToken !== token) fail(401, 'Unauthorized');
      if (!handler) fail(404, 'Not Found: method not found');
      if ((resets.get(method) ?? 0) > 0) {
        resets.set(method, resets.get(method)! - 1);
        record({ method, params, response: { ok: false, error_code: 0, description: 'connection reset by the stand-in' } });
        req.socket.destroy();
        return;
      }
      // Limits count a request when it arrives, as Telegram's servers do; the answer takes the latency to come back.
      const scripted = scriptedFailure(method, params) ?? weather(method, params);
      if (options.latencyMs && method !== 'getUpdates') await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      if (scripted) throw new ApiError(scripted);
      response = { ok: true, result: await handler?.(params, res) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      limitBroken = broken.has(error.spec);
      response = { ok: false, ...error.spec };
    }
    const call = { method, params, response };
    if (limitBroken) limitBreaks.push(call);
    record(call);
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(response.error_code ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
  };

  const server = http.createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const pushUpdate = (update: Params & { update_id?: number }): Update => {
    const full = { ...update, update_id: update.update_id ?? lastUpdateId + 1 } as Update;
    lastUpdateId = Math.max(lastUpdateId, full.update_id);
    if ('callback_query' in full) callbackIds.add(full.callback_query.id);
    queue.push(full);
    poll?.wake(false);
    return full;
  };

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    calls,
    pushUpdate,
    sendText: (id, text, extra = {}) => {
      const command = /^\/\S+/.exec(text)?.[0];
      const entities = command ? [{ type: 'bot_command', offset: 0, length: command.length }] : undefined;
      const message = addMessage(id, { text, entities, ...extra }, false).message;
      return pushUpdate({ message }) as Update.MessageUpdate<Message.TextMessage>;
    },
    pressButton: (id, messageId, data) => {
      const message = chatRoom(id).messages.get(messageId)?.message
        ?? { message_id: messageId, from: botUser, chat: chatOf(id), date: now(), text: '' };
      const callback_query = { id: `cbq-${lastUpdateId + 1}-${Date.now()}`, from: userOf(id), message, chat_instance: `ci${id}`, data };
      return pushUpdate({ callback_query }) as Update.CallbackQueryUpdate;
    },
    waitFor: (predicate, timeoutMs = 5000) => {
      const seen = calls.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<ApiCall>((resolve, reject) => {
        const waiter = {
          predicate,
          settle: (call?: ApiCall) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            if (call) resolve(call);
            else reject(new Error(`waitFor: no matching call within ${timeoutMs} ms; methods seen: ${summarize(calls)}`));
          },
        };
        const timer = setTimeout(() => waiter.settle(), timeoutMs);
        waiters.add(waiter);
      });
    },
    failNext: (method, error, times = 1) => { failures.set(method, [...(failures.get(method) ?? []), { error, times }]); },
    failForChat: (id, error) => { chatFailures.set(id, error); },
    resetNext: (method, times = 1) => { resets.set(method, (resets.get(method) ?? 0) + times); },
    clearFailures: () => { failures.clear(); chatFailures.clear(); },
    storm: (next) => { storm = next; messageCalls = 0; },
    limitBreaks,
    close: async () => {
      closed = true;
      poll?.wake(false);
      await new Promise((resolve) => setImmediate(resolve));
      for (const waiter of waiters) waiter.settle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 200).unref();
      });
    },
  };
}

/** "getMe, deleteWebhook, getUpdates, sendMessage" (repeats collapsed). */
const summarize = (calls: ApiCall[]): string =>
  calls.map((c) => c.method).filter((m, k, all) => m !== all[k - 1]).join(', ') || '(none)';

/** Reads JSON, multipart/form-data, urlencoded bodies and the query string into one object. */
async function readParams(req: http.IncomingMessage, url: URL): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const params: Params = Object.fromEntries(url.searchParams);
  const type = req.headers['content-type'] ?? '';
  if (body.length === 0) return params;
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request(url, { method: 'POST', headers: { 'content-type': type }, body }).formData();
    for (const [key, value] of form) {
      params[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    }
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else {
    let parsed: unknown;
    try { parsed = JSON.parse(body.toString('utf8')); } catch { return bad("can't parse JSON object"); }
    if (isObject(parsed)) Object.assign(params, parsed);
  }
  return params;
}
