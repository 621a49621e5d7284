// Exact Telegram HTML of search results, each checked against Telegram's HTML rules.
import { describe, expect, it } from 'vitest';
import type { InlineKeyboardButton } from 'telegraf/types';
import { queryKey } from '../../src/bot/features/search.ts';
import { PAGE_SIZE, formatHit, formatNoHits, formatResults, understoodLine } from '../../src/bot/format/search.ts';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import { excerptHtml } from '../../src/bot/format/search.ts';
import type { Hit, SearchResult } from '../../src/search/index.ts';

/** Asserts `html` is what Telegram accepts, and returns it for comparison. */
function valid(html: string): string {
  const check = validateTelegramHtml(html);
  expect(check.ok, check.ok ? '' : check.error).toBe(true);
  return html;
}

const yanglou: Hit = {
  id: 'a76b7fac00',
  title: '吕沛到杨楼村调研灾后重建土地复耕工作',
  date: '2021-11-04',
  source: '000_1ae64c17c2bdf7f5.txt',
  score: 37.1,
  covered: 1,
  match: 'full',
  excerpt: { text: '…吕沛到文昌街道杨楼村调研灾后重建…', marks: [[8, 11], [13, 17]] },
};

/** The made-up id of hit `n`: b000000001, b000000002 … (ten hex digits, as real ids). */
const idOf = (n: number): string => `b${String(n).padStart(9, '0')}`;
/** Hit number `n` of a made-up result list: 报道1 … with a one-word excerpt. */
const numbered = (n: number): Hit => ({
  id: idOf(n),
  title: `报道${n}`,
  date: `2021-11-${String(n).padStart(2, '0')}`,
  source: '003_8d85c9949e2b6f1c.txt',
  score: 10 - n,
  covered: 1,
  match: 'full',
  excerpt: { text: `疫情防控第${n}条`, marks: [[0, 4]] },
});
const result = (query: string, count: number): SearchResult => {
  const hits = Array.from({ length: count }, (_, i) => numbered(i + 1));
  return { query, words: [query], forms: [[query]], date: null, intent: null, corrections: [], ids: hits.map((h) => h.id), full: count, covered: hits.map(() => 1), scores: hits.map((h) => h.score), hits };
};
const hitHtml = (n: number): string => `${n}. <b>报道${n}</b>\n2021-11-${String(n).padStart(2, '0')} · 003_8d85c9949e2b6f1c · /article_${idOf(n)}\n<b>疫情防控</b>第${n}条`;

const allButtons = (rows: InlineKeyboardButton[][] | undefined): InlineKeyboardButton[] => (rows ?? []).flat();
const dataOf = (b: InlineKeyboardButton): string => ('callback_data' in b ? b.callback_data : '');

describe('excerptHtml', () => {
  it('puts the marked words in bold', () => {
    expect(valid(excerptHtml(yanglou.excerpt))).toBe('…吕沛到文昌街道<b>杨楼村</b>调研<b>灾后重建</b>…');
  });

  it('escapes < > & and " inside and outside the marks', () => {
    expect(valid(excerptHtml({ text: '<杨楼村>&“R&D”"x"', marks: [[1, 4], [7, 10]] }))).toBe('&lt;<b>杨楼村</b>&gt;&amp;“<b>R&amp;D</b>”&quot;x&quot;');
    expect(valid(excerptHtml({ text: 'a<b>c</b>', marks: [] }))).toBe('a&lt;b&gt;c&lt;/b&gt;');
  });

  it('keeps adjacent marks apart and leaves text without marks as it is', () => {
    expect(valid(excerptHtml({ text: '复工复产', marks: [[0, 2], [2, 4]] }))).toBe('<b>复工</b><b>复产</b>');
    expect(valid(excerptHtml({ text: '没有标记的摘要', marks: [] }))).toBe('没有标记的摘要');
    expect(excerptHtml({ text: '', marks: [] })).toBe('');
  });
});

describe('formatHit', () => {
  it('gives the number, bold title, date · page · tappable /article_ id, then the excerpt', () => {
    expect(valid(formatHit(yanglou, 1))).toBe(
      '1. <b>吕沛到杨楼村调研灾后重建土地复耕工作</b>\n' +
      '2021-11-04 · 000_1ae64c17c2bdf7f5 · /article_a76b7fac00\n' +
      '…吕沛到文昌街道<b>杨楼村</b>调研<b>灾后重建</b>…',
    );
  });

  it('says 日期不详 for an undated article and escapes the title', () => {
    const undated: Hit = { ...yanglou, id: 'e7b4ac967e', title: 'R&D <中心> “新”', date: null, source: '004_x.TXT', excerpt: { text: '摘要', marks: [] } };
    expect(valid(formatHit(undated, 12))).toBe('12. <b>R&amp;D &lt;中心&gt; “新”</b>\n日期不详 · 004_x · /article_e7b4ac967e\n摘要');
  });
});

describe('formatResults', () => {
  it('counts the whole ranking and shows a page from hits made only up to it', () => {
    const r = result('疫情防控', 3 * PAGE_SIZE);
    const { html } = formatResults({ ...r, hits: r.hits.slice(0, PAGE_SIZE) }, 0, 'k123456789');
    expect(valid(html).split('\n')[0]).toBe(`🔎 “疫情防控” 共 ${3 * PAGE_SIZE} 篇，第 1/3 页`);
    expect(html).toContain(hitHtml(PAGE_SIZE));
    expect(html).not.toContain(`${PAGE_SIZE + 1}. `);
  });

  const key = queryKey('疫情防控');

  it('shows page 1 of 2 with five hits, five 📄 buttons and a 下一页 button', () => {
    const { html, keyboard } = formatResults(result('疫情防控', 7), 0, key);
    expect(valid(html)).toBe(['🔎 “疫情防控” 共 7 篇，第 1/2 页', ...[1, 2, 3, 4, 5].map(hitHtml)].join('\n\n'));
    expect(keyboard?.inline_keyboard).toEqual([
      [1, 2, 3, 4, 5].map((n) => ({ text: `📄 ${n}`, callback_data: `a:${idOf(n)}` })),
      [{ text: '下一页 »', callback_data: `s:${key}:1` }],
    ]);
  });

  it('shows page 2 of 2 with the last two hits, numbered on, and a 上一页 button', () => {
    const { html, keyboard } = formatResults(result('疫情防控', 7), 1, key);
    expect(valid(html)).toBe(['🔎 “疫情防控” 共 7 篇，第 2/2 页', hitHtml(6), hitHtml(7)].join('\n\n'));
    expect(keyboard?.inline_keyboard).toEqual([
      [{ text: '📄 6', callback_data: 'a:b000000006' }, { text: '📄 7', callback_data: 'a:b000000007' }],
      [{ text: '« 上一页', callback_data: `s:${key}:0` }],
    ]);
  });

  it('has both paging buttons on a middle page', () => {
    const { html, keyboard } = formatResults(result('疫情防控', 3 * PAGE_SIZE), 1, key);
    expect(valid(html).split('\n')[0]).toBe('🔎 “疫情防控” 共 15 篇，第 2/3 页');
    expect(keyboard?.inline_keyboard[1]).toEqual([{ text: '« 上一页', callback_data: `s:${key}:0` }, { text: '下一页 »', callback_data: `s:${key}:2` }]);
  });

  it('keeps every callback_data within 64 bytes, 📄 as a:<id> and paging as s:<key>:<n>', () => {
    for (const page of [0, 1, 2]) {
      const buttons = allButtons(formatResults(result('疫情防控', 3 * PAGE_SIZE), page, key).keyboard?.inline_keyboard);
      for (const b of buttons) {
        expect(Buffer.byteLength(dataOf(b), 'utf8')).toBeLessThanOrEqual(64);
        expect(dataOf(b)).toMatch(b.text.startsWith('📄') ? /^a:[0-9a-f]{10}$/ : /^s:[\w-]{10}:\d+$/);
      }
    }
    expect(key).toMatch(/^[\w-]{10}$/);
  });

  it('shows a single page without page numbers or paging buttons', () => {
    const { html, keyboard } = formatResults(result('疫情防控', 1), 0, key);
    expect(valid(html)).toBe(`🔎 “疫情防控” 共 1 篇\n\n${hitHtml(1)}`);
    expect(keyboard?.inline_keyboard).toEqual([[{ text: '📄 1', callback_data: 'a:b000000001' }]]);
  });

  it('clamps a page past either end', () => {
    expect(formatResults(result('疫情防控', 7), 9, key).html).toBe(formatResults(result('疫情防控', 7), 1, key).html);
    expect(formatResults(result('疫情防控', 7), -3, key).html).toBe(formatResults(result('疫情防控', 7), 0, key).html);
  });

  it('echoes the query escaped, on one line and cut to 40 characters', () => {
    const html = valid(formatResults({ ...result('x', 1), query: '<b>杨楼村</b> &\n灾后' }, 0, key).html);
    expect(html.split('\n')[0]).toBe('🔎 “&lt;b&gt;杨楼村&lt;/b&gt; &amp; 灾后” 共 1 篇');
    const long = valid(formatResults({ ...result('x', 1), query: '长'.repeat(50) }, 0, key).html);
    expect(long.split('\n')[0]).toBe(`🔎 “${'长'.repeat(40)}…” 共 1 篇`);
  });
});

describe('formatNoHits', () => {
  it('offers the suggestions as tappable code', () => {
    expect(valid(formatNoHits('吕佩', ['吕沛']))).toBe('没有找到与“吕佩”相关的文章。\n可以试试：<code>吕沛</code>');
    expect(valid(formatNoHits('赵军生', ['赵俊生', '赵俊峰']))).toBe('没有找到与“赵军生”相关的文章。\n可以试试：<code>赵俊生</code>、<code>赵俊峰</code>');
  });

  it('gives general advice when there is nothing to suggest', () => {
    expect(valid(formatNoHits('火星', []))).toBe('没有找到与“火星”相关的文章。\n换个关键词试试，比如地名、人名或“疫情防控”。');
  });

  it('escapes the query and the suggestions', () => {
    expect(valid(formatNoHits('<x>&', ['a<b']))).toBe('没有找到与“&lt;x&gt;&amp;”相关的文章。\n可以试试：<code>a&lt;b</code>');
  });
});

describe('the answer shape', () => {
  it('labels partial matches once, after the full ones, and says which printed form a misprint was searched as', () => {
    const r = result('杨搂村', 4);
    r.hits[2]!.match = 'partial';
    r.hits[3]!.match = 'partial';
    r.full = 2;
    r.corrections = [{ from: '杨搂村', to: '杨楼村' }];
    const { html } = formatResults(r, 0, 'k123456789');
    valid(html);
    expect(html.startsWith('没有“杨搂村”，按“杨楼村”查找')).toBe(true);
    expect(html).toContain('2 篇含全部关键词，2 篇部分匹配');
    expect(html.split('部分匹配（不含全部关键词）').length - 1).toBe(1);
    expect(html.indexOf('部分匹配（不含全部关键词）')).toBeGreaterThan(html.indexOf('报道2'));
    expect(html.indexOf('部分匹配（不含全部关键词）')).toBeLessThan(html.indexOf('报道3'));
  });

  it('says when no article prints every word, before the labelled partial matches', () => {
    const r = result('吕沛 航天飞机', 2);
    for (const h of r.hits) h.match = 'partial';
    r.full = 0;
    const { html } = formatResults(r, 0, 'k123456789');
    expect(valid(html).split('\n')[0]).toBe('🔎 “吕沛 航天飞机” 没有文章含全部关键词，2 篇部分匹配');
    expect(html.split('\n\n')[1]!.startsWith('<i>部分匹配（不含全部关键词）：</i>\n1. ')).toBe(true);
  });

  it('says what the query was read as: the months kept, a meetings or a role question', () => {
    expect(understoodLine({ date: { prefix: '2021-11', text: '2021年11月' }, intent: null })).toBe('<i>只看2021年11月的文章</i>');
    expect(understoodLine({ date: { prefix: '2021', text: '2021' }, intent: { kind: 'meetings' } })).toBe('<i>只看2021的文章；会议报道，最新的在前</i>');
    expect(understoodLine({ date: null, intent: { kind: 'role', name: '宫卫红', role: '主持' } })).toBe('<i>宫卫红主持会议的报道在前</i>');
    expect(understoodLine({ date: null, intent: null })).toBeNull();
    const r = { ...result('2021年11月 疫情防控', 1), date: { prefix: '2021-11', text: '2021年11月' } };
    expect(valid(formatResults(r, 0, 'k123456789').html).split('\n').slice(0, 2)).toEqual(['🔎 “2021年11月 疫情防控” 共 1 篇', '<i>只看2021年11月的文章</i>']);
  });
});
