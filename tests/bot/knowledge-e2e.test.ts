// /who, /people and /meetings through the real telegraf stack and the local Bot API stand-in, on the invented pages and the seeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import type { ApiCall, FakeBotApi } from '../support/fakeBotApi.ts';
import { keyboardOf, sentTo, startBot, type Running } from '../support/harness.ts';

/** Sends a message and returns the reply, checked as valid Telegram HTML under 4096 characters. */
async function ask(api: FakeBotApi, chatId: number, text: string): Promise<ApiCall> {
  const before = api.calls.filter(sentTo(chatId)).length;
  api.sendText(chatId, text);
  const reply = await api.waitFor((c) => sentTo(chatId)(c) && api.calls.filter(sentTo(chatId)).length > before);
  const html = String(reply.params.text);
  expect(validateTelegramHtml(html).ok, html).toBe(true);
  expect(html.length).toBeLessThan(4096);
  return reply;
}

describe('the knowledge commands on the invented pages', () => {
  let bot: Running;
  const say = async (text: string): Promise<string> => String((await ask(bot.api, 31, text)).params.text);
  beforeAll(async () => {
    bot = await startBot({ SEEDS_DIR: 'tests/fixtures/knowledge' });
  });
  afterAll(() => bot.stop());

  it('shows a bureau head with the title as printed, its dates, a short form folded and the misprint', async () => {
    const card = await say('/who 杨凡');
    expect(card).toContain('<b>杨帆</b>（部门）');
    expect(card).toContain('见报职务：区住建局党组书记、局长（见报 2021-11-18 至 2024-05-09；亦作 ');
    expect(card).not.toContain('此前见报');
  });

  it('shows a real change of post as an earlier post', async () => {
    const card = await say('/who 王振华');
    expect(card).toContain('见报职务：阳庙镇党委书记（见报 2024-05-09）');
    expect(card).toContain('此前见报：阳庙镇党委副书记、镇长（见报 2021-11-19）');
  });

  it('lists the holders of a title and the city people', async () => {
    const holders = await say('/who 市长');
    expect(holders).toContain('<code>/who 李亚</code> 市委副书记、市长（见报 2021-11-18 至 2024-05-10）');
    expect(holders).not.toContain('孙立平');
    const city = await say('/people 市');
    for (const name of ['李亚', '贾建国', '贺春燕', '葛巧红']) expect(city).toContain(`<b>${name}</b>`);
    expect(city).not.toContain('<b>杨帆</b>');
    expect(await say('/people 火星')).toContain('没有“火星”这一层级。可按层级查看：<code>/people 省</code>');
  });

  it('filters meetings by month with chair and speakers', async () => {
    const list = await say('/meetings 2021-11');
    expect(list).toContain('〔推进会〕示范区召开城中村改造推进会\n主持：冯利民　讲话：');
    expect(list).toContain('〔协调会〕');
    expect(list).not.toContain('2022-');
  });
});

describe('paging meetings on the seeds', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.stop());

  it('pages all meetings with buttons and edits the message to the next page', async () => {
    const first = await ask(bot.api, 32, '/meetings');
    expect(String(first.params.text)).toMatch(/（\d+ 场，第 1\/2 页）/u);
    const next = keyboardOf(first).flat().find((b) => b.text.includes('下一页'));
    expect(next?.callback_data).toBe('mt::2');
    bot.api.pressButton(32, (first.response.result as { message_id: number }).message_id, next!.callback_data);
    const edit = await bot.api.waitFor((c) => c.method === 'editMessageText' && Number(c.params.chat_id) === 32);
    expect(String(edit.params.text)).toMatch(/第 2\/2 页/u);
  });

  it('answers a year with only that year\'s meetings and no pager when one page holds them', async () => {
    const reply = await ask(bot.api, 32, '/meetings 2020');
    const dates = String(reply.params.text).match(/^\d{4}-\d{2}-\d{2}/gmu) ?? [];
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d) => d.startsWith('2020-'))).toBe(true);
    expect(keyboardOf(reply)).toEqual([]);
  });
});
