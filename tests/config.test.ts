import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

/** The problems loadConfig reports for `env`; fails the test when it does not throw. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      botToken: null,
      telegramApiRoot: 'https://api.telegram.org',
      seedsDir: './seeds',
      databasePath: './data/jznews.sqlite',
      webhookUrl: null,
      webhookSecret: null,
      port: 8080,
      adminChatIds: [],
      digestCron: '0 8 * * *',
      digestTz: 'Asia/Shanghai',
      logLevel: 'warn',
      logFormat: 'text',
    });
  });

  it('logs JSON at info on Telegram, and readable warnings in the console chat, unless told otherwise', () => {
    expect(loadConfig({ BOT_TOKEN: '1:a' })).toMatchObject({ logLevel: 'info', logFormat: 'json' });
    expect(loadConfig({})).toMatchObject({ logLevel: 'warn', logFormat: 'text' });
    expect(loadConfig({ LOG_LEVEL: 'debug', LOG_FORMAT: 'JSON' })).toMatchObject({ logLevel: 'debug', logFormat: 'json' });
    expect(problems({ LOG_FORMAT: 'yaml' })).toEqual(["LOG_FORMAT must be json or text, got 'yaml'"]);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ BOT_TOKEN: '', PORT: '  ', LOG_LEVEL: '' })).toMatchObject({ botToken: null, port: 8080, logLevel: 'warn' });
  });

  it('reads good values', () => {
    const config = loadConfig({
      BOT_TOKEN: '123456:ABC-def_1', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/api', WEBHOOK_URL: 'https://bot.example.com/hook',
      WEBHOOK_SECRET: 'a_B-9', PORT: '3000', ADMIN_CHAT_IDS: '12345, -1001234567890', DIGEST_CRON: '30 7 * * 1-5',
      DIGEST_TZ: 'Europe/Berlin', LOG_LEVEL: 'DEBUG', SEEDS_DIR: '/srv/pages', DATABASE_PATH: '/var/lib/jz.sqlite',
    });
    expect(config).toEqual({
      botToken: '123456:ABC-def_1', telegramApiRoot: 'http://127.0.0.1:8081/api/', seedsDir: '/srv/pages',
      databasePath: '/var/lib/jz.sqlite', webhookUrl: 'https://bot.example.com/hook', webhookSecret: 'a_B-9', port: 3000,
      adminChatIds: [12345, -1001234567890], digestCron: '30 7 * * 1-5', digestTz: 'Europe/Berlin', logLevel: 'debug',
      logFormat: 'json',
    });
  });

  it('gives one exact message per bad value', () => {
    expect(problems({ PORT: 'abc' })).toEqual(["PORT must be a whole number from 1 to 65535, got 'abc'"]);
    expect(problems({ PORT: '0' })).toEqual(["PORT must be a whole number from 1 to 65535, got '0'"]);
    expect(problems({ PORT: '65536' })).toEqual(["PORT must be a whole number from 1 to 65535, got '65536'"]);
    expect(problems({ PORT: '80.5' })).toEqual(["PORT must be a whole number from 1 to 65535, got '80.5'"]);
    expect(problems({ LOG_LEVEL: 'loud' })).toEqual(["LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'"]);
    expect(problems({ ADMIN_CHAT_IDS: '1,two,3' })).toEqual(
      ["ADMIN_CHAT_IDS must be chat ids (whole numbers) separated by commas, such as 12345,-1001234567890; 'two' is not one"]);
    expect(problems({ DIGEST_CRON: '61 8 * * *' })).toEqual(
      ["DIGEST_CRON must be a cron pattern such as '0 8 * * *' (minute hour day month weekday), got '61 8 * * *': Invalid value for minute: 61"]);
    expect(problems({ DIGEST_TZ: 'Mars/Olympus' })).toEqual(["DIGEST_TZ must be an IANA time zone such as Asia/Shanghai, got 'Mars/Olympus'"]);
    expect(problems({ TELEGRAM_API_ROOT: 'ftp://x' })).toEqual(["TELEGRAM_API_ROOT must be an http:// or https:// URL, got 'ftp://x'"]);
  });

  it('never echoes a malformed token', () => {
    const [message] = problems({ BOT_TOKEN: 'secret-looking-but-wrong' });
    expect(message).toBe('BOT_TOKEN must look like 123456789:AAE... (digits, a colon, then letters, digits, _ or -) as given by @BotFather; got a value of 24 characters');
    expect(message).not.toContain('secret-looking');
  });

  it('checks the webhook settings together', () => {
    expect(problems({ BOT_TOKEN: '1:a', WEBHOOK_URL: 'https://x.example/hook' })).toEqual(
      ['WEBHOOK_SECRET is required when WEBHOOK_URL is set (1 to 256 characters of A-Z, a-z, 0-9, _ and -)']);
    expect(problems({ BOT_TOKEN: '1:a', WEBHOOK_URL: 'http://x.example/hook', WEBHOOK_SECRET: 's' })).toEqual(
      ["WEBHOOK_URL must be an https:// URL, got 'http://x.example/hook'"]);
    expect(problems({ BOT_TOKEN: '1:a', WEBHOOK_URL: 'https://x.example/', WEBHOOK_SECRET: 'has space' })).toEqual(
      ["WEBHOOK_SECRET may only contain A-Z, a-z, 0-9, _ and -, got the character ' '"]);
    expect(problems({ BOT_TOKEN: '1:a', WEBHOOK_URL: 'https://x.example/', WEBHOOK_SECRET: 'a'.repeat(257) })).toEqual(
      ['WEBHOOK_SECRET must be 1 to 256 characters, got 257']);
    expect(problems({ WEBHOOK_URL: 'https://x.example/', WEBHOOK_SECRET: 'ok' })).toEqual(
      ['WEBHOOK_URL is set but BOT_TOKEN is not; a webhook needs a bot token']);
    expect(loadConfig({ WEBHOOK_SECRET: 'unused' }).webhookSecret).toBeNull();
  });

  it('lists every problem at once, in the error message too', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', WEBHOOK_URL: 'https://x.example/h' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toHaveLength(4);
    expect(error?.message).toBe([
      'Invalid configuration:',
      "- PORT must be a whole number from 1 to 65535, got 'abc'",
      "- LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'",
      '- WEBHOOK_SECRET is required when WEBHOOK_URL is set (1 to 256 characters of A-Z, a-z, 0-9, _ and -)',
      '- WEBHOOK_URL is set but BOT_TOKEN is not; a webhook needs a bot token',
    ].join('\n'));
  });
});
