/** Pure formatting of the knowledge layer (people, meetings, topics) as Telegram HTML. */
import type { Article } from '../../corpus/types.ts';
import { LEVEL_NAMES, postOf } from '../../knowledge/titles.ts';
import { ROLES, type Appearance, type Level, type Meeting, type Person, type Resolution, type TitleSpan, type TopicEntry, type TopicIndex } from '../../knowledge/types.ts';
import { escapeHtml } from '../html.ts';
import { articleRef, clip, displayDate, paginate, titleOf } from './common.ts';

export interface WhoOptions {
  /** What the user typed (echoed for partial, ambiguous and not-found answers). */
  query: string;
  /** Looks an article up, to show the titles of appearances. */
  article: (id: string) => Article | undefined;
  /** How many latest appearances to list (default 5). */
  recent?: number;
}

/** Holders listed for a /who TITLE answer. */
const HOLDERS_SHOWN = 15;
/** The longest title shown in a list row. */
const TITLE_CHARS = 40;

/** "2021-09-30 至 2022-01-10", or one date when both are equal. */
export function dateRange(first: string | null, last: string | null): string {
  if (!first && !last) return '日期不详';
  return first === last || !first || !last ? (first ?? last ?? '') : `${first} 至 ${last}`;
}

/** A title as printed with the dates it was seen: "党工委书记（见报 2021-09-30 至 2022-01-10）", short forms named. */
const titleLine = (t: TitleSpan): string => {
  const forms = t.forms.length ? `；亦作 ${[...new Set(t.forms)].map(escapeHtml).join('、')}` : '';
  return `${escapeHtml(t.title)}（见报 ${dateRange(t.first, t.last)}${forms}）`;
};
const latestTitle = (p: Person): string => clip(p.titles[0]?.title ?? '', TITLE_CHARS);

/** One appearance as a line: date, headline, roles and the article command. */
export function appearanceLine(a: Appearance, article: (id: string) => Article | undefined): string {
  const found = article(a.articleId);
  const roles = a.roles.length ? `（${a.roles.join('、')}）` : '';
  return `${a.date ?? displayDate(found)} ${escapeHtml(found ? titleOf(found) : a.articleId)}${roles} ${articleRef(a.articleId)}`;
}

/** A person's card: name, 见报职务 with dates, counts, roles, the latest appearances and the usual companions. */
export function formatPerson(p: Person, opts: WhoOptions): string {
  const lines = [`<b>${escapeHtml(p.name)}</b>（${LEVEL_NAMES[p.level]}）`];
  if (p.variants.length) lines.push(`又作：${p.variants.map(escapeHtml).join('、')}`);
  const [now, ...before] = p.titles;
  if (now) lines.push(`见报职务：${titleLine(now)}`);
  if (before.length) lines.push(`此前见报：${before.map(titleLine).join('；')}`);
  const roles = ROLES.filter((r) => p.roles[r] > 0).map((r) => `${r} ${p.roles[r]}`);
  lines.push(`见报 ${p.articleIds.length} 篇${roles.length ? ` · ${roles.join(' · ')}` : ''}`);
  const recent = p.appearances.slice(0, opts.recent ?? 5);
  if (recent.length) lines.push('', '<b>最近报道</b>', ...recent.map((a) => appearanceLine(a, opts.article)));
  const mates = p.companions.slice(0, 5);
  if (mates.length) lines.push('', `<b>常一同出现</b>：${mates.map((c) => `${escapeHtml(c.name)}（${c.count}）`).join('、')}`);
  return lines.join('\n');
}

/** The /who answer for any resolution: the card (with how it matched), the holders of a title, a choice of names, or not-found with the closest names. */
export function formatWho(resolution: Resolution, opts: WhoOptions): string {
  const q = escapeHtml(clip(opts.query, 20));
  switch (resolution.kind) {
    case 'exact':
      return formatPerson(resolution.person, opts);
    case 'variant':
      return `<i>按异体写法“${escapeHtml(resolution.matched)}”匹配到 ${escapeHtml(resolution.person.name)}</i>\n${formatPerson(resolution.person, opts)}`;
    case 'partial':
      return `<i>按“${q}”匹配到 ${escapeHtml(resolution.person.name)}</i>\n${formatPerson(resolution.person, opts)}`;
    case 'ambiguous':
      return [`“${q}”对应多人，请写全名：`, ...resolution.candidates.slice(0, HOLDERS_SHOWN).map((p) => `· <code>/who ${escapeHtml(p.name)}</code> ${escapeHtml(latestTitle(p))}（${p.articleIds.length} 篇）`)].join('\n');
    case 'title': {
      const shown = resolution.holders.slice(0, HOLDERS_SHOWN);
      const more = resolution.holders.length > shown.length ? [`……另有 ${resolution.holders.length - shown.length} 人`] : [];
      return [
        `<b>见报职务含“${escapeHtml(resolution.title)}”的人物</b>（${resolution.holders.length} 人）`,
        ...shown.map((h) => `· <code>/who ${escapeHtml(h.person.name)}</code> ${escapeHtml(clip(h.span.title, TITLE_CHARS))}（见报 ${dateRange(h.span.first, h.span.last)}）`),
        ...more,
      ].join('\n');
    }
    case 'none': {
      const asTitle = postOf(opts.query.replace(/\s+/gu, '')) !== null;
      const lines = [q ? (asTitle ? `没有见报职务含“${q}”的人物。` : `没有找到人物“${q}”。`) : '请在 /who 后写上人名或职务，例如 <code>/who 吕沛</code>、<code>/who 书记</code>。'];
      if (resolution.suggestions.length) lines.push(`相近的名字：${resolution.suggestions.map((p) => `<code>${escapeHtml(p.name)}</code>`).join('、')}`);
      else if (q) lines.push('发送 /people 查看人物名录。');
      return lines.join('\n');
    }
  }
}

/** One page (1-based) of the people list: name, latest title and article count; `level` names a filtered list. */
export function formatPeople(people: readonly Person[], pageNo: number, pageSize = 10, level?: Level): string {
  const label = level ? `${LEVEL_NAMES[level]}人物` : '人物名录';
  if (people.length === 0) return level ? `没有${LEVEL_NAMES[level]}人物。` : '人物名录为空。';
  const { items, page, pages } = paginate(people, pageNo, pageSize);
  const head = `<b>${label}</b>（共 ${people.length} 人${pages > 1 ? `，第 ${page}/${pages} 页` : ''}）`;
  const rows = items.map((p, i) => `${(page - 1) * pageSize + i + 1}. <b>${escapeHtml(p.name)}</b> ${escapeHtml(latestTitle(p))} · ${p.articleIds.length} 篇`);
  return [head, ...rows, '', '查看某人：<code>/who 姓名</code>；按层级：<code>/people 市</code>'].join('\n');
}

/** One page (1-based) of meetings under a heading: date, kind, title, who presided and spoke, and the article command. */
export function formatMeetings(meetings: readonly Meeting[], heading: string, pageNo = 1, pageSize = Math.max(1, meetings.length)): string {
  const { items, page, pages } = paginate(meetings, pageNo, pageSize);
  const head = `<b>${escapeHtml(heading)}</b>（${meetings.length} 场${pages > 1 ? `，第 ${page}/${pages} 页` : ''}）`;
  if (meetings.length === 0) return `${head}\n没有找到会议。`;
  const rows = items.map((m) => {
    const who = [m.presidedBy.length ? `主持：${m.presidedBy.map(escapeHtml).join('、')}` : '', m.speakers.length ? `讲话：${m.speakers.map(escapeHtml).join('、')}` : '']
      .filter((s) => s !== '').join('　');
    return `${m.date ?? '日期不详'} 〔${escapeHtml(m.kind)}〕${escapeHtml(titleOf(m))}\n${who ? `${who}　` : ''}${articleRef(m.articleId)}`;
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
export function formatTopic(topic: TopicEntry, article: (id: string) => Article | undefined, pageNo: number, pageSize = 10): string {
  if (topic.articleIds.length === 0) return `专题“${escapeHtml(topic.name)}”暂无报道。`;
  const { items, page, pages } = paginate(topic.articleIds, pageNo, pageSize);
  const head = `<b>${escapeHtml(topic.name)}</b>（${topic.count} 篇${pages > 1 ? `，第 ${page}/${pages} 页` : ''}）`;
  const rows = items.map((id) => {
    const a = article(id);
    return `${displayDate(a)} ${escapeHtml(a ? titleOf(a) : id)} ${articleRef(id)}`;
  });
  return [head, ...rows].join('\n');
}
