/** Guards the Bot API client: paces messages per chat and in all, and retries 429s, 5xx answers and network errors. */
import { TelegramError } from 'telegraf';
import type { Telegram } from 'telegraf';
import type { Logger } from '../logger.ts';

/** Methods that put a message into a chat, and so count against Telegram's limits. */
const SENDS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendMediaGroup', 'copyMessage', 'forwardMessage', 'editMessageText', 'editMessageReplyMarkup']);

export interface GuardOptions {
  log: Logger;
  /** Messages one chat may receive in a burst before pacing sets in. */
  chatBurst?: number;
  /** Milliseconds between messages to one chat once the burst is spent. */
  chatIntervalMs?: number;
  /** Messages a second across all chats. */
  globalPerSecond?: number;
  /** Retries of one call after a 429, a 5xx or a network error. */
  retries?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A token bucket: `take()` resolves when a token is free. */
class Bucket {
  private tokens: number;
  private last: number;
  private chain: Promise<void> = Promise.resolve();
  constructor(
    private readonly capacity: number,
    private readonly intervalMs: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.tokens = capacity;
    this.last = now();
  }
  take(): Promise<void> {
    this.chain = this.chain.then(async () => {
      for (;;) {
        const t = this.now();
        this.tokens = Math.min(this.capacity, this.tokens + (t - this.last) / this.intervalMs);
        this.last = t;
        if (this.tokens >= 1) {
          this.tokens -= 1;
          return;
        }
        await this.sleep(Math.ceil((1 - this.tokens) * this.intervalMs));
      }
    });
    return this.chain;
  }
  /** True when the bucket is full again, so it can be forgotten. */
  get idle(): boolean {
    return this.tokens + (this.now() - this.last) / this.intervalMs >= this.capacity;
  }
}

const transient = (err: unknown): boolean =>
  (err instanceof TelegramError && err.code >= 500) || (err instanceof Error && (err.name === 'FetchError' || /ECONNRESET|ETIMEDOUT|socket hang up|network timeout/i.test(err.message)));

/** Wraps `telegram.callApi` in place. getUpdates is left alone: telegraf's polling retries it itself. */
export function guardApi(telegram: Telegram, options: GuardOptions): void {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const chats = new Map<string, Bucket>();
  const global = new Bucket(options.globalPerSecond ?? 30, 1000 / (options.globalPerSecond ?? 30), now, sleep);
  const retries = options.retries ?? 3;
  const original = telegram.callApi.bind(telegram) as (method: string, payload: object, extra?: object) => Promise<unknown>;

  const call = async (method: string, payload: object, extra?: object): Promise<unknown> => {
    const chatId = (payload as { chat_id?: number | string }).chat_id;
    if (SENDS.has(method) && chatId !== undefined) {
      const key = String(chatId);
      let bucket = chats.get(key);
      if (!bucket) chats.set(key, (bucket = new Bucket(options.chatBurst ?? 3, options.chatIntervalMs ?? 1000, now, sleep)));
      await bucket.take();
      await global.take();
      if (chats.size > 10_000) for (const [k, b] of chats) if (b.idle) chats.delete(k);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await original(method, payload, extra);
      } catch (err) {
        if (method === 'getUpdates' || attempt >= retries) throw err;
        if (err instanceof TelegramError && err.code === 429) {
          const wait = (err.parameters?.retry_after ?? 1) * 1000;
          options.log.warn({ method, chatId, retryAfter: wait / 1000 }, 'Telegram asked to slow down; retrying');
          await sleep(wait);
        } else if (transient(err)) {
          options.log.warn({ method, chatId, attempt: attempt + 1 }, `Telegram API call failed (${(err as Error).message.slice(0, 120)}); retrying`);
          await sleep(500 * 2 ** attempt);
        } else throw err;
      }
    }
  };
  telegram.callApi = call as typeof telegram.callApi;
}
