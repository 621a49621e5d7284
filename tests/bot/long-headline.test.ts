// A page whose headline ran into its body on one line (5,000 characters): nothing the bot builds from it may be refused
// by Telegram. The formatters are checked with the article's title as long as that line; the real stack (digest,
// search, inline, /article) runs on the page itself against the stand-in, which refuses what Telegram refuses.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/app/ingest.ts';
import type { Article } from '../../src/corpus/types.ts';
import { formatArticle } from '../../src/bot/format/article.ts';
import { formatDigest } from '../../src/bot/format/digest.ts';
import { formatHit } from '../../src/bot/format/search.ts';
import { inlineResult } from '../../src/bot/features/inline.ts';
import { splitMessage, validateTelegramHtml } from '../../src/bot/html.ts';
import { pack } from '../../src/digest/run.ts';
import { excerpt } from '../../src/search/excerpt.ts';
import type { Subscription } from '../../src/store/types.ts';
import { startBot, type Running } from '../support/harness.ts';

const PAGE = '2021-11-06-long-headline.txt';
const LINE = ('示范区召开冷链食品疫情防控工作推进会 全面落实各项防控措施 确保群众生命安全和身体健康 '.repeat(80)).slice(0, 5000);
/** The headline printed straight into the body, with no line break, then the news as usual. */
const RAW = `${LINE}\n 本报讯（记者王芳） 11月5日，示范区召开冷链食品疫情防控工作推进会，安排部署冷链食品疫情防控工作。\n会议强调，要坚持人物同防，严格落实冷链食品追溯管理制度。\n`;

/** Visible length of Telegram HTML, or a failure when Telegram would not parse it. */
function visible(html: string): number {
  const checked = validateTelegramHtml(html);
  if (!checked.ok) throw new Error(checked.error);
  return checked.text.length;
}

let bot: Running;
let long: Article;

beforeAll(async () => {
  bot = await startBot();
  const seeds = join(bot.dir, 'seeds');
  mkdirSync(seeds);
  for (const f of readdirSync('seeds')) copyFileSync(join('seeds', f), join(seeds, f));
  bot.deps.store.addSubscription(301, 'query', '冷链', Date.now() - 1000, 20);
  writeFileSync(join(seeds, PAGE), RAW);
  const { added } = ingestFile({ ...bot.deps, seedsDir: seeds }, PAGE);
  expect(added.length).toBeGreaterThan(0);
  // The article as a parser would cut it if it took the whole run-on line for the headline.
  long = { ...added.find((a) => a.body.includes('冷链'))!, title: LINE };
}, 60_000);
afterAll(() => bot.stop());

describe('a 5,000-character title is bounded wherever it is shown', () => {
  it('in a digest, its buttons and a digest too long for one message', () => {
    const sub: Subscription = { id: 1, chatId: 1, kind: 'query', value: LINE, createdAt: 0, lastDigestAt: null };
    const one = formatDigest([{ subscription: sub, articles: [long] }]);
    expect(visible(one.html)).toBeLessThan(1000);
    expect(one.buttons.flat().every((b) => [...b.text].length <= 20 && 'callback_data' in b && Buffer.byteLength(b.callback_data) <= 64)).toBe(true);
    const groups = Array.from({ length: 20 }, (_, i) => ({ subscription: { ...sub, id: i + 1 }, articles: Array(8).fill(long) as Article[], allIds: [long.id] }));
    const messages = pack(groups);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(visible(formatDigest(message).html)).toBeLessThanOrEqual(4096);
    expect(messages.flat()).toHaveLength(20);
  });

  it('in a search hit, an inline result and the whole article', () => {
    const ex = excerpt(long.body, ['冷链']);
    expect(visible(formatHit({ ...long, excerpt: ex } as never, 1))).toBeLessThan(1000);
    const result = inlineResult(long, ex, 'test_bot');
    expect([...result.title].length).toBeLessThanOrEqual(60);
    expect(visible((result.input_message_content as { message_text: string }).message_text)).toBeLessThanOrEqual(4096);
    for (const chunk of splitMessage(formatArticle(long))) expect(visible(chunk)).toBeLessThanOrEqual(4096);
  });
});

describe('the page through the real stack', () => {
  beforeAll(async () => {
    const { api } = bot;
    await bot.deps.digests.deliver(301);
    api.sendText(302, '冷链');
    api.pushUpdate({ inline_query: { id: 'iq-1', from: { id: 303, is_bot: false, first_name: 'T' }, query: '冷链', offset: '' } });
    api.sendText(304, `/article ${long.id}`);
    await api.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === 302);
    await api.waitFor((c) => c.method === 'answerInlineQuery');
    await api.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === 304);
  }, 30_000);

  it('delivers the digest, answers search, inline and /article, and nothing is refused', () => {
    const { api } = bot;
    expect(api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === 301 && c.response.ok).length).toBeGreaterThan(0);
    const refused = api.calls.filter((c) => !c.response.ok).map((c) => `${c.method}: ${c.response.error_code} ${c.response.description}`);
    expect(refused).toEqual([]);
  });
});
