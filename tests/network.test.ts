// Telegram API errors while polling or sending: retried with backoff, and polling resumes on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall, FakeBotApi } from './support/fakeBotApi.ts';
import { startBot, type Running } from './support/harness.ts';

let bot: Running;
let api: FakeBotApi;
const logs: string[] = [];

beforeAll(async () => {
  bot = await startBot({}, { level: 'warn', write: (line) => void logs.push(line) });
  api = bot.api;
});
afterAll(() => bot.stop());

const answered = (chatId: number) => (c: ApiCall): boolean => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId && c.response.ok;
const attempts = (chatId: number): ApiCall[] => api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId);

describe('a flaky Bot API', () => {
  it('retries a reply that met two 502 answers, and it arrives once', async () => {
    api.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 2);
    api.sendText(61, '/help');
    await api.waitFor(answered(61), 10_000);
    expect(attempts(61).map((c) => c.response.error_code ?? 200)).toEqual([502, 502, 200]);
  });

  it('retries a reply whose connection was reset', async () => {
    api.resetNext('sendMessage');
    api.sendText(62, '杨楼村');
    await api.waitFor(answered(62), 10_000);
    expect(attempts(62).filter((c) => c.response.ok)).toHaveLength(1);
    expect(attempts(62)[0]!.response.error_code).toBe(0);
  });

  it('waits out a 429 on a reply', async () => {
    api.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    api.sendText(63, '/start');
    await api.waitFor(answered(63), 10_000);
    expect(attempts(63).map((c) => c.response.error_code ?? 200)).toEqual([429, 200]);
  });

  it('resumes polling by itself after a 500 and after a reset connection', async () => {
    api.failNext('getUpdates', { error_code: 500, description: 'Internal Server Error' });
    api.resetNext('getUpdates');
    // telegraf's polling waits 5 s after each failure, then asks again.
    await api.waitFor((c) => c.method === 'getUpdates' && c.response.error_code === 0, 5_000);
    await api.waitFor((c) => c.method === 'getUpdates' && c.response.error_code === 500, 12_000);
    api.sendText(64, '/help');
    await api.waitFor(answered(64), 12_000);
  }, 40_000);

  it('never logs the token while doing so', () => {
    expect(logs.join('\n')).not.toContain(api.token.split(':')[1]!);
    expect(logs.some((l) => /retrying/.test(l))).toBe(true);
  });
});
