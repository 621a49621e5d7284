/** The pino logger: JSON lines on stderr (stdout is for command output), with secrets redacted from every line. */
import { pino, stdSerializers } from 'pino';
import type { Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger } from 'pino';

export const REDACTED = '[REDACTED]';

/** A bot token inside a Bot API URL path: /bot123:ABC/ or /user123:ABC/ (also telegraf's half-redacted /bot123:[REDACTED]/). */
const TOKEN_IN_URL = /\/(bot|user)\d+:[A-Za-z0-9_\-[\]]+/g;

/** Replaces every secret (raw or URL-encoded) and any token in a Bot API URL with [REDACTED]. */
export function redact(text: string, secrets: ReadonlyArray<string | null | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
  }
  return out.replace(TOKEN_IN_URL, (_match, kind: string) => `/${kind}${REDACTED}`);
}

/** Where log lines go; anything with a string `write`. */
export interface LogDestination {
  write(line: string): unknown;
}

/** Serializes errors with their message, stack and Bot API details (telegraf's `on.payload` is cut short). */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = stdSerializers.err(err) as unknown as Record<string, unknown>;
  const on = out.on as { method?: unknown; payload?: unknown } | undefined;
  if (on && typeof on === 'object') out.on = { method: on.method, payload: JSON.stringify(on.payload ?? null).slice(0, 500) };
  return out;
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const QUIET_FIELDS = new Set(['level', 'time', 'name', 'msg', 'pid', 'hostname']);

/** One pino JSON line as a readable line: "jznews warn: message (key=value, …)", with an error's message after a colon. */
export function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const level = LEVEL_NAMES[Number(entry.level)] ?? String(entry.level);
  const err = (entry.err ?? entry.error) as { message?: unknown } | undefined;
  const fields = Object.entries(entry)
    .filter(([key]) => !QUIET_FIELDS.has(key) && key !== 'err' && key !== 'error')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const reason = err && typeof err.message === 'string' ? `: ${err.message}` : '';
  const context = fields.length > 0 ? ` (${fields.join(', ')})` : '';
  return `jznews ${level}: ${String(entry.msg ?? '')}${reason}${context}\n`;
}

/** Creates the logger at the configured level and format; every line is redacted before it is written (to stderr by default). */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'botToken'> & Partial<Pick<Config, 'webhookSecret' | 'logFormat'>>,
  destination: LogDestination = process.stderr,
): Logger {
  const secrets = [config.botToken, config.webhookSecret];
  const shape = config.logFormat === 'text' ? readableLine : (line: string): string => line;
  const stream = { write: (line: string): void => void destination.write(redact(shape(line), secrets)) };
  return pino(
    {
      level: config.logLevel,
      base: { name: 'jznews' },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        // Redact string arguments too, so messages built by interpolation are safe even before the stream sees them.
        logMethod(args, method) {
          const clean = args.map((arg: unknown) => (typeof arg === 'string' ? redact(arg, secrets) : arg));
          return method.apply(this, clean as Parameters<typeof method>);
        },
      },
    },
    stream,
  );
}
