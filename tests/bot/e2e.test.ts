// The real telegraf stack against the local Bot API stand-in: polling and webhook, real seeds, real SQLite.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Telegraf } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeps, type Deps } from '../../src/transports/wire.ts';

import { createBot } from '../../src/bot/create.ts';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import type { Library } from '../../src/app/library.ts';
import { runTelegram } from '../../src/transports/telegram.ts';
import type { TelegramRun } from '../../src/transports/telegram.ts';
import { startFakeBotApi } from '../support/fakeBotApi.ts';
import type { ApiCall, FakeBotApi } from '../support/fakeBotApi.ts';

const LONG_ID = 'long000001';
const settle = (ms = 400): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Adds one article long enough to need several messages (the seeds' longest is ~1.5k characters). */
function withLongArticle(library: Library): Library {
  const longest = [...library.articles()].sort((a, b) => b.body.length - a.body.length)[0]!;
  const long = { ...longest, id: LONG_ID, body: Array.from({ length: 6 }, () => longest.body).join('\n') };
  return { ...library, article: (id) => (id === LONG_ID ? long : library.article(id)) };
}

/** Starts a fake API, a store in a temp dir and the bot; `env` adds variables (e.g. the webhook). */
async function start(env: Record<string, string> = {}, port?: number) {
  const api = await startFakeBotApi();
  const dir = mkdtempSync(join(tmpdir(), 'jznews-e2e-'));
  const base = loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite'), ...env });
  const config = { ...base, port: port ?? base.port };
  const logs: string[] = [];
  const log = createLogger({ ...config, logLevel: 'debug' }, { write: (line) => logs.push(line) });
  const deps: Deps = await openDeps(config, log);
  deps.library = withLongArticle(deps.library);
  const bot: Telegraf<Context> = createBot(deps);
  const run: TelegramRun = await runTelegram(bot, deps, { handleSignals: false, exit: () => undefined });
  const stop = async (): Promise<void> => {
    await run.stop('test over');
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { api, deps, run, logs, stop };
}

const sentTo = (chatId: number) => (c: ApiCall): boolean => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId;

describe('long polling', () => {
  let env: Awaited<ReturnType<typeof start>>;
  let api: FakeBotApi;
  beforeAll(async () => {
    env = await start();
    api = env.api;
  });
  afterAll(async () => env.stop());

  /** Sends `text` as the user of `chatId` and waits for `count` replies there. */
  async function ask(chatId: number, text: string, count = 1): Promise<ApiCall[]> {
    const before = api.calls.filter(sentTo(chatId)).length;
    api.sendText(chatId, text);
    for (let i = 1; i <= count; i++) await api.waitFor((c) => sentTo(chatId)(c) && api.calls.filter(sentTo(chatId)).length >= before + i);
    const replies = api.calls.filter(sentTo(chatId)).slice(before);
    for (const r of replies) {
      expect(r.response.ok, String(r.response.description)).toBe(true);
      expect(r.params.parse_mode).toBe('HTML');
      expect(validateTelegramHtml(String(r.params.text)).ok).toBe(true);
    }
    return replies;
  }
  const text = (call: ApiCall | undefined): string => String(call?.params.text ?? '');

  it('registers the command menu and deletes any webhook before polling', async () => {
    const menu = api.calls.find((c) => c.method === 'setMyCommands');
    const commands = (typeof menu?.params.commands === 'string' ? JSON.parse(menu.params.commands) : menu?.params.commands) as Array<{ command: string; description: string }>;
    expect(commands.map((c) => c.command)).toEqual(['start', 'help', 'who', 'people', 'meetings', 'topics', 'topic', 'trend', 'subscribe', 'unsubscribe', 'subscriptions', 'digest', 'article']);
    expect(commands.every((c) => /\p{Script=Han}/u.test(c.description))).toBe(true);
    await api.waitFor((c) => c.method === 'deleteWebhook');
  });

  it('answers /start and /help', async () => {
    expect(text((await ask(101, '/start'))[0])).toContain('我收录了 5 个版面、50 篇报道');
    const help = text((await ask(101, '/help'))[0]);
    for (const example of ['/who 吕沛', '/people', '/meetings 2021-11', '/topics', '/topic 疫情防控', '/subscribe 疫情防控', '/unsubscribe', '/subscriptions', '/digest', '/article']) {
      expect(help).toContain(example);
    }
  });

  it('sends a real article, and splits a long one at paragraphs', async () => {
    const real = env.deps.library.articles()[0]!;
    const [one] = await ask(102, `/article ${real.id}`);
    expect(text(one).startsWith(`<b>${real.title}</b>`)).toBe(true);
    const parts = await ask(102, `/article ${LONG_ID}`, 2);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) expect(validateTelegramHtml(text(p)).ok && text(p).length <= 4096).toBe(true);
    expect(text(parts[1]).startsWith('<b>')).toBe(false);
    expect(text(parts[0]).endsWith('。')).toBe(true);
  });

  it('escapes what users type and survives huge input', async () => {
    expect(text((await ask(103, '<script>alert(1)</script>'))[0])).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text((await ask(103, '/article'))[0])).toContain('请在命令后写上文章编号');
    expect(text((await ask(103, '/nope'))[0])).toContain('没有 /nope 这个命令');
    expect(text((await ask(103, '长'.repeat(5000)))[0]).length).toBeLessThan(200);
    expect(text((await ask(103, `/article ${'<x>'.repeat(3000)}`))[0])).toContain('没有找到编号为');
  });

  it('hints on a sticker, ignores edits, expires forged buttons', async () => {
    const chat = { id: 104, type: 'private', first_name: 'T' };
    const from = { id: 104, is_bot: false, first_name: 'T' };
    api.pushUpdate({ edited_message: { message_id: 1, date: 1, edit_date: 2, chat, from, text: 'edited' } });
    api.pushUpdate({ message: { message_id: 2, date: 1, chat, from, sticker: { file_id: 's', file_unique_id: 'u', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } } });
    await api.waitFor(sentTo(104));
    await settle();
    const replies = api.calls.filter(sentTo(104));
    expect(replies).toHaveLength(1);
    expect(text(replies[0])).toContain('我只能读懂文字消息');
    api.pressButton(104, 999, 'forged:data');
    const answer = await api.waitFor((c) => c.method === 'answerCallbackQuery');
    expect(answer.params.text).toBe('按钮已过期，请重新搜索');
    expect(answer.response.ok).toBe(true);
  });

  it('in groups answers commands and mentions only', async () => {
    const group = -2001;
    api.sendText(group, 'just chatting');
    api.sendText(group, '/nope@other_bot');
    expect(text((await ask(group, '/help@test_bot'))[0])).toContain('/who 吕沛');
    await settle();
    expect(api.calls.filter(sentTo(group))).toHaveLength(1);
    expect(text((await ask(group, '@test_bot 疫情防控'))[0])).toContain('疫情防控');
    expect(text((await ask(group, '@test_bot'))[0])).toContain('请在 @我 后面写上');
  });

  it('logs a failed reply once, without the token, and apologises', async () => {
    api.failNext('sendMessage', { error_code: 400, description: 'Bad Request: simulated' });
    api.sendText(105, '/help');
    await api.waitFor((c) => sentTo(105)(c) && c.response.ok === true);
    const [failed, apology, ...more] = api.calls.filter(sentTo(105));
    expect(failed?.response).toMatchObject({ ok: false, description: 'Bad Request: simulated' });
    expect(text(apology)).toBe('抱歉，出错了，请稍后再试。');
    expect(more).toEqual([]);
    const line = env.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.chatId === 105 && l.level === 50);
    expect(line).toMatchObject({ command: '/help', type: 'message', msg: 'update failed: TelegramError: 400: Bad Request: simulated (in sendMessage)' });
    expect(typeof line?.updateId).toBe('number');
    expect(env.logs.join('')).not.toContain(api.token);
  });

  it('forgets a chat that blocked the bot', async () => {
    env.deps.store.addSubscription(106, 'topic', '疫情防控', Date.now(), 10);
    api.failForChat(106, { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    api.sendText(106, '/help');
    await api.waitFor(sentTo(106));
    await settle();
    api.clearFailures();
    expect(env.deps.store.listSubscriptions(106)).toEqual([]);
  });
});

describe('webhook', () => {
  let env: Awaited<ReturnType<typeof start>>;
  let url: string;
  beforeAll(async () => {
    env = await start({ WEBHOOK_URL: 'https://bot.example.test/tg/hook', WEBHOOK_SECRET: 'right_secret' }, 0);
    url = `http://127.0.0.1:${env.run.address?.port}/tg/hook`;
  });
  afterAll(async () => env.stop());

  const update = (id: number, chatId: number) => ({
    update_id: id,
    message: { message_id: id, date: 1, chat: { id: chatId, type: 'private', first_name: 'T' }, from: { id: chatId, is_bot: false, first_name: 'T' },
      text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] },
  });
  const post = (body: unknown, secret?: string) => fetch(url, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
  });

  it('sets the webhook with the secret', () => {
    const call = env.api.calls.find((c) => c.method === 'setWebhook');
    expect(call?.params).toMatchObject({ url: 'https://bot.example.test/tg/hook', secret_token: 'right_secret' });
  });

  it('handles an update with the right secret', async () => {
    const res = await post(update(1, 301), 'right_secret');
    expect(res.status).toBe(200);
    const reply = await env.api.waitFor(sentTo(301));
    expect(String(reply.params.text)).toContain('我收录了');
  });

  it('refuses a wrong or missing secret, other paths and methods, and handles nothing', async () => {
    expect((await post(update(2, 302), 'wrong')).status).toBe(403);
    expect((await post(update(3, 303))).status).toBe(401);
    expect((await fetch(url.replace('/tg/hook', '/other'), { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(url.replace('/tg/hook', '/healthz'))).status).toBe(200);
    await settle();
    expect(env.api.calls.filter((c) => sentTo(302)(c) || sentTo(303)(c))).toEqual([]);
  });
});

describe('main.ts', () => {
  const main = (env: Record<string, string>) => spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = (child: ReturnType<typeof main>): Promise<{ code: number | null; stderr: string }> => new Promise((resolve) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => { stderr += String(d); });
    child.on('exit', (code) => resolve({ code, stderr }));
  });

  it('exits 2 with one line per bad setting', async () => {
    const { code, stderr } = await exited(main({ PORT: 'abc', LOG_LEVEL: 'loud' }));
    expect(code).toBe(2);
    expect(stderr).toContain("  - PORT must be a whole number from 1 to 65535, got 'abc'\n");
    expect(stderr).toContain("  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'\n");
  });

  it('polls, then stops and exits 0 on SIGTERM', async () => {
    const api = await startFakeBotApi();
    const dir = mkdtempSync(join(tmpdir(), 'jznews-main-'));
    try {
      const child = main({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite') });
      const done = exited(child);
      await api.waitFor((c) => c.method === 'getUpdates', 15_000);
      api.sendText(7, '/start');
      await api.waitFor(sentTo(7), 10_000);
      const started = Date.now();
      child.kill('SIGTERM');
      const { code, stderr } = await done;
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(stderr).toContain('"msg":"stopped"');
      expect(stderr).not.toContain(api.token);
    } finally {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
