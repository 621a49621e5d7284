/** The digest service: delivery as bulk through the outbound pipeline, on a cron schedule, and on demand with /digest. */
import { Cron } from 'croner';
import type { Telegram } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Library } from '../app/library.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';
import { OutboundTelegram } from '../bot/api/client.ts';
import type { DigestStatus } from '../bot/context.ts';
import { deliverDigest, runDigests } from './run.ts';

/** What is still on its way to Telegram, for a clean stop. */
export interface PendingSends {
  idle(): Promise<void>;
  readonly pending: number;
}

export interface DigestService {
  /** Sends one chat's pending digest now (through the client given: /digest answers as a reply). */
  deliver(chatId: number, telegram?: Telegram): Promise<DigestStatus>;
  /** Sends every subscribed chat its digest, as bulk. */
  runAll(telegram?: Telegram): ReturnType<typeof runDigests>;
  /** Starts the schedule; digests go out through this Telegram client. */
  start(telegram: Telegram): void;
  stop(): void;
  /** When the next scheduled digest goes out, or null when none is scheduled. */
  nextRun(): Date | null;
  readonly queue: PendingSends;
}

export interface DigestServiceOptions {
  store: Store;
  library: Library;
  log: Logger;
  clock: () => number;
  cron: string;
  timezone: string;
}

/** Creates the service; nothing runs until start(). */
export function createDigestService(options: DigestServiceOptions): DigestService {
  const { store, library, log, clock } = options;
  let client: Telegram | undefined;
  let job: Cron | undefined;
  /** Scheduled and all-chat runs go out as bulk, behind people's own replies. */
  const bulk = (telegram: Telegram): Telegram => (telegram instanceof OutboundTelegram ? telegram.as('bulk') : telegram);
  const deps = (telegram?: Telegram) => {
    const tg = telegram ?? client;
    if (!tg) throw new Error('digest service has no Telegram client: call start(telegram) first');
    return {
      store,
      library,
      now: clock,
      log,
      send: (chatId: number, html: string, buttons: InlineKeyboardButton[][]) =>
        tg.sendMessage(chatId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(buttons.length ? { reply_markup: { inline_keyboard: buttons } } : {}) }),
    };
  };
  // A Cron without a callback sets no timer: it only computes run times.
  const schedule = (): Cron => new Cron(options.cron, { timezone: options.timezone });
  const queue: PendingSends = {
    idle: () => (client instanceof OutboundTelegram ? client.outbound.idle() : Promise.resolve()),
    get pending() {
      return client instanceof OutboundTelegram ? client.outbound.pending : 0;
    },
  };
  return {
    queue,
    deliver: (chatId, telegram) => deliverDigest(deps(telegram), chatId),
    runAll: (telegram) => runDigests(deps(bulk(telegram ?? client!))),
    start(telegram) {
      client = telegram;
      job?.stop();
      job = new Cron(options.cron, { timezone: options.timezone, protect: true }, async () => {
        try {
          await runDigests(deps(bulk(client!)));
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
