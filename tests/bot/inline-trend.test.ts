// Inline mode and trend pictures through the real telegraf stack and the local Bot API stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDeps } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create.ts';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import { monthlyCounts, peak, trendSvg } from '../../src/bot/chart/trend.ts';
import { createConsoleClient } from '../../src/transports/console.ts';
import type { ApiCall, FakeBotApi } from '../support/fakeBotApi.ts';
import { startBot, type Running } from '../support/harness.ts';
import { findTopic } from '../../src/knowledge/topics.ts';

let bot: Running;
let api: FakeBotApi;
let deps: BotDeps;
let nextQuery = 1;

beforeAll(async () => {
  bot = await startBot();
  ({ api, deps } = bot);
});
afterAll(() => bot.stop());

type Result = { id: string; title: string; input_message_content: { message_text: string; parse_mode: string } };

/** Sends an inline query and returns the answer's results and next_offset. */
async function inline(query: string, offset = ''): Promise<{ results: Result[]; next: string }> {
  const id = `iq${nextQuery++}`;
  api.pushUpdate({ inline_query: { id, from: { id: 5, is_bot: false, first_name: 'U' }, query, offset, chat_type: 'private' } });
  const call = await api.waitFor((c) => c.method === 'answerInlineQuery' && c.params.inline_query_id === id);
  expect(call.response.ok, String(call.response.description)).toBe(true);
  const results = (typeof call.params.results === 'string' ? JSON.parse(call.params.results) : call.params.results) as Result[];
  for (const r of results) expect(validateTelegramHtml(r.input_message_content.message_text).ok).toBe(true);
  return { results, next: String(call.params.next_offset ?? '') };
}

const photoTo = (chatId: number) => (c: ApiCall): boolean => c.method === 'sendPhoto' && Number(c.params.chat_id) === chatId;

describe('inline mode', () => {
  it('offers up to 20 articles for a query and pages further with next_offset', async () => {
    const total = deps.library.search('疫情').hits.length;
    expect(total).toBeGreaterThan(20);
    const first = await inline('疫情');
    expect(first.results).toHaveLength(20);
    expect(first.next).toBe('20');
    const second = await inline('疫情', first.next);
    expect(second.results).toHaveLength(Math.min(total, 50) - 20);
    expect(new Set([...first.results, ...second.results].map((r) => r.id)).size).toBe(first.results.length + second.results.length);
  });

  it('never offers more than 50 results in all', async () => {
    const third = await inline('疫情', '40');
    expect(third.results.length).toBeLessThanOrEqual(10);
    expect(third.next).toBe('');
  });

  it('posts a card with title, date, excerpt and the article id', async () => {
    const { results } = await inline('杨楼村');
    const card = results[0]!.input_message_content.message_text;
    expect(card).toContain('<b>吕沛到杨楼村调研灾后重建土地复耕工作</b>');
    expect(card).toContain('2021-11-04');
    expect(card).toContain(`/article ${results[0]!.id}`);
    expect(card).toContain('<b>杨楼村</b>');
  });

  it('offers the latest articles for an empty query', async () => {
    const { results } = await inline('');
    expect(results).toHaveLength(20);
    expect(results[0]!.input_message_content.message_text).toMatch(/2022-01-1[01]/);
  });

  it('offers an official\'s card for "who 吕沛"', async () => {
    const { results } = await inline('who 官卫红');
    expect(results).toHaveLength(1);
    expect(results[0]!.input_message_content.message_text).toContain('宫卫红');
  });
});

describe('trend pictures', () => {
  it('answers /trend with a real PNG and a Chinese caption stating the total and the peak', async () => {
    api.sendText(31, '/trend 疫情防控');
    const call = await api.waitFor(photoTo(31));
    expect(call.response.ok, String(call.response.description)).toBe(true);
    const png = call.params.photo as Buffer;
    expect(Buffer.isBuffer(png)).toBe(true);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.readUInt32BE(16)).toBe(960);
    expect(png.readUInt32BE(20)).toBe(480);
    const count = findTopic(deps.library.topics(), '疫情防控')!.count;
    expect(String(call.params.caption)).toMatch(new RegExp(`「疫情防控」 共 ${count} 篇报道.*最多的是 \\d{4}-\\d{2}（\\d+ 篇）`));
  });

  it('offers the same chart of an official from /who', async () => {
    api.sendText(32, '/who 吕沛');
    const card = await api.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === 32);
    const markup = (typeof card.params.reply_markup === 'string' ? JSON.parse(card.params.reply_markup) : card.params.reply_markup) as { inline_keyboard: Array<Array<{ callback_data: string }>> };
    const data = markup.inline_keyboard.flat().find((b) => b.callback_data.startsWith('tw:'))!.callback_data;
    api.pressButton(32, (card.response.result as { message_id: number }).message_id, data);
    const photo = await api.waitFor(photoTo(32));
    expect(String(photo.params.caption)).toContain('吕沛 共 14 篇报道');
  });

  it('says so when nothing matches', async () => {
    api.sendText(33, '/trend 火星基地');
    const reply = await api.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === 33);
    expect(String(reply.params.text)).toContain('没有找到');
  });

  it('counts articles per month with the empty months in between', () => {
    expect(monthlyCounts(['2021-11-03', '2021-11-08', null, '2022-01-04'])).toEqual([
      { month: '2021-11', count: 2 },
      { month: '2021-12', count: 0 },
      { month: '2022-01', count: 1 },
    ]);
    expect(peak(monthlyCounts(['2021-11-03', '2022-01-04']))).toEqual({ month: '2022-01', count: 1 });
    expect(trendSvg(monthlyCounts(['2021-11-03']), 'a < b')).toContain('a &lt; b');
  });

  it('saves the picture to a file in the console chat and prints its path', async () => {
    const consoleBot = createBot(deps);
    const client = createConsoleClient(consoleBot, { chatId: 77 });
    const replies = await client.send('/trend 疫情防控');
    const path = /图片已保存：(\S+\.png)/.exec(replies[0]!.text)?.[1];
    expect(path).toBeDefined();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path!).subarray(1, 4).toString()).toBe('PNG');
  });
});
