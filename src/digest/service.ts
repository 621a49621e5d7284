/** The digest service: delivery through one paced queue, on a cron schedule, and on demand with /digest. */
import { Cron } from 'croner';
import type { Telegram } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Library } from '../app/library.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';
import { DeliveryQueue, type QueueOptions } from './queue.ts';
import { deliverDigest, runDigests, type DigestStatus } from './run.ts';

export interface DigestService {
  /** Sends one chat's pending digest now. */
  deliver(chatId: number, telegram?: Telegram): Promise<DigestStatus>;
  /** Sends every subscribed chat its digest. */
  runAll(telegram?: Telegram): ReturnType<typeof runDigests>;
  /** Starts the schedule; digests go out through this Telegram client. */
  start(telegram: Telegram): void;
  stop(): void;
  /** When the next scheduled digest goes out, or null when none is scheduled. */
  nextRun(): Date | null;
  readonly queue: DeliveryQueue;
}

export interface DigestServiceOptions {
  store: Store;
  library: Library;
  log: Logger;
  clock: () => number;
  cron: string;
  timezone: string;
  queue?: QueueOptions;
}

/** Creates the service; nothing runs until start(). */
export function createDigestService(options: DigestServiceOptions): DigestService {
  const { store, library, log, clock } = options;
  // Pacing runs on real time (or the test's virtual time), never on the app clock that stamps records.
  const queue = new DeliveryQueue({
    ...options.queue,
    onGone: (chatId, reason) => {
      const removed = store.removeChat(chatId);
      log.info({ chatId, reason, removed }, 'chat is gone; its subscriptions were removed');
    },
    onMigrate: (from, to) => {
      const moved = store.migrateChat(from, to);
      log.info({ from, to, moved }, 'group became a supergroup; subscriptions moved');
    },
  });
  let client: Telegram | undefined;
  let job: Cron | undefined;
  const deps = (telegram?: Telegram) => {
    const tg = telegram ?? client;
    if (!tg) throw new Error('digest service has no Telegram client: call start(telegram) first');
    return {
      store,
      library,
      queue,
      now: clock,
      log,
      send: (chatId: number, html: string, buttons: InlineKeyboardButton[][]) =>
        tg.sendMessage(chatId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(buttons.length ? { reply_markup: { inline_keyboard: buttons } } : {}) }),
    };
  };
  // A Cron without a callback sets no timer: it only computes run times.
  const schedule = (): Cron => new Cron(options.cron, { timezone: options.timezone });
  return {
    queue,
    deliver: (chatId, telegram) => deliverDigest(deps(telegram), chatId),
    runAll: (telegram) => runDigests(deps(telegram)),
    start(telegram) {
      client = telegram;
      job?.stop();
      job = new Cron(options.cron, { timezone: options.timezone, protect: true }, async () => {
        try {
          await runDigests(deps());
        } catch (err) {
          log.error({ err }, 'scheduled digest run failed');
        }
      });
      log.info({ cron: options.cron, timezone: options.timezone, next: job.nextRun()?.toISOString() }, 'digest schedule started');
    },
    stop() {
      job?.stop();
      job = undefined;
    },
    nextRun: () => (job ?? schedule()).nextRun(),
  };
}
