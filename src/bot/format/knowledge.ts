/** Pure formatting of the knowledge layer (people, meetings, topics) as Telegram HTML. */
import type { Article } from '../../corpus/types.ts';
import type { Meeting } from '../../knowledge/meetings.ts';
import type { Person, Resolution, TitleSpan } from '../../knowledge/people.ts';
import type { TopicIndex } from '../../knowledge/topics.ts';
import { ROLES } from '../../knowledge/extract.ts';
import { escapeHtml } from '../html.ts';

export interface WhoOptions {
  /** What the user typed (echoed for partial, ambiguous and not-found answers). */
  query: string;
  /** Looks an article up, to show the titles of appearances. */
  article: (id: string) => Article | undefined;
  /** How many latest appearances to list (default 5). */
  recent?: number;
}

/** The tappable command that opens an article (same form as the search results). */
export const articleRef = (id: string): string => `/article_${id}`;

/** "2021-09-30 至 2022-01-10", or one date when both are equal. */
export function dateRange(first: string | null, last: string | null): string {
  if (!first && !last) return '日期不详';
  return first === last || !first || !last ? (first ?? last ?? '') : `${first} 至 ${last}`;
}

const titleLine = (t: TitleSpan): string => `${escapeHtml(t.title)}（${dateRange(t.first, t.last)}）`;
const latestTitle = (p: Person): string => p.titles[0]?.title ?? '';
const page = <T>(items: readonly T[], n: number, size: number): { shown: T[]; at: number; pages: number } => {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(1, Math.floor(n) || 1), pages);
  return { shown: items.slice((at - 1) * size, at * size), at, pages };
};

/** A person's card: name, titles with dates, counts, roles, the latest appearances and the usual companions. */
export function formatPerson(p: Person, opts: WhoOptions): string {
  const lines = [`<b>${escapeHtml(p.name)}</b>`];
  if (p.variants.length) lines.push(`又作：${p.variants.map(escapeHtml).join('、')}`);
  const [now, ...before] = p.titles;
  if (now) lines.push(`职务：${titleLine(now)}`);
  if (before.length) lines.push(`此前：${before.map(titleLine).join('；')}`);
  const roles = ROLES.filter((r) => p.roles[r] > 0).map((r) => `${r} ${p.roles[r]}`);
  lines.push(`见报 ${p.articleIds.length} 篇${roles.length ? ` · ${roles.join(' · ')}` : ''}`);
  const recent = p.appearances.slice(0, opts.recent ?? 5);
  if (recent.length) {
    lines.push('', '<b>最近报道</b>');
    for (const a of recent) {
      const title = opts.article(a.articleId)?.title ?? a.articleId;
      const roleText = a.roles.length ? `（${a.roles.join('、')}）` : '';
      lines.push(`${a.date ?? '日期不详'} ${escapeHtml(title)}${roleText} ${articleRef(a.articleId)}`);
    }
  }
  const mates = p.companions.slice(0, 5);
  if (mates.length) lines.push('', `<b>常一同出现</b>：${mates.map((c) => `${escapeHtml(c.name)}（${c.count}）`).join('、')}`);
  return lines.join('\n');
}

/** The /who answer for any resolution: the card (with how it matched), a choice of names, or not-found with the closest names. */
export function formatWho(resolution: Resolution, opts: WhoOptions): string {
  const q = escapeHtml(opts.query.trim());
  switch (resolution.kind) {
    case 'exact':
      return formatPerson(resolution.person, opts);
    case 'variant':
      return `<i>按异体写法“${escapeHtml(resolution.matched)}”匹配到 ${escapeHtml(resolution.person.name)}</i>\n${formatPerson(resolution.person, opts)}`;
    case 'partial':
      return `<i>按“${q}”匹配到 ${escapeHtml(resolution.person.name)}</i>\n${formatPerson(resolution.person, opts)}`;
    case 'ambiguous':
      return [`“${q}”对应多人，请写全名：`, ...resolution.candidates.map((p) => `· <code>/who ${escapeHtml(p.name)}</code> ${escapeHtml(latestTitle(p))}（${p.articleIds.length} 篇）`)].join('\n');
    case 'none': {
      const lines = [q ? `没有找到人物“${q}”。` : '请在 /who 后写上人名，例如 <code>/who 吕沛</code>。'];
      if (resolution.suggestions.length) lines.push(`相近的名字：${resolution.suggestions.map((p) => `<code>${escapeHtml(p.name)}</code>`).join('、')}`);
      else if (q) lines.push('发送 /people 查看人物名录。');
      return lines.join('\n');
    }
  }
}

/** One page (1-based) of the people list: name, latest title and article count. */
export function formatPeople(people: readonly Person[], pageNo: number, pageSize = 10): string {
  if (people.length === 0) return '人物名录为空。';
  const { shown, at, pages } = page(people, pageNo, pageSize);
  const head = `<b>人物名录</b>（共 ${people.length} 人${pages > 1 ? `，第 ${at}/${pages} 页` : ''}）`;
  const rows = shown.map((p, i) => `${(at - 1) * pageSize + i + 1}. <b>${escapeHtml(p.name)}</b> ${escapeHtml(latestTitle(p))} · ${p.articleIds.length} 篇`);
  return [head, ...rows, '', '查看某人：<code>/who 姓名</code>'].join('\n');
}

/** A list of meetings under a heading: date, kind, title, who presided and spoke, and the article command. */
export function formatMeetings(meetings: readonly Meeting[], heading: string): string {
  const head = `<b>${escapeHtml(heading)}</b>（${meetings.length} 场）`;
  if (meetings.length === 0) return `${head}\n没有找到会议。`;
  const rows = meetings.map((m) => {
    const who = [m.presidedBy.length ? `主持：${m.presidedBy.map(escapeHtml).join('、')}` : '', m.speakers.length ? `讲话：${m.speakers.map(escapeHtml).join('、')}` : '']
      .filter((s) => s !== '').join('　');
    return `${m.date ?? '日期不详'} 〔${escapeHtml(m.kind)}〕${escapeHtml(m.title)}\n${who ? `${who}　` : ''}${articleRef(m.articleId)}`;
  });
  return [head, ...rows].join('\n\n');
}

/** The topic list with article counts. */
export function formatTopics(index: TopicIndex): string {
  if (index.topics.length === 0) return '还没有可用的专题。';
  const rows = index.topics.map((t) => `· ${escapeHtml(t.name)} ${t.count} 篇`);
  return ['<b>专题</b>', ...rows, '', '查看专题：<code>/topic 疫情防控</code>'].join('\n');
}

/** One page (1-based) of a topic's articles, newest first. */
export function formatTopic(topic: { name: string; count: number; articleIds: readonly string[] }, article: (id: string) => Article | undefined, pageNo: number, pageSize = 10): string {
  if (topic.articleIds.length === 0) return `专题“${escapeHtml(topic.name)}”暂无报道。`;
  const { shown, at, pages } = page(topic.articleIds, pageNo, pageSize);
  const head = `<b>${escapeHtml(topic.name)}</b>（${topic.count} 篇${pages > 1 ? `，第 ${at}/${pages} 页` : ''}）`;
  const rows = shown.map((id) => {
    const a = article(id);
    return `${a?.date ?? a?.published ?? '日期不详'} ${escapeHtml(a?.title ?? id)} ${articleRef(id)}`;
  });
  return [head, ...rows].join('\n');
}
