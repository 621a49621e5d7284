// The outbound pipeline (src/bot/api/outbound.ts) on virtual time, against a transport that answers like Telegram:
// pacing over any second and minute, priorities, coalesced edits, and the one retry policy.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Telegraf, TelegramError } from 'telegraf';
import { installOutbound } from '../../src/bot/api/client.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BotApiError } from '../../src/bot/api/classify.ts';
import { Outbound, type Payload, type RawCall } from '../../src/bot/api/outbound.ts';
import { createLogger } from '../../src/logger.ts';
import { loadConfig } from '../../src/config.ts';
import { createLimits } from '../support/limits.ts';
import { DEFAULT_LIMITS } from '../support/fakeBotApi.ts';

const log = createLogger({ ...loadConfig({}), logLevel: 'silent' });

interface Sent { method: string; payload: Payload; at: number }

/** A transport with `latencyMs` per call that enforces Telegram's limits and fails as `script` says. */
function transport(latencyMs = 0, script: (call: Sent, n: number) => TelegramError | undefined = () => undefined) {
  const sent: Sent[] = [];
  const breaks: Sent[] = [];
  const limits = createLimits(DEFAULT_LIMITS);
  const raw: RawCall = async (method, payload) => {
    const call = { method, payload, at: Date.now() };
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const scripted = script(call, sent.length);
    sent.push(call);
    if (scripted) throw scripted;
    if (limits(Number(payload.chat_id), call.at) !== undefined) {
      breaks.push(call);
      throw new TelegramError({ error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    }
    return { message_id: sent.length, chat: { id: payload.chat_id } };
  };
  return { raw, sent, breaks };
}

/** Most calls in any window of `ms` among these start times. */
function mostWithin(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= ms) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

const error = (code: number, description: string, parameters?: object): TelegramError =>
  new TelegramError({ error_code: code, description, ...(parameters ? { parameters } : {}) });

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }));
afterEach(() => void vi.useRealTimers());

describe('pacing', () => {
  it('fans 300 digests out at up to 30 a second over any second, one a second per chat, with 200 ms latency', async () => {
    const t = transport(200);
    const outbound = new Outbound({ log });
    const start = Date.now();
    const done = Promise.all(Array.from({ length: 300 }, (_, i) => [0, 1].map(() => outbound.call('sendMessage', { chat_id: i + 1, text: 'digest' }, t.raw, 'bulk'))).flat());
    await vi.advanceTimersByTimeAsync(60_000);
    await done;
    const elapsed = t.sent.at(-1)!.at - start;
    expect(t.breaks).toEqual([]);
    expect(t.sent).toHaveLength(600);
    expect(mostWithin(t.sent.map((c) => c.at), 1000)).toBeLessThanOrEqual(30);
    // Enough calls in flight to keep close to the rate despite the latency.
    expect(600 / (elapsed / 1000)).toBeGreaterThan(25);
  });

  /** Queues 300 digests (chats 1–300, 200 ms latency), lets `afterMs` pass, then sends a reply to `chat`:
   *  returns how long the reply waited, and every call once all is sent. */
  async function replyAmidDigests(chat: number, afterMs: number): Promise<{ waited: number; sent: Sent[]; breaks: Sent[] }> {
    const t = transport(200);
    const outbound = new Outbound({ log });
    const bulk = Array.from({ length: 300 }, (_, i) => outbound.call('sendMessage', { chat_id: i + 1, text: 'digest' }, t.raw, 'bulk'));
    await vi.advanceTimersByTimeAsync(afterMs);
    const asked = Date.now();
    const reply = outbound.call('sendMessage', { chat_id: chat, text: 'answer' }, t.raw, 'reply');
    await vi.advanceTimersByTimeAsync(1500);
    await reply;
    await vi.advanceTimersByTimeAsync(15_000);
    await Promise.all(bulk);
    return { waited: t.sent.find((c) => c.payload.text === 'answer')!.at - asked, sent: t.sent, breaks: t.breaks };
  }

  it('sends a person\'s reply at once while hundreds of digests wait', async () => {
    const { waited, breaks } = await replyAmidDigests(9999, 2000);
    // Ahead of it only the few bulk calls whose start slots were already booked.
    expect(waited).toBeLessThan(500);
    expect(breaks).toEqual([]);
  });

  it('does not hold a reply behind a digest to the same chat that is still waiting for its turn', async () => {
    const { waited, sent, breaks } = await replyAmidDigests(280, 1000);
    expect(waited).toBeLessThan(500);
    const toChat = sent.filter((c) => c.payload.chat_id === 280).map((c) => c.at);
    expect(toChat).toHaveLength(2);
    expect(Math.abs(toChat[1]! - toChat[0]!)).toBeGreaterThanOrEqual(1000);
    expect(breaks).toEqual([]);
  });

  it('keeps a group to 20 messages in any minute and a private chat to its burst', async () => {
    const t = transport(50);
    const outbound = new Outbound({ log });
    const sends = [-500, 500].flatMap((chat) => Array.from({ length: 30 }, () => outbound.call('sendMessage', { chat_id: chat, text: 'x' }, t.raw)));
    await vi.advanceTimersByTimeAsync(120_000);
    await Promise.all(sends);
    const group = t.sent.filter((c) => c.payload.chat_id === -500).map((c) => c.at);
    expect(group).toHaveLength(30);
    expect(mostWithin(group, 60_000)).toBeLessThanOrEqual(20);
    expect(t.breaks).toEqual([]);
  });

  it('replaces a queued edit of a message by a newer one, so 8 quick presses settle within 3 s of the last', async () => {
    const t = transport(100);
    const outbound = new Outbound({ log });
    const edits: Array<Promise<unknown>> = [];
    for (let press = 1; press <= 8; press++) {
      edits.push(outbound.call('editMessageText', { chat_id: 77, message_id: 5, text: `page ${press}` }, t.raw));
      await vi.advanceTimersByTimeAsync(300);
    }
    const lastPress = Date.now() - 300;
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(edits);
    const sent = t.sent.filter((c) => c.method === 'editMessageText');
    expect(sent.at(-1)!.payload.text).toBe('page 8');
    expect(sent.length).toBeLessThan(8);
    expect(sent.at(-1)!.at - lastPress).toBeLessThanOrEqual(3000);
  });
});

describe('the seam for a send log', () => {
  it('says when each call leaves, after the chat\'s pacing, not when it is queued', async () => {
    const t = transport(0);
    const outbound = new Outbound({ log });
    const left: number[] = [];
    const calls = [0, 1].map(() => outbound.call('sendMessage', { chat_id: 5, text: 'x' }, t.raw, 'reply', () => void left.push(Date.now())));
    const queuedAt = Date.now();
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all(calls);
    expect(left).toEqual(t.sent.map((c) => c.at));
    expect(left[1]! - queuedAt).toBeGreaterThanOrEqual(1000);
  });

  it('wraps every call of the bot in its caller\'s async context', async () => {
    const bot = new Telegraf('1:token');
    const telegram = installOutbound(bot, { log });
    telegram.useTransport(async (method) => ({ method }));
    const context = new AsyncLocalStorage<string>();
    const seen: string[] = [];
    telegram.aroundCalls((method, _payload, next) => {
      seen.push(`${context.getStore()}:${method}`);
      return next();
    });
    const sending = context.run('update 7', () => telegram.as('reply').sendMessage(5, 'hi'));
    await vi.advanceTimersByTimeAsync(100);
    await sending;
    expect(seen).toEqual(['update 7:sendMessage']);
  });
});

describe('the one retry policy', () => {
  it('waits out a 429 however long Telegram asks, and the call succeeds', async () => {
    const t = transport(0, (_c, n) => (n === 0 ? error(429, 'Too Many Requests: retry after 15', { retry_after: 15 }) : undefined));
    const outbound = new Outbound({ log });
    const reply = outbound.call('sendMessage', { chat_id: 1, text: 'hi' }, t.raw);
    await vi.advanceTimersByTimeAsync(14_000);
    expect(t.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    await expect(reply).resolves.toBeDefined();
    expect(t.sent[1]!.at - t.sent[0]!.at).toBeGreaterThanOrEqual(15_000);
  });

  it('tries a call meeting 502s a bounded few times, then fails it as retryable', async () => {
    const t = transport(0, () => error(502, 'Bad Gateway'));
    const outbound = new Outbound({ log });
    const reply = outbound.call('sendMessage', { chat_id: 1, text: 'hi' }, t.raw);
    const failed = expect(reply).rejects.toMatchObject({ kind: 'retryable', method: 'sendMessage', chatId: 1 });
    await vi.advanceTimersByTimeAsync(30_000);
    await failed;
    expect(t.sent).toHaveLength(4);
  });

  it('never retries a 400 that is our bug, and says which method it was', async () => {
    const t = transport(0, () => error(400, "Bad Request: can't parse entities"));
    const outbound = new Outbound({ log });
    const reply = outbound.call('sendMessage', { chat_id: 1, text: '<b' }, t.raw).catch((err: unknown) => err);
    await vi.advanceTimersByTimeAsync(5000);
    const err = await reply;
    expect(err).toBeInstanceOf(BotApiError);
    expect(err).toMatchObject({ kind: 'bug', method: 'sendMessage', code: 400 });
    expect(t.sent).toHaveLength(1);
  });

  it('forgets a chat that blocked the bot, and moves a group that became a supergroup', async () => {
    const t = transport(0, (c) => {
      if (c.payload.chat_id === 2) return error(403, 'Forbidden: bot was blocked by the user');
      if (c.payload.chat_id === -3) return error(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1003 });
      return undefined;
    });
    const gone: number[] = [];
    const moved: Array<[number, number]> = [];
    const outbound = new Outbound({ log, onGone: (id) => void gone.push(id), onMigrate: (from, to) => void moved.push([from, to]) });
    const blocked = outbound.call('sendMessage', { chat_id: 2, text: 'x' }, t.raw).catch((err: unknown) => err);
    const migrated = outbound.call('sendMessage', { chat_id: -3, text: 'x' }, t.raw);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await blocked).toMatchObject({ kind: 'gone' });
    await expect(migrated).resolves.toBeDefined();
    expect(gone).toEqual([2]);
    expect(moved).toEqual([[-3, -1003]]);
    expect(t.sent.filter((c) => c.payload.chat_id === -1003)).toHaveLength(1);
  });
});
