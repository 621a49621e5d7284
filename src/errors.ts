/** What a user is told when something fails, and one-line descriptions of any error for logs. */

/** What every user sees when something unexpected fails. */
export const GENERIC_USER_MESSAGE = '抱歉，出错了，请稍后再试。';

/** What every user sees when the server's disk is full: nothing was saved, and nothing will be sent twice. */
export const STORAGE_FULL_MESSAGE = '服务器存储空间已满，这次操作没有保存。请稍后再试；已保存的订阅不受影响。';

/** True for SQLite's "database or disk is full" and the file system's ENOSPC, however deeply wrapped. */
export function isStorageFull(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full|no space left on device/i.test(e.message)) return true;
  }
  return false;
}

/** The text to show the user for an error: the full-disk notice, else the generic apology. */
export function userMessageOf(err: unknown): string {
  return isStorageFull(err) ? STORAGE_FULL_MESSAGE : GENERIC_USER_MESSAGE;
}

/** A one-line description: "Name: message", with the Bot API error code and method for telegraf errors. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return `non-error thrown: ${String(err).slice(0, 200)}`;
  const api = err as Error & { response?: { error_code?: number }; on?: { method?: string } };
  const name = api.response?.error_code !== undefined ? 'TelegramError' : err.name;
  const method = api.on?.method ? ` (in ${api.on.method})` : '';
  const cause = err.cause instanceof Error ? `; caused by ${describeError(err.cause)}` : '';
  return `${name}: ${err.message}${method}${cause}`;
}
