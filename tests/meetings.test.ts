import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.ts';
import { filterMeetings, findMeetings, meetingWord } from '../src/knowledge/meetings.ts';
import { buildDirectory } from '../src/knowledge/people.ts';

const articles = loadCorpus('seeds').articles;
const meetings = findMeetings(articles, buildDirectory(articles));

describe('meetings found on the seed pages', () => {
  it('finds 19 meetings, newest first', () => {
    expect(meetings).toHaveLength(19);
    const dates = meetings.map((m) => m.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const perMonth: Record<string, number> = {};
    for (const m of meetings) perMonth[(m.date ?? '').slice(0, 7)] = (perMonth[(m.date ?? '').slice(0, 7)] ?? 0) + 1;
    expect(perMonth).toEqual({ '2022-01': 3, '2021-11': 7, '2021-10': 1, '2021-09': 2, '2020-11': 3, '2020-02': 3 });
  });

  it('lists the November 2021 meetings newest first (an afternoon before the same morning) with who presided', () => {
    const r = filterMeetings(meetings, '2021-11');
    expect(r).toMatchObject({ ok: true, by: 'month', value: '2021-11' });
    if (!r.ok) return;
    expect(r.meetings.map((m) => [m.date, m.kind, m.presidedBy])).toEqual([
      ['2021-11-07', '专题会议', []],
      ['2021-11-06', '例会', ['赵俊生']],
      ['2021-11-04', '座谈会', ['吕沛']],
      ['2021-11-03', '调度会', ['宫卫红']],
      ['2021-11-03', '部署会', []],
      ['2021-11-03', '推进会', ['吕沛']],
      ['2021-11-01', '测评会', []],
    ]);
    expect(r.meetings[1]?.speakers).toEqual(['宫卫红']);
  });

  it('takes the meeting word from the headline, or from the lead when the headline is cut short', () => {
    const byId = (id: string) => meetings.find((m) => m.articleId === id);
    expect(byId('829c490afd')?.kind).toBe('联席会议');
    expect(byId('5e87b62ed5')).toMatchObject({ kind: '党工委（扩大）会议', presidedBy: ['王家鹏'] });
    expect(byId('a8b9c58f88')).toMatchObject({ kind: '会议', presidedBy: ['王家鹏'], speakers: ['王家鹏'] });
  });

  it('does not count an article that only mentions a meeting deep in the body', () => {
    const ids = meetings.map((m) => m.articleId);
    expect(ids).not.toContain('0eb81e6ed9'); // a visit; 座谈会 only in the third paragraph
    expect(ids).not.toContain('f7c8e9778e'); // 召开专题会议 in the last paragraph
    expect(ids).not.toContain('da2d3f7202'); // 诗词大会 is a contest
    expect(meetingWord('贯彻落实全市工作会议精神')).toBeNull();
  });

  it('filters by the keyword 疫情 through headlines and the epidemic topic', () => {
    const r = filterMeetings(meetings, '疫情');
    expect(r.ok && r.by).toBe('keyword');
    if (!r.ok) return;
    expect(r.meetings).toHaveLength(10);
    expect(r.meetings.map((m) => m.articleId)).toContain('81a9fc8f69'); // 新冠肺炎防控指挥部, no 疫情 in the headline
    expect(r.meetings.map((m) => m.articleId)).not.toContain('e73bfa2706');
  });

  it('filters by a person who presided, spoke or attended', () => {
    expect(filterMeetings(meetings, '王家鹏')).toMatchObject({ ok: true, meetings: { length: 5 } });
    const r = filterMeetings(meetings, '刘明胜');
    expect(r.ok && r.meetings.map((m) => m.articleId)).toEqual(['67308fda93', '81a9fc8f69', '5e87b62ed5', '9a66620283']);
  });

  it('reports a bad month instead of throwing', () => {
    for (const bad of ['9999-99', '2021-13', '2021-00', '2021-123']) {
      const r = filterMeetings(meetings, bad);
      expect(r).toMatchObject({ ok: false, error: 'bad-month', value: bad });
      if (!r.ok) expect(r.message).toContain(bad);
    }
  });

  it('accepts an empty argument and other month spellings', () => {
    expect(filterMeetings(meetings, '  ')).toMatchObject({ ok: true, by: 'all' });
    expect(filterMeetings(meetings, '')).toMatchObject({ ok: true, meetings: { length: 19 } });
    const r = filterMeetings(meetings, '2022年1月');
    expect(r).toMatchObject({ ok: true, by: 'month', value: '2022-01', meetings: { length: 3 } });
  });
});
