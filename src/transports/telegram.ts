/** Connects the bot to Telegram: the command menu, then long polling or a webhook server; stops cleanly on signals. */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context, Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Deps } from './wire.ts';
import { COMMANDS } from '../bot/format/help.ts';
import { describeError } from '../errors.ts';
import { durableIntake } from './updates.ts';

export interface RunTelegramOptions {
  /** Install SIGINT/SIGTERM handlers that stop and exit 0 (default true; tests pass false). */
  handleSignals?: boolean;
  /** Called after a signal (0) or a fatal polling error (1) stopped everything; default process.exit. */
  exit?: (code: number) => void;
  /** Called while stopping, before the store closes (e.g. to stop watching the pages folder). */
  onStop?: () => void;
}

export interface TelegramRun {
  stop(reason: string): Promise<void>;
  /** The webhook server's address (webhook mode only). */
  address?: AddressInfo;
}

const ALLOWED_UPDATES: NonNullable<Telegraf.LaunchOptions['allowedUpdates']> = ['message', 'edited_message', 'callback_query', 'inline_query', 'my_chat_member'];
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Everything a stop does fits in this, so the process exits within 5 s of a signal. */
const STOP_BUDGET_MS = 4000;
/** How long a stop waits for the updates already running to finish before it refuses their sends. */
const RUNNING_GRACE_MS = 1500;

const within = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref())]);

/** Constant-time comparison of the secret header. */
function secretMatches(got: string, expected: string): boolean {
  const a = Buffer.from(got);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The largest update body the webhook accepts; Telegram's updates are far smaller. */
export const MAX_WEBHOOK_BODY = 1024 * 1024;

/** Reads a request body up to `cap` bytes; null when it is larger. */
async function readBody(req: http.IncomingMessage, cap: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > cap) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > cap) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a webhook body into an update; undefined when it is not one. */
function parseUpdate(body: Buffer): Update | undefined {
  try {
    const update = JSON.parse(body.toString('utf8')) as Update | null;
    return typeof update === 'object' && update !== null && Number.isSafeInteger(update.update_id) ? update : undefined;
  } catch {
    return undefined;
  }
}

/** The webhook server: an update POSTed with the right secret is answered 200 once it is in the inbox. */
function webhookServer(bot: Telegraf<Context>, deps: Deps, path: string, secret: string, stopping: () => boolean): http.Server {
  const receive = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const body = await readBody(req, MAX_WEBHOOK_BODY);
    if (body === null) return void res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('update too large\n');
    const update = parseUpdate(body);
    if (!update) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('not an update\n');
    await bot.handleUpdate(update);
    res.writeHead(200).end();
  };
  return http.createServer((req, res) => {
    const refuse = (status: number, why: string): void => {
      if (status !== 404) deps.log.warn({ status, method: req.method, path: req.url?.slice(0, 100) }, `webhook request refused: ${why}`);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`${why}\n`);
    };
    if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200).end('ok\n');
    if (req.url !== path) return refuse(404, 'not found');
    if (req.method !== 'POST') return refuse(405, 'method not allowed');
    const got = req.headers[SECRET_HEADER];
    if (typeof got !== 'string' || got === '') return refuse(401, 'missing secret token');
    if (!secretMatches(got, secret)) return refuse(403, 'wrong secret token');
    // Telegram sends the update again later: nothing is taken while stopping.
    if (stopping()) return refuse(503, 'stopping');
    receive(req, res).catch((err: unknown) => {
      deps.log.error({ err }, `webhook update failed: ${describeError(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
}

/** Registers the menu, then starts polling (or the webhook) without waiting for it to end; returns how to stop. */
export async function runTelegram(bot: Telegraf<Context>, deps: Deps, options: RunTelegramOptions = {}): Promise<TelegramRun> {
  const { config, log } = deps;
  let stopping: Promise<void> | undefined;
  let server: http.Server | undefined;
  let polling: Promise<void> | undefined;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const intake = durableIntake(bot, deps);

  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      const deadline = Date.now() + STOP_BUDGET_MS;
      const left = (reserve = 0): number => Math.max(0, deadline - reserve - Date.now());
      log.info({ reason }, 'stopping: no new updates are taken');
      if (polling) {
        bot.stop(reason);
        await within(polling, left(3000));
      }
      if (server) {
        const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
        server.closeIdleConnections();
        if (!(await within(closed.then(() => true), left(3000)))) server.closeAllConnections();
      }
      deps.digests.stop();
      options.onStop?.();
      // Updates not yet started wait in the inbox for the next start; those running get a short grace to finish.
      intake.hold();
      await within(intake.idle(), Math.min(RUNNING_GRACE_MS, left(1000)));
      intake.close();
      await within(intake.idle(), left(1000));
      const { finished, waiting } = intake.counts();
      await within(deps.digests.queue.idle(), left());
      // finished: updates handled in this run; left: received but kept in the inbox for the next start.
      log.info({ finished, left: waiting }, 'stopped');
      deps.store.close();
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals): void => {
      setTimeout(() => exit(0), STOP_BUDGET_MS + 500).unref();
      stop(signal).then(() => exit(0), () => exit(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  bot.botInfo ??= await bot.telegram.getMe();
  log.info({ username: bot.botInfo.username }, 'connected to Telegram');
  const commands = COMMANDS.map(({ command, description }) => ({ command, description }));
  await bot.telegram.setMyCommands(commands).catch((err: unknown) => log.warn({ err }, `could not set the command menu: ${describeError(err)}`));

  deps.digests.start(bot.telegram);
  // What the last run received but did not finish goes first, ahead of anything new from the same chat.
  intake.replay();

  if (config.webhookUrl && config.webhookSecret) {
    const url = new URL(config.webhookUrl);
    const path = `${url.pathname}${url.search}`;
    server = webhookServer(bot, deps, path, config.webhookSecret, () => stopping !== undefined);
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(config.port, () => resolve());
    });
    const address = server.address() as AddressInfo;
    await bot.telegram.setWebhook(config.webhookUrl, { secret_token: config.webhookSecret, allowed_updates: ALLOWED_UPDATES });
    log.info({ port: address.port, path }, 'webhook server listening');
    return { stop, address };
  }

  // launch() resolves only when polling ends, so it is not awaited; a fatal polling error (401, 409) stops the bot.
  polling = bot.launch({ allowedUpdates: ALLOWED_UPDATES }).catch((err: unknown) => {
    log.fatal({ err }, `polling failed: ${describeError(err)}`);
    void stop('polling failed').then(() => exit(1), () => exit(1));
  });
  log.info('long polling started');
  return { stop };
}
