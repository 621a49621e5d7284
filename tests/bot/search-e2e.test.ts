// Search end to end: the real telegraf bot with its features against the local Bot API stand-in, and the search CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDeps, type Deps } from '../../src/transports/wire.ts';

import { createBot } from '../../src/bot/create.ts';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { runTelegram } from '../../src/transports/telegram.ts';
import type { TelegramRun } from '../../src/transports/telegram.ts';
import { startFakeBotApi } from '../support/fakeBotApi.ts';
import type { ApiCall, FakeBotApi } from '../support/fakeBotApi.ts';

const YANGLOU = '吕沛到杨楼村调研灾后重建土地复耕工作';

const inChat = (method: string, chatId: number) => (c: ApiCall): boolean => c.method === method && Number(c.params.chat_id) === chatId;
const textOf = (call: ApiCall | undefined): string => String(call?.params.text ?? '');
/** The inline keyboard a call sent (telegraf may send it as JSON text). */
const buttonsOf = (call: ApiCall | undefined): InlineKeyboardButton[] => {
  const raw = call?.params.reply_markup;
  const markup = (typeof raw === 'string' ? JSON.parse(raw) : raw) as InlineKeyboardMarkup | undefined;
  return markup?.inline_keyboard.flat() ?? [];
};
const dataOf = (b: InlineKeyboardButton | undefined): string => (b && 'callback_data' in b ? b.callback_data : '');
const answerTo = (callbackId: string) => (c: ApiCall): boolean => c.method === 'answerCallbackQuery' && c.params.callback_query_id === callbackId;
const messageIdOf = (call: ApiCall): number => (call.response.result as Message.TextMessage).message_id;

describe('search through the real bot', () => {
  let api: FakeBotApi;
  let deps: Deps;
  let run: TelegramRun;
  let dir: string;

  beforeAll(async () => {
    api = await startFakeBotApi();
    dir = mkdtempSync(join(tmpdir(), 'jznews-search-e2e-'));
    const config = loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite'), SEEDS_DIR: 'seeds' });
    deps = await openDeps(config, createLogger({ ...config, logLevel: 'silent' }));
    const bot = createBot(deps);
    run = await runTelegram(bot, deps, { handleSignals: false, exit: () => undefined });
  });
  afterAll(async () => {
    await run?.stop('test over');
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Waits for the next call of `method` in `chatId` after `before` such calls, and checks it was accepted as valid HTML. */
  async function next(method: string, chatId: number, before: number): Promise<ApiCall> {
    await api.waitFor((c) => inChat(method, chatId)(c) && api.calls.filter(inChat(method, chatId)).length > before);
    const call = api.calls.filter(inChat(method, chatId))[before]!;
    expect(call.response.ok, String(call.response.description)).toBe(true);
    expect(call.params.parse_mode).toBe('HTML');
    expect(validateTelegramHtml(textOf(call)).ok).toBe(true);
    return call;
  }
  const count = (method: string, chatId: number): number => api.calls.filter(inChat(method, chatId)).length;

  /** Sends `text` as the user of `chatId` and returns the bot's reply. */
  async function ask(chatId: number, text: string): Promise<ApiCall> {
    const before = count('sendMessage', chatId);
    api.sendText(chatId, text);
    return next('sendMessage', chatId, before);
  }

  it('answers 杨楼村 with the article, its excerpt and an inline keyboard', async () => {
    const reply = await ask(401, '杨楼村');
    expect(textOf(reply)).toContain(`<b>${YANGLOU}</b>`);
    expect(textOf(reply)).toContain('<b>杨楼村</b>');
    expect(buttonsOf(reply).map(dataOf)).toEqual(['a:a76b7fac00']);
  });

  it('pages 疫情防控 with the 下一页 button, editing the message to page 2', async () => {
    const reply = await ask(402, '疫情防控');
    const pages = /第 1\/(\d+) 页/.exec(textOf(reply))?.[1];
    expect(Number(pages)).toBeGreaterThan(1);
    const nextPage = buttonsOf(reply).find((b) => b.text.startsWith('下一页'));
    expect(dataOf(nextPage)).toMatch(/^s:[\w-]{10}:1$/);

    const edits = count('editMessageText', 402);
    const searches = vi.spyOn(deps.library, 'search');
    const { callback_query: pressed } = api.pressButton(402, messageIdOf(reply), dataOf(nextPage));
    const edit = await next('editMessageText', 402, edits);
    expect(Number(edit.params.message_id)).toBe(messageIdOf(reply));
    expect(textOf(edit)).toContain(`第 2/${pages} 页`);
    expect(textOf(edit)).toMatch(/^🔎 “疫情防控”[^]*\n\n6\. <b>/);
    expect(buttonsOf(edit).map((b) => b.text)).toContain('« 上一页');
    expect((await api.waitFor(answerTo(pressed.id))).response.ok).toBe(true);
    // The page comes from the answer already ranked, and reading writes nothing to the database.
    expect(searches).not.toHaveBeenCalled();
    searches.mockRestore();
    expect(deps.store.read(`q:${dataOf(nextPage).split(':')[1]}`)).toBeUndefined();
  });

  it('sends the whole article when a 📄 button is pressed', async () => {
    const reply = await ask(403, '杨楼村');
    const read = buttonsOf(reply).find((b) => b.text.startsWith('📄'));
    const before = count('sendMessage', 403);
    api.pressButton(403, messageIdOf(reply), dataOf(read));
    const article = await next('sendMessage', 403, before);
    expect(textOf(article).startsWith(`<b>${YANGLOU}</b>`)).toBe(true);
    expect(textOf(article)).toContain('区领导赵俊生参加调研');
  });

  it('sends the article for the tappable /article_<id> of a hit', async () => {
    const article = await ask(404, '/article_a76b7fac00');
    expect(textOf(article).startsWith(`<b>${YANGLOU}</b>`)).toBe(true);
  });

  it('says 没有找到 with a suggestion when nothing matches', async () => {
    const reply = await ask(405, '卫红');
    expect(textOf(reply)).toBe('没有找到与“卫红”相关的文章。\n可以试试：<code>宫卫红</code>');
    expect(buttonsOf(reply)).toEqual([]);
  });

  it('searches a two-character name one character off as the one official it can be, and says so', async () => {
    const reply = await ask(411, '吕佩');
    expect(textOf(reply).split('\n')[0]).toBe('没有“吕佩”，按“吕沛”查找');
    expect(textOf(reply)).toContain(`<b>${YANGLOU}</b>`);
  });

  it('gives the same answer as search --json and the plain CLI: full matches first, then labelled partials', async () => {
    const query = '吕沛 杨楼村';
    const reply = textOf(await ask(407, query));
    const json = JSON.parse(cliRun(['--json', '--limit', '5', query]).stdout) as Array<{ id: string; match: string }>;
    expect([...reply.matchAll(/\/article_(\w+)/g)].map((m) => m[1])).toEqual(json.map((h) => h.id));
    const partialAt = json.findIndex((h) => h.match === 'partial');
    expect(partialAt).toBeGreaterThan(0);
    expect([...reply.split('部分匹配（不含全部关键词）')[0]!.matchAll(/\/article_/g)].length).toBe(partialAt);
    const text = cliRun(['--limit', '5', query]).stdout.split('-- partial matches');
    expect(text).toHaveLength(2);
    for (const [i, h] of json.entries()) expect(text[i < partialAt ? 0 : 1]).toContain(h.id);
  }, 30_000);

  it('says nothing was found, as search --json does with an empty list', async () => {
    expect(textOf(await ask(408, 'football')).startsWith('没有找到与“football”相关的文章。')).toBe(true);
    expect(JSON.parse(cliRun(['--json', 'football']).stdout)).toEqual([]);
  }, 30_000);

  it('answers a stale paging button with a notice instead of a search', async () => {
    const sent = count('sendMessage', 406);
    const { callback_query: pressed } = api.pressButton(406, 999, 's:xxxxxxxxxx:1');
    const answer = await api.waitFor(answerTo(pressed.id));
    expect(answer.response.ok).toBe(true);
    expect(answer.params.text).toBe('这个搜索已过期，请重新发送关键词。');
    expect(count('sendMessage', 406)).toBe(sent);
    expect(count('editMessageText', 406)).toBe(0);
  });
});

/** Runs the search CLI over the seed pages (or SEEDS_DIR given in `env`). */
const cliRun = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/search.ts', ...args], {
  encoding: 'utf8', env: { ...process.env, SEEDS_DIR: '', ...env },
});

describe('npm run -s search', () => {
  const cli = cliRun;

  it('prints only a JSON array of the hits with --json', () => {
    const stdout = execFileSync('npm', ['run', '-s', 'search', '--', '--json', '杨楼村'], { encoding: 'utf8' });
    const hits = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(hits).toHaveLength(1);
    expect(Object.keys(hits[0]!)).toEqual(['id', 'title', 'date', 'source', 'score', 'match', 'excerpt']);
    expect(hits[0]).toMatchObject({ id: 'a76b7fac00', title: YANGLOU, date: '2021-11-04', source: '000_1ae64c17c2bdf7f5.txt' });
    expect(String(hits[0]!.excerpt)).toContain('杨楼村');
    expect(String(hits[0]!.excerpt)).not.toContain('<');
    const score = hits[0]!.score as number;
    expect(Math.round(score * 1000) / 1000).toBe(score);
  });

  it('gives the top 10 by default and --limit N', () => {
    expect((JSON.parse(cli(['--json', '疫情防控']).stdout) as unknown[]).length).toBe(10);
    expect((JSON.parse(cli(['--json', '--limit', '3', '疫情防控']).stdout) as unknown[]).length).toBe(3);
  });

  it('reads --seeds or SEEDS_DIR, with page warnings on stderr only', () => {
    for (const run of [cli(['--json', '--seeds', 'tests/fixtures', '疫情']), cli(['--json', '疫情'], { SEEDS_DIR: 'tests/fixtures' })]) {
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/^warning: 2020-11-20-gb18030\.txt is GB18030/m);
      const hits = JSON.parse(run.stdout) as Array<{ source: string }>;
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.source === '2020-11-20-gb18030.txt')).toBe(true);
    }
  });

  it('prints a readable list without --json', () => {
    const run = cli(['杨楼村', '灾后重建']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`1. ${YANGLOU}`);
    expect(run.stdout).toContain('2021-11-04 · 000_1ae64c17c2bdf7f5.txt · a76b7fac00');
  });

  it('prints usage to stderr and exits 2 for an empty query', () => {
    for (const args of [[], ['--json'], ['  ']]) {
      const run = cli(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('usage: npm run -s search --');
      expect(run.stdout).toBe('');
    }
  });
});
