/** The send log: each message an update sends is recorded, so replaying the update after a crash sends nothing twice. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Telegram } from 'telegraf';
import { outboundOf } from '../bot/api/client.ts';
import type { Logger } from '../logger.ts';
import type { InboxStore } from '../store/types.ts';

/** Bot API methods with an effect a user sees; their calls from an update's handler are logged. */
const EFFECTS = /^(send|edit|answer|delete|copy|forward|pin|unpin|stop)/;

interface UpdateScope { updateId: number; seq: number }

const updateScope = new AsyncLocalStorage<UpdateScope>();

/** Runs an update's handler so its sends are numbered 1, 2, … and logged under its update_id. */
export function inUpdate<T>(updateId: number, run: () => Promise<T>): Promise<T> {
  return updateScope.run({ updateId, seq: 0 }, run);
}

/**
 * Joins the outbound pipeline's one seam around calls: a send a replayed update already made is not made again.
 * The "about to leave" mark is written when the pipeline says a try is going out (after pacing, which may hold a send
 * for seconds), so a crash while a send waits its turn loses nothing, and one after it left never repeats it.
 */
export function logSends(telegram: Telegram, inbox: InboxStore, log: Logger): { close(): void } {
  let closed = false;
  const safely = (what: string, write: () => void): void => {
    try {
      write();
    } catch (err) {
      log.warn({ err }, `could not record a send (${what}); a replay after a crash may repeat it`);
    }
  };
  outboundOf(telegram).aroundCalls(async (method, _payload, next) => {
    const scope = updateScope.getStore();
    if (!scope || !EFFECTS.test(method)) return next();
    // After a stop, an update still running sends nothing more: it stays in the inbox and finishes after the restart.
    if (closed) throw new Error(`stopping: ${method} for update ${scope.updateId} waits for the next start`);
    const seq = ++scope.seq;
    const recorded = inbox.recordedSend(scope.updateId, seq);
    if (recorded) {
      log.info({ updateId: scope.updateId, seq, method, confirmed: recorded.confirmed }, 'replay: this send was made before the restart; not sent again');
      return recorded.result ?? {};
    }
    let begun = false;
    const leaving = (): void => {
      // A send that waited out a stop (pacing) must not leave unrecorded: it is made after the restart instead.
      if (closed) throw new Error(`stopping: ${method} for update ${scope.updateId} waits for the next start`);
      if (begun) return;
      begun = true;
      safely('begin', () => inbox.beginSend(scope.updateId, seq, method));
    };
    try {
      const result = await next(leaving);
      safely('confirm', () => inbox.confirmSend(scope.updateId, seq, result));
      return result;
    } catch (err) {
      if (begun) safely('drop', () => inbox.dropSend(scope.updateId, seq));
      throw err;
    }
  });
  return {
    close() {
      closed = true;
    },
  };
}
