/** `npm run -s ask -- [--chat ID] [--db PATH] [--verbose] "<message>" ["<message2>" …]`: talks to the bot through the console client. */
import 'dotenv/config';
import { openDeps } from '../transports/wire.ts';
import { createBot } from '../bot/create.ts';
import { ConfigError, loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createConsoleClient, renderReplies } from '../transports/console.ts';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run -s ask -- [--chat ID] [--db PATH] [--verbose] "<message>" ["<message2>" ...]\n' +
  '  a message that is only a number presses that button of the previous reply\n';

let parsed;
try {
  parsed = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { chat: { type: 'string' }, db: { type: 'string' }, verbose: { type: 'boolean' } } });
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values: flags, positionals: words } = parsed;
const chatFlag = flags.chat;
const chatId = chatFlag === undefined ? 1 : Number(chatFlag);
if (words.length === 0 || !Number.isSafeInteger(chatId) || chatId === 0) {
  process.stderr.write(words.length === 0 ? USAGE : `--chat must be a non-zero whole number, got '${String(chatFlag)}'\n${USAGE}`);
  process.exit(2);
}

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  for (const problem of err.problems) process.stderr.write(`config: ${problem}\n`);
  process.exit(2);
}

const log = createLogger({ ...config, logLevel: flags.verbose ? config.logLevel : 'warn' });
const db = flags.db;
const deps = await openDeps(config, log, typeof db === 'string' ? { databasePath: db } : {});
const bot = createBot(deps, { token: '' });
const client = createConsoleClient(bot, { chatId });
try {
  for (const word of words) {
    const n = /^\d{1,3}$/.test(word) ? Number(word) : 0;
    const replies = n >= 1 && n <= client.buttons().length ? await client.press(n) : await client.send(word);
    process.stdout.write(`> ${word}\n${replies.length > 0 ? renderReplies(replies) : '（没有回复）'}\n\n`);
  }
} finally {
  deps.store.close();
}
