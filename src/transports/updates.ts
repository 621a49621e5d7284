/** Runs updates one chat at a time but chats in parallel, so a flooding chat is paced without slowing the others. */
import type { Context, Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../logger.ts';

/** When a chat has this many updates waiting, it is told once that answers are coming in order. */
export const FLOOD_NOTE_AT = 6;
export const FLOOD_NOTE = '消息有点多，我会按顺序逐条回复，请稍候。';

/** The chat an update belongs to, or a per-user/per-query key when it has no chat. */
export function chatKey(update: Update): string {
  const u = update as unknown as Record<string, { chat?: { id: number }; from?: { id: number }; message?: { chat?: { id: number } } } | undefined>;
  for (const kind of ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'callback_query', 'my_chat_member', 'chat_member']) {
    const part = u[kind];
    const id = part?.chat?.id ?? part?.message?.chat?.id ?? part?.from?.id;
    if (id !== undefined) return String(id);
  }
  return `update:${update.update_id}`;
}

/** Replaces bot.handleUpdate so the network transports hand updates over and return at once. */
export function serializeUpdates(bot: Telegraf<Context>, log: Logger): { idle(): Promise<void> } {
  const handle = bot.handleUpdate.bind(bot);
  const queues = new Map<string, { tail: Promise<void>; waiting: number; noted: boolean }>();
  let inFlight = 0;
  let drained: Array<() => void> = [];

  bot.handleUpdate = (update, webhookResponse) => {
    const key = chatKey(update);
    const q = queues.get(key) ?? { tail: Promise.resolve(), waiting: 0, noted: false };
    queues.set(key, q);
    q.waiting++;
    inFlight++;
    if (q.waiting >= FLOOD_NOTE_AT && !q.noted && /^-?\d+$/.test(key)) {
      q.noted = true;
      bot.telegram.sendMessage(Number(key), FLOOD_NOTE).catch((err: unknown) => log.warn({ err, chatId: key }, 'could not send the flood note'));
    }
    q.tail = q.tail
      .then(() => handle(update, webhookResponse))
      .catch((err: unknown) => log.error({ err, updateId: update.update_id }, 'update failed outside the error handler'))
      .finally(() => {
        q.waiting--;
        inFlight--;
        if (q.waiting === 0) queues.delete(key);
        if (inFlight === 0) drained.splice(0).forEach((resolve) => resolve());
      });
    return Promise.resolve();
  };
  return {
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => drained.push(resolve))),
  };
}
