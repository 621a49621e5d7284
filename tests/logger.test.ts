import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { REDACTED, createLogger, readableLine, redact } from '../src/logger.ts';

const TOKEN = '123:ABC';
const URL_WITH_TOKEN = `https://api.telegram.org/bot${TOKEN}/sendMessage`;

/** A logger at debug level whose lines land in an array. */
function capture(botToken: string | null = TOKEN) {
  const lines: string[] = [];
  const log = createLogger({ logLevel: 'debug', botToken, webhookSecret: 'hook-secret_42' }, { write: (line) => lines.push(line) });
  return { log, lines };
}

describe('redact', () => {
  it('replaces secrets, URL-encoded secrets and tokens in Bot API URLs', () => {
    expect(redact(`token ${TOKEN} and ${encodeURIComponent(TOKEN)}`, [TOKEN])).toBe(`token ${REDACTED} and ${REDACTED}`);
    expect(redact('GET https://api.telegram.org/bot999:other-Token_x/getMe', [])).toBe(`GET https://api.telegram.org/bot${REDACTED}/getMe`);
    expect(redact('telegraf said /bot123:[REDACTED]/getMe', [])).toBe(`telegraf said /bot${REDACTED}/getMe`);
    expect(redact('nothing secret', [null, undefined, ''])).toBe('nothing secret');
  });
});

describe('createLogger', () => {
  it('never writes the token, wherever it hides', () => {
    const { log, lines } = capture();
    const fetchError = Object.assign(new Error(`request to ${URL_WITH_TOKEN} failed, reason: connect ECONNREFUSED`), {
      name: 'FetchError', url: URL_WITH_TOKEN, type: 'system',
    });
    const apiError = new TelegramError({ error_code: 401, description: `Unauthorized ${URL_WITH_TOKEN}` }, { method: 'sendMessage', payload: { chat_id: 1, text: TOKEN } });
    log.error({ err: fetchError }, 'polling failed');
    log.error({ err: apiError, url: URL_WITH_TOKEN }, `call to ${URL_WITH_TOKEN} failed`);
    log.child({ token: TOKEN }).info('child with the token bound');
    log.warn(`format %s`, TOKEN);
    log.info({ nested: { deep: [`x${TOKEN}y`] }, secret: 'hook-secret_42' }, 'objects');
    const out = lines.join('');
    expect(lines).toHaveLength(5);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('ABC');
    expect(out).not.toContain('hook-secret_42');
    const first = JSON.parse(lines[0]!) as { err: { message: string; stack: string; url: string } };
    expect(first.err.message).toBe(`request to https://api.telegram.org/bot${REDACTED}/sendMessage failed, reason: connect ECONNREFUSED`);
    expect(first.err.url).toBe(`https://api.telegram.org/bot${REDACTED}/sendMessage`);
    expect(first.err.stack).toContain(`bot${REDACTED}/sendMessage`);
    const second = JSON.parse(lines[1]!) as { err: { on: { method: string } }; msg: string };
    expect(second.err.on.method).toBe('sendMessage');
    expect(second.msg).toBe(`call to https://api.telegram.org/bot${REDACTED}/sendMessage failed`);
  });

  it('honours the level and writes JSON lines', () => {
    const lines: string[] = [];
    const log = createLogger({ logLevel: 'warn', botToken: null }, { write: (line) => lines.push(line) });
    log.info('hidden');
    log.warn({ chatId: 5 }, 'shown');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, chatId: 5, msg: 'shown', name: 'jznews' });
  });

  it('writes to stderr by default, never stdout', () => {
    const log = createLogger({ logLevel: 'info', botToken: TOKEN });
    const out: string[] = [];
    const err: string[] = [];
    const stdout = process.stdout.write.bind(process.stdout);
    const stderr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      log.info(`hello ${TOKEN}`);
    } finally {
      process.stdout.write = stdout;
      process.stderr.write = stderr;
    }
    expect(out).toEqual([]);
    expect(err.join('')).toContain(`hello ${REDACTED}`);
  });

  it('writes one readable line per entry in text format, still without the token', () => {
    const lines: string[] = [];
    const log = createLogger({ logLevel: 'warn', logFormat: 'text', botToken: TOKEN }, { write: (line) => lines.push(line) });
    log.info('hidden');
    log.warn({ path: 'seeds/x.txt', err: new Error(`bad page near ${TOKEN}`) }, 'page skipped');
    expect(lines).toEqual([`jznews warn: page skipped: bad page near ${REDACTED} (path=seeds/x.txt)\n`]);
  });
});

describe('readableLine', () => {
  it('shows the level, the message and the other fields of a pino line', () => {
    expect(readableLine('{"level":50,"time":1,"name":"jznews","chatId":5,"msg":"send failed"}')).toBe('jznews error: send failed (chatId=5)\n');
    expect(readableLine('{"level":30,"msg":"ok","counts":{"pages":5}}')).toBe('jznews info: ok (counts={"pages":5})\n');
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(readableLine('plain text\n')).toBe('plain text\n');
  });
});
