import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Markup, Telegraf, Telegram, TelegramError } from 'telegraf';
import { DEFAULT_LIMITS, startFakeBotApi, type FakeBotApi } from './fakeBotApi.ts';
import { createLimits } from './limits.ts';

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Runs a request that must fail and returns what telegraf's TelegramError carries. */
async function refusal(request: Promise<unknown>): Promise<{ code: number; description: string; retryAfter?: number }> {
  try {
    await request;
  } catch (error) {
    if (!(error instanceof TelegramError)) throw error;
    return { code: error.code, description: error.description, retryAfter: error.parameters?.retry_after };
  }
  throw new Error('the request was expected to fail');
}

let api: FakeBotApi;
let telegram: Telegram;

beforeEach(async () => {
  api = await startFakeBotApi({ botUsername: 'jznews_test_bot' });
  telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
});

afterEach(async () => {
  await api.close();
});

describe('fake Bot API through telegraf’s client', () => {
  it('answers getMe with the bot user', async () => {
    expect(await telegram.getMe()).toEqual(api.botInfo);
    expect(api.botInfo).toMatchObject({ id: 123456, is_bot: true, username: 'jznews_test_bot' });
  });

  it('refuses a wrong token with 401 and an unknown method with 404', async () => {
    const intruder = new Telegram('999:wrong', { apiRoot: api.apiRoot });
    expect(await refusal(intruder.getMe())).toEqual({ code: 401, description: 'Unauthorized', retryAfter: undefined });
    const res = await fetch(`${api.apiRoot}/bot${api.token}/sendTelepathy`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });
  });

  it('sends a message with valid HTML and returns a realistic Message', async () => {
    const first = await telegram.sendMessage(42, '<b>焦作日报</b> &amp; more', { parse_mode: 'HTML' });
    const second = await telegram.sendMessage(42, 'again');
    expect(first).toMatchObject({
      message_id: 1,
      from: { id: 123456, is_bot: true },
      chat: { id: 42, type: 'private' },
      text: '焦作日报 & more',
    });
    expect(first.date).toBeGreaterThan(1_700_000_000);
    expect(second.message_id).toBe(2);
    expect(api.calls.at(-2)?.params).toEqual({ chat_id: 42, text: '<b>焦作日报</b> &amp; more', parse_mode: 'HTML' });
  });

  it('refuses over-long text, empty text and <script> HTML the way Telegram does', async () => {
    expect(await refusal(telegram.sendMessage(42, 'x'.repeat(4097))))
      .toMatchObject({ code: 400, description: 'Bad Request: message is too long' });
    expect(await refusal(telegram.sendMessage(42, '<b> </b>', { parse_mode: 'HTML' })))
      .toMatchObject({ code: 400, description: 'Bad Request: message text is empty' });
    expect(await refusal(telegram.sendMessage(42, '<script>alert(1)</script>', { parse_mode: 'HTML' }))).toMatchObject({
      code: 400,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 0',
    });
  });

  it('accepts 64-byte callback_data and refuses 65 bytes', async () => {
    const ok = '区'.repeat(21) + 'a';
    const keyboard = (data: string) => Markup.inlineKeyboard([[Markup.button.callback('go', data)]]);
    await expect(telegram.sendMessage(42, 'pick', keyboard(ok))).resolves.toMatchObject({ message_id: 1 });
    expect(await refusal(telegram.sendMessage(42, 'pick', keyboard(`${ok}b`))))
      .toMatchObject({ code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' });
  });

  it('says "message is not modified" when an edit changes nothing', async () => {
    const sent = await telegram.sendMessage(42, 'same');
    expect(await refusal(telegram.editMessageText(42, sent.message_id, undefined, 'same'))).toMatchObject({
      code: 400,
      description: expect.stringMatching(/^Bad Request: message is not modified: /),
    });
    await expect(telegram.editMessageText(42, sent.message_id, undefined, 'changed')).resolves.toMatchObject({ text: 'changed' });
  });

  it('refuses more than 50 inline results', async () => {
    const results = Array.from({ length: 51 }, (_, k) => ({
      type: 'article' as const, id: String(k), title: `r${k}`, input_message_content: { message_text: `t${k}` },
    }));
    expect(await refusal(telegram.answerInlineQuery('q1', results)))
      .toMatchObject({ code: 400, description: 'Bad Request: RESULTS_TOO_MUCH' });
  });

  it('replays a scripted 429 with retry_after once, then recovers', async () => {
    api.failNext('sendMessage', {
      error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 },
    });
    expect(await refusal(telegram.sendMessage(42, 'hi')))
      .toEqual({ code: 429, description: 'Too Many Requests: retry after 3', retryAfter: 3 });
    await expect(telegram.sendMessage(42, 'hi')).resolves.toMatchObject({ text: 'hi' });
  });

  it('answers 429 to a private chat past its burst, with how long to wait, and counts the break', async () => {
    for (let i = 0; i < 3; i++) await telegram.sendMessage(5, `m${i}`);
    expect(await refusal(telegram.sendMessage(5, 'one too many'))).toMatchObject({ code: 429, retryAfter: 1 });
    expect(api.limitBreaks.map((c) => c.params.text)).toEqual(['one too many']);
    // Other chats are not held back by one chat's burst.
    expect((await telegram.sendMessage(6, 'fine')).text).toBe('fine');
  });

  it('allows 20 messages in any minute to a group and 30 in any second in all, not one more', () => {
    const check = createLimits(DEFAULT_LIMITS);
    const group = Array.from({ length: 21 }, (_, i) => check(-7, i * 1000));
    expect(group.slice(0, 20)).toEqual(Array(20).fill(undefined));
    expect(group[20]).toBe(40);
    expect(check(-7, 60_000)).toBeUndefined();
    const all = createLimits(DEFAULT_LIMITS);
    const second = Array.from({ length: 31 }, (_, i) => all(i + 1, 1000 + i * 30));
    expect(second.filter((r) => r !== undefined)).toEqual([1]);
    expect(all(99, 2000)).toBeUndefined();
  });

  it('fails every n-th message call during a storm, and not after it', async () => {
    api.storm({ every: 2, error: { error_code: 502, description: 'Bad Gateway' } });
    expect((await telegram.sendMessage(8, 'a')).text).toBe('a');
    expect(await refusal(telegram.sendMessage(9, 'b'))).toMatchObject({ code: 502 });
    api.storm(undefined);
    expect((await telegram.sendMessage(9, 'b')).text).toBe('b');
    expect(api.limitBreaks).toEqual([]);
  });

  it('fails every call for a blocked chat until failures are cleared', async () => {
    api.failForChat(7, { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect(await refusal(telegram.sendChatAction(7, 'typing')))
      .toMatchObject({ code: 403, description: 'Forbidden: bot was blocked by the user' });
    await expect(telegram.sendMessage(8, 'other chat')).resolves.toMatchObject({ chat: { id: 8 } });
    api.clearFailures();
    await expect(telegram.sendChatAction(7, 'typing')).resolves.toBe(true);
  });

  it('receives a PNG Buffer sent with sendPhoto as multipart, bytes intact', async () => {
    const message = await telegram.sendPhoto(42, { source: PNG, filename: 'dot.png' }, { caption: 'a dot' });
    expect(message).toMatchObject({ chat: { id: 42 }, caption: 'a dot', photo: [{ file_size: PNG.length }] });
    const call = await api.waitFor((c) => c.method === 'sendPhoto');
    expect(Buffer.isBuffer(call.params.photo)).toBe(true);
    expect((call.params.photo as Buffer).equals(PNG)).toBe(true);
    // Multipart fields arrive as strings, and telegraf adds the method name as a field.
    expect(call.params).toMatchObject({ chat_id: '42', caption: 'a dot', method: 'sendPhoto' });
  });

  it('delivers pushed updates through getUpdates and honours the offset', async () => {
    const first = api.sendText(42, '/start hello');
    expect(first.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(await telegram.getUpdates(0, 100, 0, undefined)).toEqual([first]);
    expect(await telegram.getUpdates(0, 100, first.update_id, undefined)).toEqual([first]);
    expect(await telegram.getUpdates(0, 100, first.update_id + 1, undefined)).toEqual([]);
    const second = api.sendText(42, 'plain');
    expect(await telegram.getUpdates(0, 100, first.update_id, undefined)).toEqual([second]);
  });

  it('returns a long poll early when an update is pushed', async () => {
    const started = Date.now();
    const poll = telegram.getUpdates(50, 100, 0, undefined);
    setTimeout(() => api.sendText(42, 'ping'), 50);
    expect(await poll).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('waitFor rejects with the methods it saw', async () => {
    await telegram.getMe();
    await expect(api.waitFor((c) => c.method === 'sendMessage', 50))
      .rejects.toThrow('waitFor: no matching call within 50 ms; methods seen: getMe');
  });
});

describe('fake Bot API with a real Telegraf bot', () => {
  it('runs a polling bot that replies to a command and answers a button press', async () => {
    const bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } });
    bot.start((ctx) => ctx.reply(`<b>欢迎</b>, ${ctx.from.first_name}`, {
      parse_mode: 'HTML', ...Markup.inlineKeyboard([Markup.button.callback('OK', 'ok')]),
    }));
    bot.action('ok', (ctx) => ctx.answerCbQuery('done'));
    const launched = bot.launch(); // resolves only after bot.stop(), so it is awaited at the end
    api.sendText(42, '/start');
    const reply = await api.waitFor((c) => c.method === 'sendMessage');
    expect(reply.params).toMatchObject({ chat_id: 42, text: '<b>欢迎</b>, Test', parse_mode: 'HTML' });
    expect(reply.response).toMatchObject({ ok: true, result: { message_id: 2, text: '欢迎, Test' } });

    api.pressButton(42, 2, 'ok');
    const answer = await api.waitFor((c) => c.method === 'answerCallbackQuery');
    expect(answer.params).toMatchObject({ text: 'done' });
    expect(answer.response).toEqual({ ok: true, result: true });

    bot.stop('test over');
    await launched;
    expect(api.calls.slice(0, 2).map((c) => c.method)).toEqual(['getMe', 'deleteWebhook']);
  });
});
