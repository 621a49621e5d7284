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

/** The store key of a digest run in progress: still there at a start means the last run was cut short. */
export const DIGEST_RUN_KEY = 'digest-run';

/** Refuses new digest sends once the service is stopping, so none starts that could not be confirmed before exit. */
class DigestStopping extends Error {
  override readonly name = 'DigestStopping';
}

/** Creates the service; nothing runs until start(). */
export function createDigestService(options: DigestServiceOptions): DigestService {
  const { store, library, log, clock } = options;
  let client: Telegram | undefined;
  let job: Cron | undefined;
  let stopping = false;
  /** Scheduled and all-chat runs go out as bulk, behind people's own replies. */
  const bulk = (telegram: Telegram | undefined): Telegram | undefined => (telegram instanceof OutboundTelegram ? telegram.as('bulk') : telegram);
  const deps = (telegram?: Telegram) => {
    const tg = telegram ?? client;
    if (!tg) throw new Error('digest service has no Telegram client: call start(telegram) first');
    if (stopping) throw new DigestStopping('digests are stopping');
    // Nothing goes out that could not be marked delivered: on a full disk this write fails first, before any send.
    store.write('digest-probe', clock());
    return {
      store,
      library,
      now: clock,
      log,
      send: async (chatId: number, html: string, buttons: InlineKeyboardButton[][]) => {
        // A send already in flight is confirmed (marked delivered) before the store closes; a later one waits for the next start.
        if (stopping) throw new DigestStopping('digests are stopping; this message goes out after the restart');
        return tg.sendMessage(chatId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(buttons.length ? { reply_markup: { inline_keyboard: buttons } } : {}) });
      },
    };
  };
  // A Cron without a callback sets no timer: it only computes run times.
  const schedule = (): Cron => new Cron(options.cron, { timezone: options.timezone });
  /** Digest runs and deliveries under way: each ends only after its sends are marked delivered (or refused). */
  const active = new Set<Promise<unknown>>();
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    active.add(work);
    work.then(() => active.delete(work), () => active.delete(work));
    return work;
  };
  const queue: PendingSends = {
    idle: async () => {
      while (active.size > 0) await Promise.allSettled([...active]);
      if (client instanceof OutboundTelegram) await client.outbound.idle();
    },
  };
  /** A whole run as bulk, recorded in the store while it lasts, so a crash in the middle is resumed at the next start. */
  const runAll = (telegram?: Telegram): ReturnType<typeof runDigests> => tracked((async () => {
    const run = deps(bulk(telegram ?? client));
    store.write(DIGEST_RUN_KEY, { startedAt: clock() });
    const summary = await runDigests(run);
    if (!stopping) store.delete(DIGEST_RUN_KEY);
    return summary;
  })());
  const runLogged = (why: string): void =>
    void runAll().catch((err: unknown) => {
      if (!(err instanceof DigestStopping)) log.error({ err }, `${why} digest run failed`);
    });
  return {
    queue,
    deliver: (chatId, telegram) => tracked(deliverDigest(deps(telegram), chatId)),
    runAll,
    start(telegram) {
      client = telegram;
      stopping = false;
      job?.stop();
      job = new Cron(options.cron, { timezone: options.timezone, protect: true }, () => runLogged('scheduled'));
      log.info({ cron: options.cron, timezone: options.timezone, next: job.nextRun()?.toISOString() }, 'digest schedule started');
      const interrupted = store.read<{ startedAt: number }>(DIGEST_RUN_KEY);
      if (interrupted) {
        log.warn({ startedAt: new Date(interrupted.startedAt).toISOString() }, 'the last digest run was cut short; resuming it now');
        runLogged('resumed');
      }
    },
    stop() {
      stopping = true;
      job?.stop();
      job = undefined;
    },
    nextRun: () => (job ?? schedule()).nextRun(),
  };
}
