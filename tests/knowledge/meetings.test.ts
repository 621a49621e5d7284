import { describe, expect, it } from 'vitest';
import { filterMeetings, heldMeeting, meetingWord } from '../../src/knowledge/meetings.ts';
import { buildKnowledge } from '../../src/knowledge/state.ts';
import { byPhrase, inventedArticles, seedArticles } from '../support/knowledgePages.ts';

const articles = [...seedArticles(), ...inventedArticles()];
const { meetings } = buildKnowledge(articles);
const meetingAt = (phrase: string) => meetings.find((m) => m.articleId === byPhrase(articles, phrase).id);

describe('meetings', () => {
  it('are newest first, an afternoon before the same day\'s morning', () => {
    const dates = meetings.map((m) => m.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('come in many kinds: 恳谈会, 观摩会, 座谈会, 常务会议, 工作会议', () => {
    expect(meetingAt('优化营商环境企业家恳谈会')?.kind).toBe('恳谈会');
    expect(meetingAt('第一季度重点项目观摩会')?.kind).toBe('观摩会');
    expect(meetingAt('示范区召开民营企业座谈会')?.kind).toBe('座谈会');
    expect(meetingAt('管委会第5次常务会议')?.kind).toBe('常务会议');
    expect(meetingAt('示范区召开2022年防汛工作会议')?.kind).toBe('工作会议');
  });

  it('count 协调会, 推进会 and 现场会, but not a signing ceremony or a visit', () => {
    expect(meetingAt('重点项目建设协调会')?.kind).toBe('协调会');
    expect(meetingAt('城中村改造工作推进会')?.kind).toBe('推进会');
    expect(meetingAt('人居环境整治现场会')?.kind).toBe('现场会');
    expect(meetingAt('战略合作签约仪式举行')).toBeUndefined();
    expect(meetingAt('修武县委书记张宏伟带队')).toBeUndefined();
  });

  it('take a chair printed after the meeting (会议由…主持) and the speakers of 表态发言', () => {
    const m = meetingAt('城中村改造工作推进会');
    expect(m?.presidedBy).toEqual(['冯利民']);
    expect(m?.speakers).toEqual(expect.arrayContaining(['杨帆', '王振华', '杜明亮', '吕沛']));
    expect(meetingAt('人居环境整治现场会')?.presidedBy).toEqual(['杜明亮']);
  });

  it('count a 述职评议会 with its chair and the people who reported, and a 调度会 with no chair printed', () => {
    const review = meetingAt('村党组织书记述职评议会');
    expect(review).toMatchObject({ kind: '评议会', presidedBy: ['郑大勇'] });
    expect(review?.speakers).toEqual(expect.arrayContaining(['王海涛', '贾德胜']));
    expect(meetingAt('重点项目建设调度会')).toMatchObject({ kind: '调度会', presidedBy: [] });
    expect(meetingAt('重点项目建设调度会')?.speakers).toContain('郑大勇');
  });

  it('take the chair and speakers from the sentences', () => {
    expect(meetingAt('第一季度重点项目观摩会')).toMatchObject({ presidedBy: ['吕沛'] });
    expect(meetingAt('第一季度重点项目观摩会')?.speakers).toContain('孙立平');
    expect(meetingAt('示范区召开2022年防汛工作会议')).toMatchObject({ presidedBy: ['宫卫红'] });
    expect(meetingAt('示范区召开2022年防汛工作会议')?.speakers).toContain('吕沛');
  });

  it('name the meeting held here when the lead first reports a higher meeting watched by video', () => {
    const m = meetingAt('省、市安全稳定工作会议以视频形式召开');
    expect(m).toMatchObject({ title: '全区安全稳定工作会议', kind: '工作会议', presidedBy: ['宫卫红'] });
    expect(heldMeeting('省委会议以视频形式召开，示范区组织收听收看，并随即召开专题会议安排部署工作')).toEqual({ name: '专题会议安排部署工作', kind: '专题会议' });
  });

  it('do not count a passing mention, a meeting\'s message, or a contest', () => {
    expect(meetingWord('贯彻落实全市工作会议精神')).toBeNull();
    expect(meetingWord('学习贯彻市党代会报告')).toBeNull();
    expect(meetingWord('诗词大会决赛')).toBeNull();
    expect(meetingAt('杨楼村党支部书记陈光明介绍')).toBeUndefined();
  });
});

describe('filtering meetings', () => {
  it('filters by a year', () => {
    const r = filterMeetings(meetings, '2021');
    expect(r).toMatchObject({ ok: true, by: 'year', value: '2021' });
    if (!r.ok) return;
    expect(r.meetings.length).toBeGreaterThan(0);
    expect(r.meetings.every((m) => m.date?.startsWith('2021-'))).toBe(true);
    expect(r.meetings.length).toBe(meetings.filter((m) => m.date?.startsWith('2021')).length);
    expect(filterMeetings(meetings, '2021年')).toMatchObject({ ok: true, by: 'year', value: '2021' });
  });

  it('finds the invented November 2021 meetings by month and none in a year of visits only', () => {
    const r = filterMeetings(meetings, '2021-11');
    const kinds = r.ok ? r.meetings.map((m) => m.kind) : [];
    expect(kinds).toEqual(expect.arrayContaining(['协调会', '推进会', '现场会']));
    expect(filterMeetings(meetings, '2024')).toMatchObject({ ok: true, by: 'year', meetings: [] });
  });

  it('filters by a month in several spellings', () => {
    for (const spelled of ['2021-11', '2021年11月', '2021/11']) {
      const r = filterMeetings(meetings, spelled);
      expect(r).toMatchObject({ ok: true, by: 'month', value: '2021-11' });
      if (r.ok) expect(r.meetings.every((m) => m.date?.startsWith('2021-11'))).toBe(true);
    }
  });

  it('filters by a keyword through titles, people and topics', () => {
    const epidemic = filterMeetings(meetings, '疫情');
    expect(epidemic.ok && epidemic.meetings.map((m) => m.articleId)).toContain(byPhrase(articles, '新冠肺炎疫情防控指挥部总').id);
    const sun = filterMeetings(meetings, '孙立平');
    expect(sun.ok && sun.meetings.map((m) => m.kind)).toEqual(['观摩会']);
  });

  it('reports a bad date instead of throwing', () => {
    for (const bad of ['9999-99', '2021-13', '2021-00', '2021-123', '3000', '12']) {
      const r = filterMeetings(meetings, bad);
      expect(r, bad).toMatchObject({ ok: false, error: 'bad-date', value: bad });
    }
    expect(filterMeetings(meetings, '  ')).toMatchObject({ ok: true, by: 'all', meetings: { length: meetings.length } });
  });
});
