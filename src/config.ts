/** The bot's configuration, read once from the environment and checked with zod: one clear message per bad value. */
import { CronPattern } from 'croner';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Everything the program reads from the environment. */
export interface Config {
  /** Null: no token, so the bot runs as a console chat. */
  botToken: string | null;
  telegramApiRoot: string;
  seedsDir: string;
  databasePath: string;
  /** Public https URL Telegram posts updates to; null means long polling. */
  webhookUrl: string | null;
  /** Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token; set whenever webhookUrl is. */
  webhookSecret: string | null;
  port: number;
  adminChatIds: number[];
  digestCron: string;
  digestTz: string;
  /** Defaults to info on Telegram and warn in the console chat, where logs share the screen with the conversation. */
  logLevel: LogLevel;
  /** JSON lines for machines (the Telegram default), or one readable line each (the console default). */
  logFormat: LogFormat;
}

/** The environment had bad values; `problems` has one sentence per bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

/** Quotes a value for a message, cut to 60 characters. */
const quote = (raw: string): string => `'${raw.length > 60 ? `${raw.slice(0, 57)}...` : raw}'`;

/** An optional variable: unset or blank gives `fallback`; `check` returns the value or throws a message. */
function variable<T>(fallback: T, check: (raw: string) => T) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T => {
      const raw = value?.trim() ?? '';
      if (raw === '') return fallback;
      try {
        return check(raw);
      } catch (err) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (err as Error).message });
        return z.NEVER;
      }
    });
}

const problem = (message: string): never => {
  throw new Error(message);
};

function httpUrl(name: string, raw: string, httpsOnly: boolean): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'https:' || (!httpsOnly && url.protocol === 'http:'))) return raw;
  return problem(`${name} must be ${httpsOnly ? 'an https://' : 'an http:// or https://'} URL, got ${quote(raw)}`);
}

/** telegraf resolves `./bot<token>/<method>` against the root, so a root with a path needs its final slash. */
const apiRoot = (raw: string): string => (new URL(raw).pathname === '/' || raw.endsWith('/') ? raw : `${raw}/`);

const schema = z.object({
  BOT_TOKEN: variable<string | null>(null, (raw) =>
    /^\d+:[A-Za-z0-9_-]+$/.test(raw) ? raw
      : problem(`BOT_TOKEN must look like 123456789:AAE... (digits, a colon, then letters, digits, _ or -) as given by @BotFather; got a value of ${raw.length} characters`)),
  TELEGRAM_API_ROOT: variable('https://api.telegram.org', (raw) => apiRoot(httpUrl('TELEGRAM_API_ROOT', raw, false))),
  SEEDS_DIR: variable('./seeds', (raw) => raw),
  DATABASE_PATH: variable('./data/jznews.sqlite', (raw) => raw),
  WEBHOOK_URL: variable<string | null>(null, (raw) => httpUrl('WEBHOOK_URL', raw, true)),
  WEBHOOK_SECRET: variable<string | null>(null, (raw) => {
    if (raw.length > 256) return problem(`WEBHOOK_SECRET must be 1 to 256 characters, got ${raw.length}`);
    const bad = /[^A-Za-z0-9_-]/.exec(raw)?.[0];
    return bad === undefined ? raw : problem(`WEBHOOK_SECRET may only contain A-Z, a-z, 0-9, _ and -, got the character ${quote(bad)}`);
  }),
  PORT: variable(8080, (raw) => {
    const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
    return port >= 1 && port <= 65535 ? port : problem(`PORT must be a whole number from 1 to 65535, got ${quote(raw)}`);
  }),
  ADMIN_CHAT_IDS: variable<number[]>([], (raw) =>
    raw.split(',').map((part) => part.trim()).filter((part) => part !== '').map((part) => {
      const id = /^-?\d{1,16}$/.test(part) ? Number(part) : NaN;
      return Number.isSafeInteger(id) && id !== 0 ? id
        : problem(`ADMIN_CHAT_IDS must be chat ids (whole numbers) separated by commas, such as 12345,-1001234567890; ${quote(part)} is not one`);
    })),
  DIGEST_CRON: variable('0 8 * * *', (raw) => {
    try {
      new CronPattern(raw);
      return raw;
    } catch (err) {
      const reason = (err as Error).message.replace(/^CronPattern: /, '');
      return problem(`DIGEST_CRON must be a cron pattern such as '0 8 * * *' (minute hour day month weekday), got ${quote(raw)}: ${reason}`);
    }
  }),
  DIGEST_TZ: variable('Asia/Shanghai', (raw) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: raw });
      return raw;
    } catch {
      return problem(`DIGEST_TZ must be an IANA time zone such as Asia/Shanghai, got ${quote(raw)}`);
    }
  }),
  LOG_LEVEL: variable<LogLevel | null>(null, (raw) => {
    const level = raw.toLowerCase() as LogLevel;
    return LOG_LEVELS.includes(level) ? level : problem(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${quote(raw)}`);
  }),
  LOG_FORMAT: variable<LogFormat | null>(null, (raw) => {
    const format = raw.toLowerCase() as LogFormat;
    return LOG_FORMATS.includes(format) ? format : problem(`LOG_FORMAT must be json or text, got ${quote(raw)}`);
  }),
});

/** Reads and checks the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = schema.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((issue) => issue.message);
  const blank = (name: string): boolean => (env[name]?.trim() ?? '') === '';
  if (!blank('WEBHOOK_URL') && blank('WEBHOOK_SECRET')) {
    problems.push('WEBHOOK_SECRET is required when WEBHOOK_URL is set (1 to 256 characters of A-Z, a-z, 0-9, _ and -)');
  }
  if (!blank('WEBHOOK_URL') && blank('BOT_TOKEN')) problems.push('WEBHOOK_URL is set but BOT_TOKEN is not; a webhook needs a bot token');
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const v = result.data;
  return {
    botToken: v.BOT_TOKEN,
    telegramApiRoot: v.TELEGRAM_API_ROOT,
    seedsDir: v.SEEDS_DIR,
    databasePath: v.DATABASE_PATH,
    webhookUrl: v.WEBHOOK_URL,
    webhookSecret: v.WEBHOOK_URL ? v.WEBHOOK_SECRET : null,
    port: v.PORT,
    adminChatIds: v.ADMIN_CHAT_IDS,
    digestCron: v.DIGEST_CRON,
    digestTz: v.DIGEST_TZ,
    logLevel: v.LOG_LEVEL ?? (v.BOT_TOKEN ? 'info' : 'warn'),
    logFormat: v.LOG_FORMAT ?? (v.BOT_TOKEN ? 'json' : 'text'),
  };
}
