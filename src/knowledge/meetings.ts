/** Finds the articles that report a meeting, with who presided and who spoke, and filters them by month or keyword. */
import type { Article } from '../corpus/types.ts';
import type { Directory } from './people.ts';
import { classify, matchTopic } from './topics.ts';

export interface Meeting {
  articleId: string;
  date: string | null;
  title: string;
  /** The meeting word found, e.g. 联席会议, 例会, 会议. */
  kind: string;
  presidedBy: string[];
  speakers: string[];
  /** Officials reported as attending (出席/参加). */
  attendees: string[];
  /** Topics of the article (see topics.ts). */
  topics: string[];
}

/** Meeting words, most specific first. */
export const MEETING_WORDS = ['党工委（扩大）会议', '联席会议', '专题会议', '学习会议', '部署会', '调度会', '推进会', '测评会', '座谈会', '例会', '会议'];

/** The first sentence of the body. */
export const leadOf = (a: Article): string => (a.body.split(/[。\n]/u)[0] ?? '');

/** The most specific meeting word in the text, ignoring 会议精神 (a meeting's message, not a meeting) and 会议室. */
export function meetingWord(text: string): string | null {
  const cleaned = text.replace(/会议(?:精神|室)/gu, '');
  return MEETING_WORDS.find((w) => cleaned.includes(w)) ?? null;
}

/** Orders a lead's time of day, so an afternoon meeting sorts before the same day's morning one. */
function timeOfDay(lead: string): number {
  const m = /^[^，。]{0,12}?(凌晨|上午|中午|下午|晚)/u.exec(lead);
  return m ? ['凌晨', '上午', '中午', '下午', '晚'].indexOf(m[1] ?? '') : 1;
}

/** Articles that report a meeting in the headline or the lead (a passing mention deeper in the body does not count), newest first; people in order of mention. */
export function findMeetings(articles: Article[], directory: Directory): Meeting[] {
  const roles = new Map<string, Array<{ name: string; spellings: string[]; roles: string[] }>>();
  for (const p of directory.people) {
    const entry = { name: p.name, spellings: [p.name, ...p.variants] };
    for (const a of p.appearances) roles.set(a.articleId, [...(roles.get(a.articleId) ?? []), { ...entry, roles: a.roles }]);
  }
  const found: Array<Meeting & { order: number }> = [];
  for (const a of articles) {
    const kind = meetingWord(`${a.title} ${a.subtitle ?? ''}`) ?? meetingWord(leadOf(a));
    if (!kind) continue;
    const text = `${a.title}\n${a.body}`;
    const first = (spellings: string[]): number => Math.min(...spellings.map((n) => text.indexOf(n)).filter((i) => i >= 0), text.length);
    const here = [...(roles.get(a.id) ?? [])].sort((x, y) => first(x.spellings) - first(y.spellings));
    found.push({
      articleId: a.id,
      date: a.date ?? a.published,
      title: a.title,
      kind,
      presidedBy: here.filter((r) => r.roles.includes('主持')).map((r) => r.name),
      speakers: here.filter((r) => r.roles.includes('讲话')).map((r) => r.name),
      attendees: here.filter((r) => r.roles.includes('出席')).map((r) => r.name),
      topics: classify(a).map((c) => c.topic),
      order: timeOfDay(leadOf(a)),
    });
  }
  found.sort((x, y) => (y.date ?? '').localeCompare(x.date ?? '') || y.order - x.order);
  return found.map(({ order: _order, ...m }) => m);
}

export type MeetingFilter =
  | { ok: true; by: 'all' | 'month' | 'keyword'; value: string; meetings: Meeting[] }
  | { ok: false; error: 'bad-month'; value: string; message: string };

/** Filters meetings by '' (all), a month YYYY-MM (also 2021年11月, 2021/11) or a keyword (title, kind, people, topic); a bad month is reported, not thrown. */
export function filterMeetings(meetings: Meeting[], arg: string): MeetingFilter {
  const value = arg.trim();
  if (value === '') return { ok: true, by: 'all', value, meetings };
  const month = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/u.exec(value);
  if (month || /^\d{4}-\d+$/.test(value)) {
    const y = Number(month?.[1]);
    const m = Number(month?.[2]);
    if (!month || y < 1949 || y > 2099 || m < 1 || m > 12) {
      return { ok: false, error: 'bad-month', value, message: `无效的月份：${value}（应为 YYYY-MM，月份 01–12）` };
    }
    const key = `${y}-${String(m).padStart(2, '0')}`;
    return { ok: true, by: 'month', value: key, meetings: meetings.filter((x) => x.date?.startsWith(key)) };
  }
  const topic = matchTopic(value)?.name;
  const hit = (x: Meeting): boolean => x.title.includes(value) || x.kind.includes(value)
    || [...x.presidedBy, ...x.speakers, ...x.attendees].some((n) => n.includes(value)) || (topic !== undefined && x.topics.includes(topic));
  return { ok: true, by: 'keyword', value, meetings: meetings.filter(hit) };
}
