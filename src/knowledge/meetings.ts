/** Finds the articles that report a meeting, with who presided and who spoke (read from the sentences), and filters them by year, month or keyword. */
import { deckText, type Article } from '../corpus/types.ts';
import { byDateDesc, mergeSorted } from './compare.ts';
import { matchTopic, topicsOf } from './topics.ts';
import type { Directory, Meeting, Role, TopicIndex } from './types.ts';

/** Meeting words, most specific first. 大会 counts only with its kind (诗词大会 is a contest). */
export const MEETING_WORDS = [
  '党工委（扩大）会议', '党工委扩大会议', '党政联席会议', '联席会议', '专题会议', '学习会议', '工作会议', '常务会议', '全体会议', '推进会议',
  '动员大会', '表彰大会', '誓师大会', '代表大会', '推进大会', '工作大会', '总结大会', '警示教育大会', '党员大会', '职工大会',
  '民主生活会', '组织生活会', '警示教育会', '常务会', '办公会', '部署会', '调度会', '推进会', '测评会', '座谈会', '恳谈会',
  '观摩会', '现场会', '交流会', '培训会', '动员会', '汇报会', '对接会', '洽谈会', '推介会', '评审会', '发布会', '表彰会', '讲评会',
  '协调会', '研讨会', '分析会', '总结会', '通报会', '述职会', '评议会', '听证会', '见面会', '启动会', '誓师会', '报告会', '宣讲会',
  '务虚会', '论证会', '碰头会', '约谈会', '会商会', '茶话会', '联谊会', '招商会', '点评会', '专题会', '联席会', '例会', '会议',
];

/** The first sentence of the body. */
export const leadOf = (a: Article): string => (a.body.split(/[。\n]/u)[0] ?? '').replace(/\s+/gu, '');

const NOT_A_MEETING = /(?:会议|大会|党代会)(?:精神|室|纪要|报告)/gu;

/** The most specific meeting word in the text, ignoring 会议精神 (a meeting's message, not a meeting) and 会议室. */
export function meetingWord(text: string): string | null {
  const cleaned = text.replace(/\s+/gu, '').replace(NOT_A_MEETING, '');
  return MEETING_WORDS.find((w) => cleaned.includes(w)) ?? null;
}

const HELD = new RegExp(`(?:召开|举行|举办|主持召开|组织召开)了?([^，。；：、]{0,30}?(?:${MEETING_WORDS.join('|')}))([^，。；：]{0,24})`, 'gu');
/** The longest meeting name shown. */
const NAME_CHARS = 40;

/** The meeting the lead says was held here: the last 召开/举行 of a meeting (a higher meeting watched by video comes before it), with its printed name. */
export function heldMeeting(lead: string): { name: string; kind: string } | null {
  const cleaned = lead.replace(NOT_A_MEETING, '');
  const held = [...cleaned.matchAll(HELD)].at(-1);
  if (!held) return null;
  const name = `${held[1]!}${held[2] ?? ''}`.slice(0, NAME_CHARS);
  return { name, kind: meetingWord(held[1]!) ?? '会议' };
}

/** Orders a lead's time of day, so an afternoon meeting sorts before the same day's morning one. */
function timeOfDay(lead: string): number {
  const m = /^[^，。]{0,12}?(凌晨|上午|中午|下午|晚)/u.exec(lead);
  return m ? ['凌晨', '上午', '中午', '下午', '晚'].indexOf(m[1] ?? '') : 1;
}

/** What meetingOf needs from the directory, gathered once for a batch of articles. */
interface Cast {
  canonical: Map<string, string>;
  /** Article → spelling → roles printed there. */
  roles: Map<string, Map<string, Role[]>>;
  /** Names of the people the directory lists. */
  listed: Set<string>;
  dir: Directory;
}

/** Each of the articles' spellings with its roles there: a spelling's appearances read from the newest added back, until all of the articles' are found. */
function castFor(dir: Directory, ids: Set<string>): Cast {
  const roles = new Map<string, Map<string, Role[]>>();
  const wanted = new Map<string, number>();
  for (const id of ids) for (const spelling of dir.byArticle[id] ?? []) wanted.set(spelling, (wanted.get(spelling) ?? 0) + 1);
  for (const [spelling, count] of wanted) {
    const apps = dir.spellings[spelling]?.appearances ?? [];
    let left = count;
    for (let k = apps.length - 1; k >= 0 && left > 0; k--) {
      const app = apps[k]!;
      if (!ids.has(app.articleId)) continue;
      left--;
      const here = roles.get(app.articleId) ?? new Map<string, Role[]>();
      here.set(spelling, app.roles);
      roles.set(app.articleId, here);
    }
  }
  const canonical = new Map(dir.people.flatMap((p) => p.variants.map((v) => [v, p.name] as [string, string])));
  return { canonical, roles, listed: new Set(dir.people.map((p) => p.name)), dir };
}

/** The listed people of an article in order of first mention, with the roles its sentences give them. */
function castOf(cast: Cast, articleId: string): Array<{ name: string; roles: Role[] }> {
  const out = new Map<string, Role[]>();
  for (const spelling of cast.dir.byArticle[articleId] ?? []) {
    const name = cast.canonical.get(spelling) ?? spelling;
    if (!cast.listed.has(name)) continue;
    const roles = cast.roles.get(articleId)?.get(spelling) ?? [];
    out.set(name, [...new Set([...(out.get(name) ?? []), ...roles])]);
  }
  return [...out].map(([name, roles]) => ({ name, roles }));
}

/** The meeting an article reports, or null: a meeting word in the printed headline or deck, or a meeting held in the lead. Its people are left to withCast. */
function meetingOf(a: Article, topics: TopicIndex): Meeting | null {
  const lead = leadOf(a);
  const printed = a.titleSource === 'printed' ? meetingWord(`${a.title} ${deckText(a)}`) : null;
  const held = heldMeeting(lead);
  const kind = printed ?? held?.kind ?? (a.titleSource === 'printed' ? meetingWord(lead) : null);
  if (!kind) return null;
  return {
    articleId: a.id,
    date: a.date ?? a.published,
    title: a.titleSource === 'printed' || !held ? a.title : held.name,
    kind,
    presidedBy: [],
    speakers: [],
    attendees: [],
    topics: topicsOf(topics, a.id),
    order: timeOfDay(lead),
  };
}

const newestFirst = (x: Meeting, y: Meeting): number => byDateDesc(x.date, y.date) || y.order - x.order;

/** The meetings with those of `fresh` articles added, newest first. */
export function addToMeetings(meetings: readonly Meeting[], fresh: readonly Article[], dir: Directory, topics: TopicIndex): Meeting[] {
  const held = new Set(meetings.map((m) => m.articleId));
  return withMeetingsOf(meetings, fresh.filter((a) => !held.has(a.id)), dir, topics);
}

/** The meetings with those of `articles` (none of them held) placed in, newest first: only the new ones are read and sorted. */
export function withMeetingsOf(meetings: readonly Meeting[], articles: readonly Article[], dir: Directory, topics: TopicIndex): Meeting[] {
  const found = articles.map((a) => meetingOf(a, topics)).filter((m): m is Meeting => m !== null);
  if (found.length === 0) return [...meetings];
  // Only the meetings' articles are read for who presided, spoke and attended.
  const cast = castFor(dir, new Set(found.map((m) => m.articleId)));
  for (const m of found) {
    const people = castOf(cast, m.articleId);
    const having = (r: Role): string[] => people.filter((c) => c.roles.includes(r)).map((c) => c.name);
    m.presidedBy = having('主持');
    m.speakers = having('讲话');
    m.attendees = having('出席');
  }
  return mergeSorted(meetings, found.sort(newestFirst), newestFirst);
}

/** Articles that report a meeting in the headline or the lead (a passing mention deeper in the body does not count), newest first. */
export function findMeetings(articles: readonly Article[], dir: Directory, topics: TopicIndex): Meeting[] {
  return addToMeetings([], articles, dir, topics);
}

export type MeetingFilter =
  | { ok: true; by: 'all' | 'year' | 'month' | 'keyword'; value: string; meetings: Meeting[] }
  | { ok: false; error: 'bad-date'; value: string; message: string };

const FIRST_YEAR = 1949;
const LAST_YEAR = 2099;

/** Filters meetings by '' (all), a year (2021, 2021年), a month (2021-11, 2021年11月, 2021/11) or a keyword (title, kind, people, topic); a bad date is reported, not thrown. */
export function filterMeetings(meetings: Meeting[], arg: string): MeetingFilter {
  const value = arg.trim();
  if (value === '') return { ok: true, by: 'all', value, meetings };
  const year = /^(\d{4})\s*年?$/u.exec(value);
  if (year) {
    const y = Number(year[1]);
    if (y < FIRST_YEAR || y > LAST_YEAR) return { ok: false, error: 'bad-date', value, message: `无效的年份：${value}（应为 ${FIRST_YEAR}–${LAST_YEAR}）` };
    return { ok: true, by: 'year', value: String(y), meetings: meetings.filter((x) => x.date?.startsWith(`${y}-`)) };
  }
  const month = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/u.exec(value);
  if (month || /^\d{4}-\d+$/u.test(value) || /^\d+$/u.test(value)) {
    const y = Number(month?.[1]);
    const m = Number(month?.[2]);
    if (!month || y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12) {
      return { ok: false, error: 'bad-date', value, message: `无效的日期：${value}（应为 YYYY 或 YYYY-MM，月份 01–12）` };
    }
    const key = `${y}-${String(m).padStart(2, '0')}`;
    return { ok: true, by: 'month', value: key, meetings: meetings.filter((x) => x.date?.startsWith(key)) };
  }
  const topic = matchTopic(value)?.name;
  const hit = (x: Meeting): boolean => x.title.includes(value) || x.kind.includes(value)
    || [...x.presidedBy, ...x.speakers, ...x.attendees].some((n) => n.includes(value)) || (topic !== undefined && x.topics.includes(topic));
  return { ok: true, by: 'keyword', value, meetings: meetings.filter(hit) };
}
