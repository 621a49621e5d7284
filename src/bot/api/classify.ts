/** The one classifier of Bot API failures, used by the pipeline, handlers, digests and the fallback. */
import { TelegramError } from 'telegraf';

/** What a failed call means: try again later, the chat is gone or moved, nothing changed, or a bug in what we sent. */
export type Failure =
  | { kind: 'retryable'; retryAfterMs?: number }
  | { kind: 'gone'; reason: string }
  | { kind: 'migrated'; to: number }
  | { kind: 'unchanged' }
  | { kind: 'bug'; reason: string };

export type FailureKind = Failure['kind'];

const GONE_400 = /chat not found|user is deactivated|bot was kicked|group chat was (deleted|upgraded)|PEER_ID_INVALID|have no rights to send|CHAT_WRITE_FORBIDDEN/i;
const NETWORK = /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|network timeout|other side closed|fetch failed/i;

/** Classifies any error thrown by a Bot API call. */
export function classify(err: unknown): Failure {
  if (err instanceof BotApiError) return err.failure;
  if (err instanceof TelegramError) {
    const migrateTo = err.parameters?.migrate_to_chat_id;
    if (migrateTo) return { kind: 'migrated', to: migrateTo };
    if (err.code === 429) return { kind: 'retryable', retryAfterMs: (err.parameters?.retry_after ?? 1) * 1000 };
    if (err.code >= 500 || err.code === 0) return { kind: 'retryable' };
    if (err.code === 403 || (err.code === 400 && GONE_400.test(err.description))) return { kind: 'gone', reason: err.description };
    if (err.code === 400 && /message is not modified/i.test(err.description)) return { kind: 'unchanged' };
    return { kind: 'bug', reason: err.description };
  }
  if (err instanceof Error && (err.name === 'FetchError' || NETWORK.test(err.message))) return { kind: 'retryable' };
  return { kind: 'bug', reason: err instanceof Error ? err.message : String(err) };
}

/** A Bot API call that failed for good: the answer, the method, the chat, the tries and what the failure means. */
export class BotApiError extends TelegramError {
  override readonly name = 'BotApiError';
  constructor(
    readonly failure: Failure,
    readonly method: string,
    readonly chatId: number | string | undefined,
    readonly tries: number,
    cause: unknown,
  ) {
    const base = cause instanceof TelegramError ? cause.response : { error_code: 0, description: cause instanceof Error ? cause.message : String(cause) };
    super(base, { method, payload: { chat_id: chatId } });
    // A Bot API answer is carried whole (response, method); anything else (a network error) is kept as the cause.
    if (!(cause instanceof TelegramError)) this.cause = cause;
  }
  get kind(): FailureKind {
    return this.failure.kind;
  }
}

/** A call made by a handler after it timed out: dropped so that it cannot arrive after the apology. */
export class LateCallError extends Error {
  override readonly name = 'LateCallError';
  constructor(readonly method: string) {
    super(`${method} dropped: its update already timed out`);
  }
}
