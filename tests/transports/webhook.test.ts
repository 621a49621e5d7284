// Webhook intake: 200 once the update is in the inbox, a body over 1 MB refused with 413, a repeated update_id ignored.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_WEBHOOK_BODY } from '../../src/transports/telegram.ts';
import { sentTo, startBot, type Running } from '../support/harness.ts';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const update = (id: number, chatId: number, text: string) => ({
  update_id: id,
  message: { message_id: id, date: 1, chat: { id: chatId, type: 'private', first_name: 'T' }, from: { id: chatId, is_bot: false, first_name: 'T' },
    text, entities: text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] : undefined },
});

describe('the webhook intake', () => {
  let bot: Running;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    bot = await startBot({ WEBHOOK_URL: 'https://bot.example.test/tg/hook', WEBHOOK_SECRET: 'right_secret', PORT: String(port) });
    url = `http://127.0.0.1:${port}/tg/hook`;
  }, 60_000);
  afterAll(async () => bot.stop());

  const post = (body: string) => fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'right_secret' } });

  it('answers 200 once the update is in the inbox, and handles an update sent twice only once', async () => {
    const body = JSON.stringify(update(41, 401, '/subscribe 冷链'));
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    await bot.api.waitFor(sentTo(401), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot.api.calls.filter(sentTo(401))).toHaveLength(1);
    expect(bot.deps.store.listSubscriptions(401).map((s) => s.value)).toEqual(['冷链']);
  });

  it('refuses a body over 1 MB with 413 and something that is not an update with 400, and handles neither', async () => {
    const huge = JSON.stringify({ ...update(42, 402, '/start'), padding: 'x'.repeat(MAX_WEBHOOK_BODY) });
    expect((await post(huge)).status).toBe(413);
    expect((await post('{"message":{}}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.api.calls.filter(sentTo(402))).toEqual([]);
  });
});
