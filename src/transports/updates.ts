/**
 * Durable intake: an update is acknowledged (telegraf's next getUpdates offset, the webhook's 200) only once it is in
 * the SQLite inbox, or handled when the inbox cannot be written. Updates run one chat at a time, chats in parallel.
 */
import type { Context, Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';
import { inUpdate, logSends } from './sends.ts';

/** When a chat has this many updates waiting, it is told once that answers are coming in order. */
export const FLOOD_NOTE_AT = 6;
export const FLOOD_NOTE = '消息有点多，我会按顺序逐条回复，请稍候。';
/** An update that was replayed this many times without being handled (it may crash the bot) is dropped. */
export const MAX_REPLAYS = 3;
/** Handled updates are remembered this long, so a webhook's retry of one is recognised and ignored. */
const REMEMBER_MS = 24 * 3600_000;
/** Older handled updates are forgotten at start and after every this many handled updates. */
const PRUNE_EVERY = 1000;

/** The chat an update belongs to, or a per-user/per-query key when it has no chat. */
export function chatKey(update: Update): string {
  const u = update as unknown as Record<string, { chat?: { id: number }; from?: { id: number }; message?: { chat?: { id: number } } } | undefined>;
  for (const kind of ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'callback_query', 'my_chat_member', 'chat_member']) {
    const part = u[kind];
    const id = part?.chat?.id ?? part?.message?.chat?.id ?? part?.from?.id;
    if (id !== undefined) return String(id);
  }
  return `update:${update.update_id}`;
}

export interface Intake {
  /** Queues the updates left unhandled by the last run (oldest first); returns how many. */
  replay(): number;
  /** Resolves once every queued update is handled, or (after hold) skipped. */
  idle(): Promise<void>;
  /** Starts no further handler; those already running go on. What is still queued stays in the inbox for the next start. */
  hold(): void;
  /** Updates handled since start, and updates received but not handled (still queued, or left for the next start). */
  counts(): { finished: number; waiting: number };
  /** Holds, and refuses the sends of handlers still running: they stay in the inbox, and their replay repeats none of their sends. */
  close(): void;
}

export interface IntakeDeps {
  store: Store;
  log: Logger;
  clock: () => number;
}

/** Replaces bot.handleUpdate with the durable intake, and logs every send an update makes. */
export function durableIntake(bot: Telegraf<Context>, deps: IntakeDeps): Intake {
  const { store, log, clock } = deps;
  const { inbox } = store;
  const handle = bot.handleUpdate.bind(bot);
  const queues = new Map<string, { tail: Promise<void>; waiting: number; noted: boolean }>();
  let waiting = 0;
  let finished = 0;
  /** Updates that end this run still in the inbox: never started, or cut short by close. */
  let left = 0;
  let drained: Array<() => void> = [];
  let held = false;
  let closed = false;
  const sends = logSends(bot.telegram, inbox, log);

  const noteFlood = (key: string, q: { waiting: number; noted: boolean }): void => {
    if (q.waiting < FLOOD_NOTE_AT || q.noted || !/^-?\d+$/.test(key)) return;
    q.noted = true;
    bot.telegram.sendMessage(Number(key), FLOOD_NOTE).catch((err: unknown) => log.warn({ err, chatId: key }, 'could not send the flood note'));
  };

  /** Runs the update after the chat's earlier ones; marks it handled in the inbox when `kept` there. */
  const enqueue = (update: Update, kept: boolean, replayed = false): Promise<void> => {
    const key = chatKey(update);
    const q = queues.get(key) ?? { tail: Promise.resolve(), waiting: 0, noted: false };
    queues.set(key, q);
    q.waiting++;
    waiting++;
    if (!replayed) noteFlood(key, q);
    let ran = false;
    let marked = false;
    q.tail = q.tail
      .then(() => {
        if (held && kept) return;
        ran = true;
        return inUpdate(update.update_id, () => handle(update));
      })
      .catch((err: unknown) => log.error({ err, updateId: update.update_id }, 'update failed outside the error handler'))
      .then(() => {
        // One still running when intake closed had its later sends refused: it stays in the inbox, and its replay
        // after the restart repeats none of the sends it made (the send log), only what it had left to do.
        if (ran && kept && !closed) {
          inbox.finish(update.update_id, clock());
          marked = true;
        }
        if (ran && (finished + 1) % PRUNE_EVERY === 0) prune();
      })
      .catch((err: unknown) => log.error({ err, updateId: update.update_id }, 'could not mark an update handled; it will be replayed, its sends are not repeated'))
      .finally(() => {
        q.waiting--;
        waiting--;
        if (ran && (marked || !kept)) finished++;
        else left++;
        if (q.waiting === 0) queues.delete(key);
        if (waiting === 0) drained.splice(0).forEach((resolve) => resolve());
      });
    return q.tail;
  };

  bot.handleUpdate = (update) => {
    let kept: boolean;
    try {
      kept = inbox.receive(update.update_id, chatKey(update), JSON.stringify(update), clock());
    } catch (err) {
      // The inbox cannot be written (a full disk): handle the update before acknowledging it instead.
      log.error({ err, updateId: update.update_id }, 'could not keep an update in the inbox; handling it before acknowledging it');
      return enqueue(update, false);
    }
    if (!kept) {
      log.info({ updateId: update.update_id }, 'duplicate update ignored');
      return Promise.resolve();
    }
    void enqueue(update, true);
    return Promise.resolve();
  };

  const prune = (): void => {
    try {
      inbox.prune(clock() - REMEMBER_MS);
    } catch (err) {
      log.warn({ err }, 'could not forget old handled updates');
    }
  };

  return {
    replay() {
      prune();
      const rows = inbox.unfinished();
      inbox.countReplay();
      for (const row of rows) {
        let update: Update | undefined;
        try {
          update = JSON.parse(row.payload) as Update;
        } catch (err) {
          log.error({ err, updateId: row.updateId }, 'an update in the inbox cannot be read; dropped');
        }
        if (update && row.replays >= MAX_REPLAYS) {
          log.error({ updateId: row.updateId, chatId: chatKey(update), replays: row.replays }, 'an update was replayed at several starts and never finished (it may crash the bot); dropped');
          update = undefined;
        }
        if (update) void enqueue(update, true, true);
        else inbox.finish(row.updateId, clock());
      }
      if (rows.length > 0) log.info({ updates: rows.length }, 'replaying updates received before the last stop');
      return rows.length;
    },
    idle: () => (waiting === 0 ? Promise.resolve() : new Promise<void>((resolve) => drained.push(resolve))),
    counts: () => ({ finished, waiting: waiting + left }),
    hold() {
      held = true;
    },
    close() {
      held = true;
      closed = true;
      sends.close();
    },
  };
}
