import { describe, expect, it } from 'vitest';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import { formatMeetings, formatPeople, formatPerson, formatTopic, formatTopics, formatWho } from '../../src/bot/format/knowledge.ts';
import { filterMeetings } from '../../src/knowledge/meetings.ts';
import { resolvePerson } from '../../src/knowledge/resolve.ts';
import { buildKnowledge } from '../../src/knowledge/state.ts';
import { findTopic } from '../../src/knowledge/topics.ts';
import type { Meeting } from '../../src/knowledge/types.ts';
import { inventedArticles, seedArticles } from '../support/knowledgePages.ts';

const articles = [...seedArticles(), ...inventedArticles()];
const knowledge = buildKnowledge(articles);
const directory = knowledge.directory;
const byId = new Map(articles.map((a) => [a.id, a]));
const article = (id: string) => byId.get(id);
const who = (query: string): string => formatWho(resolvePerson(directory, query), { query, article });
const expectValid = (html: string): void => {
  expect(validateTelegramHtml(html), html.slice(0, 60)).toMatchObject({ ok: true });
  expect(html.length).toBeLessThan(4096);
};

describe('the /who answer', () => {
  it('starts with the name and level, 见报职务 with the dates it was printed, and the counts', () => {
    const lines = who('吕沛').split('\n');
    expect(lines[0]).toBe('<b>吕沛</b>（区级）');
    expect(lines[1]).toMatch(/^见报职务：党工委书记（见报 2021-09-30 至 \d{4}-\d{2}-\d{2}）$/u);
    expect(lines[2]).toMatch(/^见报 \d+ 篇 · 主持 \d+ · 讲话 \d+/u);
    expect(lines.filter((l) => l.includes('/article_'))).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/^<b>常一同出现<\/b>：/u);
  });

  it('never shows a short form of the same title as an earlier post', () => {
    const html = who('官卫红');
    expect(html.split('\n')[0]).toBe('<i>按异体写法“官卫红”匹配到 宫卫红</i>');
    expect(html).toContain('又作：官卫红、管卫红');
    expect(html).toMatch(/见报职务：党工委副书记、管委会主任（见报 2021-09-25 至 [\d-]+；亦作 管委会主任）/u);
    expect(html).not.toContain('此前');
  });

  it('shows an earlier post when the person really changed posts', () => {
    const p = structuredClone(directory.people.find((x) => x.name === '周建伟')!);
    p.titles = [{ title: '区财政局局长', first: '2023-03-15', last: '2023-03-18', forms: [] }, { title: '区财政局副局长', first: '2020-01-02', last: '2021-05-06', forms: [] }];
    expect(formatPerson(p, { query: '周建伟', article })).toContain('此前见报：区财政局副局长（见报 2020-01-02 至 2021-05-06）');
  });

  it('lists the holders of a title with dates', () => {
    const lines = who('副市长').split('\n');
    expect(lines[0]).toBe('<b>见报职务含“副市长”的人物</b>（1 人）');
    expect(lines[1]).toBe('· <code>/who 孙立平</code> 市委常委、副市长（见报 2022-09-13 至 2023-03-17）');
  });

  it('says a name was not found and offers only close names', () => {
    expect(who('吕佩')).toBe('没有找到人物“吕佩”。\n相近的名字：<code>吕沛</code>');
    expect(who('张三')).toBe('没有找到人物“张三”。\n发送 /people 查看人物名录。');
  });

  it('says no one was printed with a title nobody holds', () => {
    expect(who('检察长')).toBe('没有见报职务含“检察长”的人物。\n发送 /people 查看人物名录。');
  });

  it('asks for the full name when several people fit, and escapes what the user typed', () => {
    expect(who('赵俊')).toMatch(/^“赵俊”对应多人，请写全名：\n· <code>\/who 赵俊生<\/code> 区领导（\d+ 篇）/u);
    expect(who('<b>&')).toBe('没有找到人物“&lt;b&gt;&amp;”。\n发送 /people 查看人物名录。');
  });
});

describe('the lists', () => {
  it('pages the people list and names a level', () => {
    const html = formatPeople(directory.people, 2, 10);
    expect(html.split('\n')[0]).toMatch(/^<b>人物名录<\/b>（共 \d+ 人，第 2\/\d 页）$/u);
    expect(formatPeople(directory.people, 99, 10).split('\n')[0]).toMatch(/第 (\d)\/\1 页/u);
    const city = directory.people.filter((p) => p.level === 'city');
    expect(formatPeople(city, 1, 10, 'city')).toContain('<b>市级人物</b>');
    expect(formatPeople([], 1, 10, 'school')).toBe('没有学校人物。');
  });

  it('shows meetings with kind, who presided and spoke, and the article command', () => {
    const r = filterMeetings(knowledge.meetings, '2022');
    const html = r.ok ? formatMeetings(r.meetings, '2022 年的会议') : '';
    expect(html).toContain('〔座谈会〕示范区召开民营企业座谈会\n主持：吕沛　讲话：吕沛、黄立新、马志刚　/article_');
    expect(formatMeetings([], '<会议>')).toBe('<b>&lt;会议&gt;</b>（0 场）\n没有找到会议。');
  });

  it('pages meetings and counts them all in the heading', () => {
    const many: Meeting[] = Array.from({ length: 12 }, (_, i) => ({ articleId: `m${i}`, date: `2021-11-${String(20 - i).padStart(2, '0')}`, title: `会议${i}`, kind: '会议', presidedBy: [], speakers: [], attendees: [], topics: [], order: 1 }));
    const second = formatMeetings(many, '2021 年的会议', 2, 10);
    expect(second.split('\n')[0]).toBe('<b>2021 年的会议</b>（12 场，第 2/2 页）');
    expect(second).toContain('2021-11-09 〔会议〕会议11\n/article_m11');
    expect(second).not.toContain('会议0\n');
  });

  it('escapes article text in meetings', () => {
    const m: Meeting = { articleId: 'x1', date: null, title: 'A&B <会议>', kind: '会议', presidedBy: [], speakers: [], attendees: [], topics: [], order: 1 };
    expect(formatMeetings([m], '会议')).toBe('<b>会议</b>（1 场）\n\n日期不详 〔会议〕A&amp;B &lt;会议&gt;\n/article_x1');
  });

  it('lists topics with counts and one topic page by page', () => {
    const index = knowledge.topics;
    expect(formatTopics(index).split('\n')[1]).toMatch(/^· 疫情防控 \d+ 篇$/u);
    const topic = findTopic(index, '疫情')!;
    const lines = formatTopic(topic, article, 1, 3).split('\n');
    expect(lines[0]).toBe(`<b>疫情防控</b>（${topic.count} 篇，第 1/${Math.ceil(topic.count / 3)} 页）`);
    expect(lines).toHaveLength(4);
  });

  it('produces valid Telegram HTML everywhere', () => {
    for (const q of ['吕沛', '官卫红', '卫红', '赵俊', '张三', '<i>', '书记', '主任', '领导']) expectValid(who(q));
    expectValid(formatPeople(directory.people, 1, 10));
    expectValid(formatMeetings(knowledge.meetings, '全部会议'));
    expectValid(formatTopics(knowledge.topics));
    for (const t of knowledge.topics.topics) expectValid(formatTopic(t, article, 1, 50));
  });
});
