import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Composer, Markup } from 'telegraf';
import type { Context } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeps } from '../../src/transports/wire.ts';
import type { BotDeps } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { CONSOLE_INTRO, createConsoleClient, runConsole } from '../../src/transports/console.ts';

let dir: string;
let deps: BotDeps;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jznews-console-'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'db.sqlite'), LOG_LEVEL: 'silent' });
  deps = await openDeps(config, createLogger(config));
});
afterAll(() => {
  deps.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A feature with buttons, standing in for search's paging until it is plugged in. */
function pager(): Composer<Context> {
  const feature = new Composer<Context>();
  feature.command('pages', (ctx) => ctx.reply('第 1 页', { ...Markup.inlineKeyboard([Markup.button.callback('下一页', 'p:2')]) }));
  feature.action(/^p:(\d+)$/, async (ctx) => {
    await ctx.answerCbQuery();
    await ctx.editMessageText(`第 ${ctx.match[1]} 页 &amp; <b>粗</b>`, { parse_mode: 'HTML' });
  });
  return feature;
}

/** Feeds `lines` to runConsole and returns everything it printed. */
async function chat(lines: string[], features: Composer<Context>[] = []): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => { printed += String(d); });
  const done = runConsole(createBot(deps, { features }), { input, output });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return printed;
}

describe('console chat', () => {
  it('says it is in console mode, then answers /start with the help', async () => {
    const out = await chat(['/start']);
    expect(out.startsWith(`${CONSOLE_INTRO}\n\n`)).toBe(true);
    expect(out).toContain('console mode');
    expect(out).toContain('BOT_TOKEN=');
    expect(out).toContain('你好！我收录了 5 个版面、50 篇报道。');
    expect(out).toContain('/who 吕沛 — 查人物');
    expect(out).not.toContain('<b>');
    expect(out).not.toContain('<code>');
  });

  it('prints an article as plain text and answers an unknown command', async () => {
    const article = deps.library.articles()[0]!;
    const out = await chat([`/article ${article.id}`, '/nope', '', '<b>&amp;</b>', '/quit', '/help']);
    expect(out).toContain(`${article.title}\n`);
    expect(out).toContain(article.body.split('\n')[0]!);
    expect(out).toContain('没有 /nope 这个命令。');
    expect(out).toContain('暂时无法处理「<b>&amp;</b>」');
    expect(out).not.toContain('查看用法和示例');
  });

  it('lists buttons by number and presses them', async () => {
    const out = await chat(['/pages', '1', '1', '7'], [pager()]);
    expect(out).toContain('第 1 页\n[1] 下一页\n\n');
    expect(out).toContain('（更新了消息 #2）\n第 2 页 & 粗');
    expect(out.split('（更新了消息 #2）')).toHaveLength(3);
    expect(out).toContain('暂时无法处理「7」');
  });
});

describe('console client', () => {
  it('keeps state between messages and exposes buttons', async () => {
    const client = createConsoleClient(createBot(deps, { features: [pager()] }), { chatId: 5 });
    const [page] = await client.send('/pages');
    expect(page).toMatchObject({ method: 'sendMessage', text: '第 1 页', buttons: [[{ text: '下一页', number: 1, data: 'p:2' }]] });
    expect(client.buttons().map((b) => b.text)).toEqual(['下一页']);
    expect(await client.press(1)).toMatchObject([{ method: 'editMessageText', messageId: page?.messageId, text: '第 2 页 & 粗' }]);
    expect(await client.press(9)).toMatchObject([{ method: 'console', text: '（没有第 9 个按钮）' }]);
  });

  it('answers a stale button like Telegram would', async () => {
    const client = createConsoleClient(createBot(deps), { chatId: 6 });
    await client.send('/pages');
    expect(client.buttons()).toEqual([]);
    expect(await client.press(1)).toMatchObject([{ text: '（没有第 1 个按钮）' }]);
  });

  it('refuses invalid HTML like Telegram, so the error handler apologises', async () => {
    const broken = new Composer<Context>();
    broken.command('broken', (ctx) => ctx.reply('<script>', { parse_mode: 'HTML' }));
    const client = createConsoleClient(createBot(deps, { features: [broken] }), { chatId: 7 });
    expect(await client.send('/broken')).toMatchObject([{ method: 'sendMessage', text: '抱歉，出错了，请稍后再试。' }]);
  });

  it('works in a group chat: commands, mentions only', async () => {
    const client = createConsoleClient(createBot(deps), { chatId: -100 });
    expect(await client.send('hello')).toEqual([]);
    expect((await client.send('@jznews_bot 吕沛'))[0]?.text).toContain('“吕沛”');
    expect((await client.send('/help@jznews_bot'))[0]?.text).toContain('/who 吕沛');
  });
});
