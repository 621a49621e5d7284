/** The send log: each message an update sends is recorded, so replaying the update after a crash sends nothing twice. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Telegram } from 'telegraf';
import type { Logger } from '../logger.ts';
import type { InboxStore } from '../store/types.ts';

/** Bot API methods with an effect a user sees; their calls from an update's handler are logged. */
const EFFECTS = /^(send|edit|answer|delete|copy|forward|pin|unpin|stop)/;

interface UpdateScope { updateId: number; seq: number }
interface SendScope { updateId: number; seq: number; method: string; begun: boolean }

const updateScope = new AsyncLocalStorage<UpdateScope>();
const sendScope = new AsyncLocalStorage<SendScope>();

/** Runs an update's handler so its sends are numbered 1, 2, … and logged under its update_id. */
export function inUpdate<T>(updateId: number, run: () => Promise<T>): Promise<T> {
  return updateScope.run({ updateId, seq: 0 }, run);
}

type CallApi = (method: string, payload: object, extra?: object) => Promise<unknown>;

/**
 * Wraps `telegram.callApi` (outside the pacing guard): a send a replayed update already made is not made again.
 * The "about to leave" mark is written as late as possible, when telegraf reads its HTTP agent right before the
 * request goes out (below the pacing, which may hold a send for seconds), so a crash while a send waits its turn
 * loses nothing, and one after it left never repeats it.
 */
export function logSends(telegram: Telegram, inbox: InboxStore, log: Logger): { close(): void } {
  let closed = false;
  const inner = telegram.callApi.bind(telegram) as CallApi;
  const safely = (what: string, write: () => void): void => {
    try {
      write();
    } catch (err) {
      log.warn({ err }, `could not record a send (${what}); a replay after a crash may repeat it`);
    }
  };
  const options = telegram.options;
  let agent = options.agent;
  Object.defineProperty(options, 'agent', {
    configurable: true,
    enumerable: true,
    get() {
      const send = sendScope.getStore();
      if (send && !send.begun) {
        // A send that waited out a stop (pacing) must not leave unrecorded: it is made after the restart instead.
        if (closed) throw new Error(`stopping: ${send.method} for update ${send.updateId} waits for the next start`);
        send.begun = true;
        safely('begin', () => inbox.beginSend(send.updateId, send.seq, send.method));
      }
      return agent;
    },
    set(value) {
      agent = value;
    },
  });
  const call: CallApi = async (method, payload, extra) => {
    const scope = updateScope.getStore();
    if (!scope || !EFFECTS.test(method)) return inner(method, payload, extra);
    // After a stop, an update still running sends nothing more: it stays in the inbox and finishes after the restart.
    if (closed) throw new Error(`stopping: ${method} for update ${scope.updateId} waits for the next start`);
    const seq = ++scope.seq;
    const recorded = inbox.recordedSend(scope.updateId, seq);
    if (recorded) {
      log.info({ updateId: scope.updateId, seq, method, confirmed: recorded.confirmed }, 'replay: this send was made before the restart; not sent again');
      return recorded.result ?? {};
    }
    const send: SendScope = { updateId: scope.updateId, seq, method, begun: false };
    try {
      const result = await sendScope.run(send, () => inner(method, payload, extra));
      safely('confirm', () => inbox.confirmSend(send.updateId, seq, result));
      return result;
    } catch (err) {
      if (send.begun) safely('drop', () => inbox.dropSend(send.updateId, seq));
      throw err;
    }
  };
  telegram.callApi = call as typeof telegram.callApi;
  return {
    close() {
      closed = true;
    },
  };
}
