// Telegram API errors while polling or sending, on virtual time: retried by the one policy, 429s waited out however
// long (the reply stays queued, no apology), moved groups followed, and polling resumes on its own.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GENERIC_USER_MESSAGE } from '../../src/errors.ts';
import type { ApiCall, FakeBotApi } from '../support/fakeBotApi.ts';
import { startBot, type Running } from '../support/harness.ts';
import { passUntil, useVirtualTime } from '../support/virtualTime.ts';

let bot: Running;
let api: FakeBotApi;
const logs: string[] = [];

beforeAll(async () => {
  bot = await startBot({}, { level: 'warn', write: (line) => void logs.push(line) });
  api = bot.api;
  useVirtualTime();
}, 60_000);
afterAll(async () => {
  vi.useRealTimers();
  await bot.stop();
});

const answered = (chatId: number) => (c: ApiCall): boolean => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId && c.response.ok;
const attempts = (chatId: number): ApiCall[] => api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId);
/** Waits (in virtual time) for a call matching `predicate`; fails after `maxMs`. */
async function arrives(predicate: (c: ApiCall) => boolean, maxMs = 10_000): Promise<ApiCall> {
  expect(await passUntil(() => api.calls.some(predicate), maxMs, 20), 'no matching call arrived').toBe(true);
  return api.calls.find(predicate)!;
}

describe('a flaky Bot API', () => {
  it('retries a reply that met two 502 answers, and it arrives once', async () => {
    api.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 2);
    api.sendText(61, '/help');
    await arrives(answered(61));
    expect(attempts(61).map((c) => c.response.error_code ?? 200)).toEqual([502, 502, 200]);
  });

  it('retries a reply whose connection was reset', async () => {
    api.resetNext('sendMessage');
    api.sendText(62, '杨楼村');
    await arrives(answered(62));
    expect(attempts(62).filter((c) => c.response.ok)).toHaveLength(1);
    expect(attempts(62)[0]!.response.error_code).toBe(0);
  });

  it('waits out a 429 of 90 s on a reply: the reply arrives, then the next answer, and no apology', async () => {
    api.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 90', parameters: { retry_after: 90 } });
    api.sendText(63, '/start');
    await arrives((c) => Number(c.params.chat_id) === 63 && c.response.error_code === 429);
    api.sendText(63, '杨楼村');
    await arrives((c) => answered(63)(c) && String(c.params.text).includes('杨楼村'), 120_000);
    const sent = attempts(63);
    expect(sent.map((c) => c.response.error_code ?? 200)).toEqual([429, 200, 200]);
    expect(sent[1]!.at! - sent[0]!.at!).toBeGreaterThanOrEqual(90_000);
    expect(sent.some((c) => String(c.params.text).includes(GENERIC_USER_MESSAGE))).toBe(false);
  });

  it('follows a group that became a supergroup when a reply meets migrate_to_chat_id, and moves its subscriptions', async () => {
    bot.deps.store.addSubscription(-64, 'topic', '疫情防控', Date.now(), 20);
    api.failForChat(-64, { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1000000000064 } });
    api.sendText(-64, '/help');
    await arrives(answered(-1000000000064));
    api.clearFailures();
    expect(bot.deps.store.listSubscriptions(-1000000000064).map((s) => s.value)).toEqual(['疫情防控']);
    expect(attempts(-64).every((c) => !String(c.params.text).includes(GENERIC_USER_MESSAGE))).toBe(true);
    expect(attempts(-1000000000064)).toHaveLength(1);
  });

  it('resumes polling by itself within seconds after a reset connection and a 500', async () => {
    api.failNext('getUpdates', { error_code: 500, description: 'Internal Server Error' });
    api.resetNext('getUpdates');
    // The pipeline's one retry policy retries the poll after 0.5 s and 1 s (before telegraf's own 5 s wait would start).
    await arrives((c) => c.method === 'getUpdates' && c.response.error_code === 0, 5_000);
    await arrives((c) => c.method === 'getUpdates' && c.response.error_code === 500, 5_000);
    api.sendText(65, '/help');
    await arrives(answered(65), 5_000);
  });

  it('never logs the token while doing so, and never broke a limit', () => {
    expect(logs.join('\n')).not.toContain(api.token.split(':')[1]!);
    expect(logs.some((l) => /retrying/.test(l))).toBe(true);
    expect(api.limitBreaks).toEqual([]);
  });
});
