/** Entry point: config, logger, corpus, store and bot; on Telegram with BOT_TOKEN, else as a console chat. */
import 'dotenv/config';
import { openDeps } from './transports/wire.ts';
import type { Deps } from './transports/wire.ts';
import { createBot } from './bot/create.ts';
import { ConfigError, loadConfig } from './config.ts';
import type { Config } from './config.ts';
import { describeError } from './errors.ts';
import { watchSeeds } from './app/ingest.ts';
import { createLogger } from './logger.ts';
import { runConsole } from './transports/console.ts';
import { runTelegram } from './transports/telegram.ts';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write('jznews: the configuration has problems (see .env.example):\n');
  for (const problem of err.problems) process.stderr.write(`  - ${problem}\n`);
  process.exit(2);
}

const log = createLogger(config);
let deps: Deps;
try {
  deps = await openDeps(config, log);
} catch (err) {
  // File system errors name their file only in `path`: put it in the sentence.
  const file = (err as { path?: unknown }).path;
  log.fatal({ err }, `cannot start: ${describeError(err)}${typeof file === 'string' ? ` (${file})` : ''}`);
  process.exit(1);
}

const bot = createBot(deps);
// New or changed pages in SEEDS_DIR are indexed without a restart.
const watcher = watchSeeds({ ...deps, seedsDir: config.seedsDir });
if (config.botToken) {
  try {
    await runTelegram(bot, deps, { onStop: () => watcher.close() });
  } catch (err) {
    log.fatal({ err }, `cannot connect to Telegram: ${describeError(err)}`);
    deps.store.close();
    process.exit(1);
  }
} else {
  await runConsole(bot, { input: process.stdin, output: process.stdout });
  watcher.close();
  deps.store.close();
}
