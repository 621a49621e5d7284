// /subscribe and friends through the real telegraf stack and the local Bot API stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDeps } from '../../src/bot/context.ts';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import type { ApiCall, FakeBotApi } from '../support/fakeBotApi.ts';
import { keyboardOf as keyboard, sentTo, startBot, type Running } from '../support/harness.ts';

const ADMIN = 4242;
let bot: Running;
let api: FakeBotApi;
let deps: BotDeps;

beforeAll(async () => {
  bot = await startBot({ ADMIN_CHAT_IDS: String(ADMIN) });
  ({ api, deps } = bot);
});
afterAll(() => bot.stop());

/** Sends a message and returns the next reply in that chat, checked as valid Telegram HTML. */
async function ask(chatId: number, text: string): Promise<ApiCall> {
  const before = api.calls.filter(sentTo(chatId)).length;
  api.sendText(chatId, text);
  const reply = await api.waitFor((c) => sentTo(chatId)(c) && api.calls.filter(sentTo(chatId)).length > before);
  expect(reply.response.ok, String(reply.response.description)).toBe(true);
  expect(validateTelegramHtml(String(reply.params.text)).ok).toBe(true);
  return reply;
}

async function press(chatId: number, reply: ApiCall, data: string): Promise<ApiCall> {
  const before = api.calls.filter(sentTo(chatId)).length;
  const messageId = (reply.response.result as { message_id: number }).message_id;
  api.pressButton(chatId, messageId, data);
  return api.waitFor((c) => sentTo(chatId)(c) && api.calls.filter(sentTo(chatId)).length > before);
}

describe('subscribing in a chat', () => {
  it('confirms a topic subscription and shows the three latest articles', async () => {
    const reply = await ask(11, '/subscribe 疫情防控');
    const text = String(reply.params.text);
    expect(text).toContain('已订阅 「疫情防控」');
    expect(text.match(/\/article_[0-9a-f]{10}/g)).toHaveLength(3);
    expect(deps.store.listSubscriptions(11).map((s) => [s.kind, s.value])).toEqual([['topic', '疫情防控']]);
  });

  it('treats other words as a keyword subscription', async () => {
    await ask(11, '/subscribe 冷链');
    expect(deps.store.listSubscriptions(11).map((s) => [s.kind, s.value])).toContainEqual(['query', '冷链']);
  });

  it('offers the topics as buttons and subscribes on a tap', async () => {
    const reply = await ask(12, '/subscribe');
    const buttons = keyboard(reply).flat();
    expect(buttons.map((b) => b.text)).toContain('疫情防控');
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    const done = await press(12, reply, buttons.find((b) => b.text === '安全生产')!.callback_data);
    expect(String(done.params.text)).toContain('已订阅 「安全生产」');
  });

  it('lists subscriptions with the next digest time', async () => {
    const reply = await ask(11, '/subscriptions');
    expect(String(reply.params.text)).toMatch(/我的订阅<\/b>（2\/20）[\s\S]*下次摘要：\d{4}-\d{2}-\d{2} 08:00（Asia\/Shanghai）/);
  });

  it('refuses the 21st subscription with a clear message', async () => {
    for (let i = 0; i < 20; i++) deps.store.addSubscription(13, 'query', `关键词${i}`, Date.now(), 20);
    const reply = await ask(13, '/subscribe 疫情防控');
    expect(String(reply.params.text)).toContain('订阅已达上限（20 个）');
  });

  it('unsubscribes by name, and asks before dropping all', async () => {
    expect(String((await ask(11, '/unsubscribe 冷链')).params.text)).toContain('已取消订阅 “冷链”');
    const confirm = await ask(11, '/unsubscribe all');
    expect(deps.store.listSubscriptions(11)).toHaveLength(1);
    const done = await press(11, confirm, 'unsub:all');
    expect(String(done.params.text)).toContain('已取消全部 1 个订阅');
    expect(deps.store.listSubscriptions(11)).toEqual([]);
  });

  it('says there is nothing new when /digest finds nothing', async () => {
    expect(String((await ask(12, '/digest')).params.text)).toContain('没有新文章');
  });

  it('lets only admins /reload', async () => {
    expect(String((await ask(99, '/reload')).params.text)).toContain('只对管理员开放');
    expect(String((await ask(ADMIN, '/reload')).params.text)).toMatch(/已重新读取 5 个版面，新增 0 篇文章/);
  });
});
