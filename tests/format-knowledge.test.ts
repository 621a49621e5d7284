import { describe, expect, it } from 'vitest';
import { validateTelegramHtml } from '../src/bot/html.ts';
import { formatMeetings, formatPeople, formatTopic, formatTopics, formatWho } from '../src/bot/format/knowledge.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { filterMeetings, findMeetings } from '../src/knowledge/meetings.ts';
import type { Meeting } from '../src/knowledge/meetings.ts';
import { buildDirectory } from '../src/knowledge/people.ts';
import { buildTopicIndex } from '../src/knowledge/topics.ts';

const articles = loadCorpus('seeds').articles;
const directory = buildDirectory(articles);
const byId = new Map(articles.map((a) => [a.id, a]));
const article = (id: string) => byId.get(id);
const who = (query: string): string => formatWho(directory.resolve(query), { query, article });
const expectValid = (html: string): void => expect(validateTelegramHtml(html), html.slice(0, 60)).toMatchObject({ ok: true });

describe('the /who answer', () => {
  it('starts with the name, the title with its dates, and the counts of articles and roles', () => {
    const lines = who('吕沛').split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '<b>吕沛</b>',
      '职务：党工委书记（2021-09-30 至 2022-01-10）',
      '见报 14 篇 · 主持 5 · 讲话 11 · 出席 8 · 调研 3',
      '',
      '<b>最近报道</b>',
      '2022-01-10 示范区举行电动汽车授车仪式示范区公安分局获赠十辆电动汽车（讲话、出席） /article_a1b095a73b',
    ]);
    expect(lines.filter((l) => l.includes('/article_'))).toHaveLength(5);
    expect(lines.at(-1)).toBe('<b>常一同出现</b>：赵俊生（13）、冯利民（10）、宫卫红（10）、姜坤峰（8）、刘春明（8）');
  });

  it('says when a misprinted spelling was matched, and shows the earlier title', () => {
    const lines = who('官卫红').split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '<i>按异体写法“官卫红”匹配到 宫卫红</i>',
      '<b>宫卫红</b>',
      '又作：官卫红、管卫红',
      '职务：管委会主任（2022-01-04 至 2022-01-10）',
      '此前：党工委副书记、管委会主任（2021-09-25 至 2021-11-08）',
    ]);
    expect(who('宫主任').split('\n')[0]).toBe('<i>按“宫主任”匹配到 宫卫红</i>');
  });

  it('says a name was not found and offers the closest names', () => {
    expect(who('吕佩')).toBe('没有找到人物“吕佩”。\n相近的名字：<code>吕沛</code>');
    expect(who('张三')).toBe('没有找到人物“张三”。\n发送 /people 查看人物名录。');
  });

  it('asks for the full name when several people fit', () => {
    expect(who('赵俊')).toBe('“赵俊”对应多人，请写全名：\n· <code>/who 赵俊生</code> 区领导（22 篇）\n· <code>/who 赵俊峰</code> 区领导（12 篇）');
  });

  it('escapes what the user typed', () => {
    expect(who('<b>&')).toBe('没有找到人物“&lt;b&gt;&amp;”。\n发送 /people 查看人物名录。');
  });
});

describe('the lists', () => {
  it('pages the people list', () => {
    const html = formatPeople(directory.people, 2, 10);
    expect(html.split('\n').slice(0, 2)).toEqual(['<b>人物名录</b>（共 16 人，第 2/2 页）', '11. <b>侯建华</b> 区领导 · 12 篇']);
    expect(formatPeople(directory.people, 99, 10)).toBe(html);
  });

  it('shows meetings with kind, who presided and spoke, and the article command', () => {
    const r = filterMeetings(findMeetings(articles, directory), '2021-11');
    const html = r.ok ? formatMeetings(r.meetings, '2021年11月的会议') : '';
    expect(html.split('\n\n').slice(0, 3)).toEqual([
      '<b>2021年11月的会议</b>（7 场）',
      '2021-11-07 〔专题会议〕省委、市委新冠肺炎疫情防控工作第七次专题会议相继以视频形式召…\n讲话：吕沛、宫卫红　/article_ceb105157b',
      '2021-11-06 〔例会〕示范区召开安全生产工作例会\n主持：赵俊生　讲话：宫卫红　/article_e73bfa2706',
    ]);
    expect(formatMeetings([], '<会议>')).toBe('<b>&lt;会议&gt;</b>（0 场）\n没有找到会议。');
  });

  it('escapes article text in meetings', () => {
    const m: Meeting = { articleId: 'x1', date: null, title: 'A&B <会议>', kind: '会议', presidedBy: [], speakers: [], attendees: [], topics: [] };
    expect(formatMeetings([m], '会议')).toBe('<b>会议</b>（1 场）\n\n日期不详 〔会议〕A&amp;B &lt;会议&gt;\n/article_x1');
  });

  it('lists topics with counts and one topic page by page', () => {
    const index = buildTopicIndex(articles);
    expect(formatTopics(index).split('\n').slice(0, 3)).toEqual(['<b>专题</b>', '· 疫情防控 20 篇', '· 项目建设 8 篇']);
    const topic = index.find('疫情');
    const html = topic ? formatTopic(topic, article, 1, 3) : '';
    expect(html).toBe([
      '<b>疫情防控</b>（20 篇，第 1/7 页）',
      '2022-01-09 示范区组织收听收看市委新冠肺炎疫情防控工作第十次专题会议安排部署防疫工作 /article_b7d5b9a6b9',
      '2022-01-08 示范区开展新冠肺炎疫情疫情封控应急演练 /article_81da2c8f23',
      '2022-01-07 示范区疫情防控工作专题会议强调压实责任严防死守充分准备筑牢防线 /article_6262586d06',
    ].join('\n'));
  });

  it('produces valid Telegram HTML everywhere', () => {
    for (const q of ['吕沛', '官卫红', '卫红', '赵俊', '张三', '<i>']) expectValid(who(q));
    const index = buildTopicIndex(articles);
    expectValid(formatPeople(directory.people, 1, 10));
    expectValid(formatMeetings(findMeetings(articles, directory), '全部会议'));
    expectValid(formatTopics(index));
    for (const t of index.topics) expectValid(formatTopic(t, article, 1, 50));
  });
});
