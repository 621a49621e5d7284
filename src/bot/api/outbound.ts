/** The one outbound pipeline: every Bot API call is retried and classified here, and messages paced (one bottleneck limiter) by priority. */
import Bottleneck from 'bottleneck';
import type { Logger } from '../../logger.ts';
import { BotApiError, classify } from './classify.ts';

/** A person's own reply goes ahead of bulk (digests). */
export type Priority = 'reply' | 'bulk';
export type Payload = Record<string, unknown>;
/** Sends one call to the Bot API as is. */
export type RawCall = (method: string, payload: Payload) => Promise<unknown>;

/** Methods that put or change a message in a chat: they count against Telegram's limits. */
const PACED = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendMediaGroup', 'sendAnimation', 'sendVideo', 'sendAudio',
  'sendVoice', 'sendSticker', 'sendLocation', 'sendContact', 'sendPoll', 'sendDice', 'copyMessage', 'forwardMessage',
  'editMessageText', 'editMessageCaption', 'editMessageReplyMarkup', 'editMessageMedia']);
/** Edits: a queued one is replaced by a newer edit of the same message. */
const EDITS = new Set(['editMessageText', 'editMessageCaption', 'editMessageReplyMarkup', 'editMessageMedia']);

export interface OutboundOptions {
  log: Logger;
  /** Paced messages a second across all chats, over any second (Telegram: 30). */
  perSecond?: number;
  /** Milliseconds between two messages to one private chat (Telegram: about one a second). */
  privateGapMs?: number;
  /** Milliseconds between two messages to one group (Telegram: 20 a minute). */
  groupGapMs?: number;
  /** Calls in flight at once, so the rate is reached at high latency; bottleneck books this many start slots ahead,
   *  which is also how long (× the spacing) a reply can wait behind bulk. */
  maxInFlight?: number;
  /** Tries of one call that meets 5xx answers or network errors. */
  tries?: number;
  /** Waits of one call on 429 answers, each as long as Telegram asks. */
  waits429?: number;
  /** The chat blocked the bot, was deleted or never existed. */
  onGone?: (chatId: number, reason: string) => void;
  /** The group became a supergroup. */
  onMigrate?: (from: number, to: number) => void;
}

/** One chat: its replies and its bulk each go out in order (two lanes, so a digest waiting for its turn never holds up
 *  a reply), and any two of its messages start at least the chat's gap apart. */
interface Lane {
  tails: Record<Priority, Promise<unknown>>;
  lastStart: number;
  queued: number;
}

/** What a limiter job returns when the chat or the second is full after all: wait and queue again. */
const NOT_YET = Symbol('not yet');

interface PendingEdit {
  method: string;
  payload: Payload;
  result: Promise<unknown>;
}

/** Room left in each second for requests that reach Telegram out of step (a busy event loop sends them in bunches). */
const WINDOW_MARGIN_MS = 150;
/** Lanes kept before quiet ones are forgotten. */
const LANES_KEPT = 1000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const chatIdOf = (payload: Payload): number | string | undefined => payload.chat_id as number | string | undefined;
const isGroup = (chatId: number | string): boolean => typeof chatId === 'string' || chatId < 0;

export class Outbound {
  private readonly limiter: Bottleneck;
  private readonly lanes = new Map<string, Lane>();
  /** Start times of the last `perSecond` messages, so no second ever holds more. */
  private readonly starts: number[] = [];
  private readonly edits = new Map<string, PendingEdit>();
  private readonly opts: Required<Omit<OutboundOptions, 'onGone' | 'onMigrate'>> & Pick<OutboundOptions, 'onGone' | 'onMigrate'>;
  private inFlight = 0;
  private idlers: Array<() => void> = [];

  constructor(options: OutboundOptions) {
    this.opts = { perSecond: 30, privateGapMs: 1000, groupGapMs: 3200, maxInFlight: 10, tries: 4, waits429: 6, ...options };
    // minTime spaces starts so that no second holds more than perSecond of them, with a margin for network jitter.
    this.limiter = new Bottleneck({ maxConcurrent: this.opts.maxInFlight, minTime: Math.ceil((1000 / this.opts.perSecond) * 1.08) });
  }

  /** Runs one Bot API call through pacing, retries and classification; `leaving` is told each time a try goes out. */
  call(method: string, payload: Payload, raw: RawCall, priority: Priority = 'reply', leaving?: () => void): Promise<unknown> {
    const chatId = chatIdOf(payload);
    // A long poll is always open: it is not something to wait for before stopping.
    if (method === 'getUpdates') return this.withRetries(method, payload, raw, priority, leaving);
    if (!PACED.has(method) || chatId === undefined) return this.tracked(() => this.withRetries(method, payload, raw, priority, leaving));
    if (EDITS.has(method) && payload.message_id !== undefined) return this.edit(method, payload, raw, priority, leaving);
    return this.tracked(() => this.inLane(chatId, priority, () => this.withRetries(method, payload, raw, priority, leaving)));
  }

  /** Sends without pacing: for a stand-in that is not Telegram (the console chat). */
  unpace(): void {
    Object.assign(this.opts, { privateGapMs: 0, groupGapMs: 0, perSecond: Infinity });
    this.limiter.updateSettings({ minTime: 0 });
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idlers.push(resolve));
  }

  /** A newer edit of a message not yet sent replaces it (until the moment it starts); both callers get the outcome. */
  private edit(method: string, payload: Payload, raw: RawCall, priority: Priority, leaving?: () => void): Promise<unknown> {
    const key = `${String(payload.chat_id)}:${String(payload.message_id)}:${method}`;
    const waiting = this.edits.get(key);
    if (waiting) {
      // The queued call holds this very object: its contents become the newer edit's.
      for (const field of Object.keys(waiting.payload)) delete waiting.payload[field];
      Object.assign(waiting.payload, payload);
      return waiting.result;
    }
    const entry: PendingEdit = { method, payload: { ...payload }, result: Promise.resolve() };
    this.edits.set(key, entry);
    const started = (): void => {
      if (this.edits.get(key) === entry) this.edits.delete(key);
      leaving?.();
    };
    entry.result = this.tracked(() => this.inLane(chatIdOf(payload)!, priority, () => this.withRetries(method, entry.payload, raw, priority, started)));
    return entry.result;
  }

  private async tracked<T>(run: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await run();
    } finally {
      if (--this.inFlight === 0) this.idlers.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Queues work behind the chat's earlier calls of the same priority. */
  private inLane<T>(chatId: number | string, priority: Priority, run: () => Promise<T>): Promise<T> {
    const key = String(chatId);
    const lane = this.lanes.get(key) ?? { tails: { reply: Promise.resolve(), bulk: Promise.resolve() }, lastStart: -Infinity, queued: 0 };
    this.lanes.set(key, lane);
    lane.queued++;
    const result = lane.tails[priority].then(run);
    lane.tails[priority] = result.catch(() => undefined).finally(() => void lane.queued--);
    if (this.lanes.size > LANES_KEPT) this.forgetQuietLanes();
    return result;
  }

  /** Drops lanes with nothing queued whose last message is older than any gap: their pacing no longer matters. */
  private forgetQuietLanes(): void {
    const before = Date.now() - Math.max(this.opts.privateGapMs, this.opts.groupGapMs);
    for (const [key, lane] of this.lanes) if (lane.queued === 0 && lane.lastStart < before) this.lanes.delete(key);
  }

  /** One try: waits for the chat's gap, then for the shared limiter, then sends. */
  private async once(method: string, payload: Payload, raw: RawCall, priority: Priority, started?: () => void): Promise<unknown> {
    const chatId = chatIdOf(payload);
    const lane = PACED.has(method) && chatId !== undefined ? this.lanes.get(String(chatId)) : undefined;
    // Answers to buttons and inline queries, polling and the like are not messages: Telegram does not pace them.
    if (!lane) {
      started?.();
      return raw(method, payload);
    }
    const gap = isGroup(chatId!) ? this.opts.groupGapMs : this.opts.privateGapMs;
    for (;;) {
      const wait = this.waitFor(lane, gap, Date.now());
      if (wait > 0) await sleep(wait);
      // Checked again when the limiter starts the job: the chat's other lane may have sent meanwhile.
      const sent = await this.limiter.schedule({ priority: priority === 'reply' ? 1 : 8 }, () => {
        const now = Date.now();
        if (this.waitFor(lane, gap, now) > 0) return Promise.resolve(NOT_YET);
        lane.lastStart = now;
        started?.();
        this.starts.push(now);
        if (this.starts.length > this.opts.perSecond) this.starts.shift();
        return raw(method, payload);
      });
      if (sent !== NOT_YET) return sent;
    }
  }

  /** Milliseconds until both the chat's gap and the last second's allowance let a message start. */
  private waitFor(lane: Lane, gap: number, now: number): number {
    const full = this.starts.length >= this.opts.perSecond ? this.starts[this.starts.length - this.opts.perSecond]! + 1000 + WINDOW_MARGIN_MS - now : 0;
    return Math.max(lane.lastStart + gap - now, full);
  }

  /** The one bounded retry policy: 429 waits as long as asked, 5xx and network errors back off, the rest fail typed. */
  private async withRetries(method: string, payload: Payload, raw: RawCall, priority: Priority, started?: () => void): Promise<unknown> {
    const chatId = chatIdOf(payload);
    let tries = 0;
    let waits = 0;
    for (;;) {
      tries++;
      try {
        return await this.once(method, payload, raw, priority, started);
      } catch (err) {
        // Stopping aborts the long poll: telegraf expects its own AbortError back.
        if (err instanceof Error && err.name === 'AbortError') throw err;
        const failure = classify(err);
        const fields = { method, chatId, tries };
        if (failure.kind === 'retryable' && failure.retryAfterMs !== undefined && waits < this.opts.waits429) {
          waits++;
          tries--;
          this.opts.log.warn({ ...fields, retryAfter: failure.retryAfterMs / 1000 }, 'Telegram asked to slow down; retrying');
          await sleep(failure.retryAfterMs);
          continue;
        }
        if (failure.kind === 'retryable' && failure.retryAfterMs === undefined && tries < this.opts.tries) {
          this.opts.log.warn(fields, `Telegram API call failed (${String((err as Error).message).slice(0, 120)}); retrying`);
          await sleep(500 * 2 ** (tries - 1));
          continue;
        }
        if (failure.kind === 'migrated' && typeof chatId === 'number') {
          this.opts.onMigrate?.(chatId, failure.to);
          this.opts.log.info({ from: chatId, to: failure.to, method }, 'group became a supergroup; sending there');
          return this.call(method, { ...payload, chat_id: failure.to }, raw, priority);
        }
        // Polling gives up to telegraf, which waits and polls again (or stops on 401/409) by the errors it knows.
        if (method === 'getUpdates') throw err;
        if (failure.kind === 'gone' && typeof chatId === 'number') this.opts.onGone?.(chatId, failure.reason);
        // Logged once, as an error, by whoever made the call (the update's error handler, the digest run).
        if (failure.kind === 'bug') this.opts.log.debug({ ...fields, reason: failure.reason }, `Bot API refused ${method}: ${failure.reason}`);
        throw new BotApiError(failure, method, chatId, tries, err);
      }
    }
  }
}
