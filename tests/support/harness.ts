// The real bot with every feature, polling the local Bot API stand-in, with a real SQLite file in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDeps, type Deps } from '../../src/transports/wire.ts';

import { createBot } from '../../src/bot/create.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { runTelegram, type TelegramRun } from '../../src/transports/telegram.ts';
import { startFakeBotApi, type ApiCall, type FakeBotApi } from './fakeBotApi.ts';

export interface Running {
  api: FakeBotApi;
  deps: Deps;
  run: TelegramRun;
  dir: string;
  /** Stops the bot and the stand-in and removes the temp folder. */
  stop(): Promise<void>;
}

/** Starts it all; `env` adds settings (ADMIN_CHAT_IDS, SEEDS_DIR…), `log` receives the log lines (silent by default). */
export async function startBot(env: Record<string, string> = {}, log?: { level: 'warn' | 'info' | 'debug'; write: (line: string) => void }): Promise<Running> {
  const api = await startFakeBotApi();
  const dir = mkdtempSync(join(tmpdir(), 'jznews-bot-'));
  const config = loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite'), ...env });
  const logger: Logger = log ? createLogger({ ...config, logLevel: log.level }, { write: log.write }) : createLogger({ ...config, logLevel: 'silent' });
  const deps = await openDeps(config, logger);
  const run = await runTelegram(createBot(deps), deps, { handleSignals: false, exit: () => undefined });
  return {
    api,
    deps,
    run,
    dir,
    stop: async () => {
      await run.stop('test over');
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Matches a successful sendMessage to a chat. */
export const sentTo = (chatId: number) => (c: ApiCall): boolean => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId && c.response.ok;

/** The inline keyboard of a call (telegraf may send it as JSON text). */
export function keyboardOf(call: ApiCall): Array<Array<{ text: string; callback_data: string }>> {
  const raw = call.params.reply_markup;
  const markup = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | undefined;
  return markup?.inline_keyboard ?? [];
}
