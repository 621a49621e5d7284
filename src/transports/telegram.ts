/** Connects the bot to Telegram: the command menu, then long polling or a webhook server; stops cleanly on signals. */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context, Telegraf } from 'telegraf';
import type { Deps } from './wire.ts';
import { COMMANDS } from '../bot/format/help.ts';
import { describeError } from '../errors.ts';
import { serializeUpdates } from './updates.ts';

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
const STOP_WAIT_MS = 3000;

const within = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref())]);

/** Constant-time comparison of the secret header. */
function secretMatches(got: string, expected: string): boolean {
  const a = Buffer.from(got);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The webhook server: POSTs to the webhook path with the right secret go to telegraf; others are refused. */
function webhookServer(bot: Telegraf<Context>, deps: Deps, path: string, secret: string): http.Server {
  const callback = bot.webhookCallback(path, { secretToken: secret });
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
    callback(req, res).catch((err: unknown) => {
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
  const updates = serializeUpdates(bot, log);

  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'stopping');
      if (polling) {
        bot.stop(reason);
        await within(polling, STOP_WAIT_MS);
      }
      if (server) {
        const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
        server.closeIdleConnections();
        if (!(await within(closed.then(() => true), STOP_WAIT_MS))) server.closeAllConnections();
      }
      await within(updates.idle(), STOP_WAIT_MS);
      deps.digests.stop();
      options.onStop?.();
      await within(deps.digests.queue.idle(), STOP_WAIT_MS);
      deps.store.close();
      log.info('stopped');
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals): void => {
      setTimeout(() => exit(0), STOP_WAIT_MS + 1000).unref();
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

  if (config.webhookUrl && config.webhookSecret) {
    const url = new URL(config.webhookUrl);
    const path = `${url.pathname}${url.search}`;
    server = webhookServer(bot, deps, path, config.webhookSecret);
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
