/** Query understanding in one place: normalisation, whole numbers, names joined, question words dropped, dates, intents, aliases. */
import jieba from 'nodejieba';
import { isCorpusWord } from './tokenize.ts';
import type { Role } from '../knowledge/types.ts';
import aliasTable from './data/aliases.json' with { type: 'json' };

/** What the query reader may ask the corpus. */
export interface QueryContext {
  /** Whether a word is an official's name or a place the pages print (宫卫红, 杨楼村): spaced fragments join into it. */
  isNameOrPlace(word: string): boolean;
  /** A misprinted spelling's canonical name (官卫红 → 宫卫红). */
  aliasOf(word: string): string | undefined;
}

/** A year, or a year and month, the articles must be dated in: "2021", "2021-11". */
export interface DateFilter {
  prefix: string;
  /** As the user typed it (2021年11月, 2021-11). */
  text: string;
}

/** What a question asks for beyond its words. */
export type Intent = { kind: 'meetings' } | { kind: 'role'; name: string; role: Role };

export interface ParsedQuery {
  /** The query as typed. */
  query: string;
  /** The words searched, lowercased, numbers whole. */
  words: string[];
  /** Each word's forms: the word, then its aliases (新冠 → 新冠肺炎, 疫情 …), lowercased. */
  forms: string[][];
  date: DateFilter | null;
  intent: Intent | null;
}

/** Most words a query is searched for. */
export const MAX_WORDS = 12;

/** Words that ask rather than name: dropped from a question, with particles and filler. */
const QUESTION_WORDS = new Set([
  '哪些', '什么', '啥', '吗', '呢', '吧', '啊', '呀', '嘛', '怎么样', '怎样', '怎么', '如何', '哪里', '哪儿', '哪', '多少', '几次', '几个', '是否',
  '有没有', '有无', '请问', '最近', '近期', '最新', '近来', '近日', '一下', '了', '过', '相关', '有关', '关于', '的', '新闻', '报道', '消息', '文章', '查', '查询', '搜索', '找', '看看', '情况如何',
  '有', '哪个', '谁', '是', '都', '时候', '什么时候', '何时', '举行', '开展', '进行', '在做', '在忙', '做', '干', '忙', '干了', '地方', '哪些地方', '发生', '是谁',
]);
/** A measure word that follows 多少 or 几 in a question. */
const MEASURES = /^[家个人名次项位户元年天条座所批届期篇场]$/u;
/** Function words that join the words of a run typed without spaces. */
const STOP = new Set(['和', '与', '及', '在', '对', '把', '将', '等', '并', '也', '又', '为', '以', '于', '之']);
/** A chunk that holds one of these is a question, cut into words so the question words can go. */
const ASKS = /哪|什么|何时|啥|吗|呢|怎么|如何|多少|几次|几个|是否|有没有|请问|最近|近期|最新|近来|关于|相关|有关|新闻|报道|消息|文章|一下|谁/u;
/** "开了哪些会", "开过什么会议", "召开了哪些会议": the meetings feature's question. */
const MEETINGS = /(?:召开|开)[了过]?(?:哪些|什么|几次|几个|啥)?(?:会议|会)|(?:哪些|什么|几次)(?:会议|会)|会议有哪些|(?:最近|近期|最新|近来)的?(?:会议|会)$/u;
/** "X到哪里调研了", "X讲了什么": a person's appearances in one role. */
const ROLE_QUESTIONS: ReadonlyArray<{ re: RegExp; role: Role }> = [
  { re: /^(\p{Script=Han}{2,4}?)(?:都|最近|近期)?(?:到|去|在)?(?:过|了)?(?:哪里|哪儿|哪些地方|哪些单位|什么地方|哪)(?:调研|视察|考察|检查|督导)?/u, role: '调研' },
  { re: /^(\p{Script=Han}{2,4}?)(?:都|最近|近期)?(?:调研|视察|考察|督导)(?:了|过)?(?:哪里|哪儿|哪些地方|哪些单位|哪些|什么地方|什么|啥)/u, role: '调研' },
  { re: /^(\p{Script=Han}{2,4}?)(?:都|最近|近期)?(?:讲|说|谈|强调|指出|要求)(?:了|过)?(?:什么|啥|哪些)/u, role: '讲话' },
  { re: /^(\p{Script=Han}{2,4}?)(?:都|最近|近期)?主持(?:了|过)?(?:哪些|什么|啥)/u, role: '主持' },
  { re: /^(\p{Script=Han}{2,4}?)(?:都|最近|近期)?(?:出席|参加)(?:了|过)?(?:哪些|什么|啥)/u, role: '出席' },
  // The same asked with a noun: "X的讲话", "X主持的会议", "X出席的活动", "X的调研".
  { re: /^(\p{Script=Han}{2,4}?)(?:的)?(?:讲话|发言)$/u, role: '讲话' },
  { re: /^(\p{Script=Han}{2,4}?)主持(?:召开)?的(?:会议|会)$/u, role: '主持' },
  { re: /^(\p{Script=Han}{2,4}?)(?:出席|参加)的(?:会议|活动)$/u, role: '出席' },
  { re: /^(\p{Script=Han}{2,4}?)的调研$/u, role: '调研' },
];
/** A word every role question holds (哪, 什么, a role verb): a chunk without one is not tried against each of them. */
const ROLE_HINT = /哪|什么|调研|视察|考察|督导|讲|说|谈|强调|指出|要求|主持|出席|参加|发言/u;
/** Year and month: 2021年11月, 2021年11月份, 2021-11, 2021/11, 2021.11. */
const YEAR_MONTH = /(\d{4})(?:年(\d{1,2})月份?|[-/.](\d{1,2})(?!\d))/u;
/** A year: 2021年 (2021年度), or a chunk of just four digits from 1950 on. */
const YEAR = /(?<!\d)((?:19[5-9]|20\d)\d)(?:年度?|$)/u;

/** Alias groups from the data file: every form in a group finds the others. */
const ALIASES: Map<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of [...aliasTable.topics, ...aliasTable.organisations]) {
    const forms = group.map((f) => f.normalize('NFKC').toLowerCase());
    for (const f of forms) map.set(f, [...new Set([...(map.get(f) ?? []), ...forms])]);
  }
  return map;
})();

/** Full-width to half-width, lowercase, spaces collapsed. */
export function normalise(query: string): string {
  return query.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Splits at spaces and punctuation, but keeps a number's decimal point, percent sign and date dashes (3.5%, PM2.5, 2021-11). */
export function chunks(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  const chars = [...text];
  chars.forEach((c, i) => {
    const prev = chars[i - 1] ?? '';
    const next = chars[i + 1] ?? '';
    const numeric = (/[.\-/]/u.test(c) && /\d/u.test(prev) && /\d/u.test(next)) || (c === '%' && /\d/u.test(prev));
    if (!numeric && /[\s\p{P}\p{S}]/u.test(c)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  });
  if (cur) out.push(cur);
  return out;
}

/** Reads a query: what to search, in which months, and what it asks for. */
export function parseQuery(query: string, ctx: QueryContext): ParsedQuery {
  let parts = chunks(normalise(query));
  let intent: Intent | null = null;
  let date: DateFilter | null = null;
  // Dates filter only beside other words: a date alone is searched as printed (2021年).
  const dated = parts.map((p) => takeDate(p));
  const withDate = dated.find((d) => d.date);
  const others = dated.flatMap((d) => (d === withDate ? d.rest : [d.text]));
  if (withDate && others.length > 0) {
    date = withDate.date;
    parts = others;
  }
  const words: string[] = [];
  for (const part of parts) {
    const asked = readQuestion(part, ctx);
    if (asked.intent) intent ??= asked.intent;
    words.push(...asked.words);
  }
  const joined = joinNames(words, ctx);
  const unique = [...new Set(joined)].slice(0, MAX_WORDS);
  const forms = unique.map((w) => {
    const canonical = ctx.aliasOf(w);
    return [...new Set([w, ...(canonical ? [canonical.toLowerCase()] : []), ...(ALIASES.get(w) ?? [])])];
  });
  return { query, words: unique, forms, date, intent };
}

/** The year or month a query names and nothing else ("2020年2月", "2021-11"), or null: listed by date when the pages do not print it as text. */
export function dateOnly(query: string): DateFilter | null {
  const parts = chunks(normalise(query));
  if (parts.length !== 1) return null;
  const { date, rest } = takeDate(parts[0]!);
  return date && rest.length === 0 ? date : null;
}

/** Takes a year-and-month or a year out of a chunk; what is left of the chunk beside it. */
function takeDate(text: string): { text: string; date: DateFilter | null; rest: string[] } {
  const ym = YEAR_MONTH.exec(text);
  if (ym) {
    const month = Number(ym[2] ?? ym[3]);
    if (month >= 1 && month <= 12) {
      const prefix = `${ym[1]}-${String(month).padStart(2, '0')}`;
      return { text, date: { prefix, text: ym[0] }, rest: restOf(text, ym.index, ym[0].length) };
    }
  }
  const y = YEAR.exec(text);
  if (y && y[0].length === 4 && text.length !== 4) return { text, date: null, rest: [] };
  if (y) return { text, date: { prefix: y[1]!, text: y[0] }, rest: restOf(text, y.index, y[0].length) };
  return { text, date: null, rest: [] };
}

/** The text before and after a cut, without the filler a date leaves behind (以来, 的). */
function restOf(text: string, at: number, length: number): string[] {
  return [text.slice(0, at), text.slice(at + length)].map((s) => s.replace(/^(?:以来|期间|的|份)+|的$/u, '')).filter((s) => s.length > 0);
}

/** A chunk's words with its question words gone, and the intent the question states. */
function readQuestion(part: string, ctx: QueryContext): { words: string[]; intent: Intent | null } {
  for (const { re, role } of ROLE_HINT.test(part) ? ROLE_QUESTIONS : []) {
    const m = re.exec(part);
    const name = m ? (ctx.aliasOf(m[1]!) ?? m[1]!) : null;
    if (m && name && ctx.isNameOrPlace(name)) {
      const rest = part.slice(m[0].length).replace(/^[了过呢吗啊呀吧]+/u, '');
      return { words: [m[1]!, ...stripQuestion(rest)], intent: { kind: 'role', name, role } };
    }
  }
  const meeting = part.includes('会') ? MEETINGS.exec(part) : null;
  if (meeting) {
    const rest = [part.slice(0, meeting.index), part.slice(meeting.index + meeting[0].length)];
    return { words: rest.flatMap(stripQuestion), intent: { kind: 'meetings' } };
  }
  return { words: stripQuestion(part), intent: null };
}

/** A chunk as search words: whole when it asks nothing, else its jieba words minus the question words (single characters left over go too). */
function stripQuestion(part: string): string[] {
  if (part.length === 0 || QUESTION_WORDS.has(part)) return [];
  if (!ASKS.test(part)) return [part];
  const kept: string[] = [];
  let run = '';
  let asked = false;
  for (const token of jieba.cut(part, false)) {
    // The measure word of a question (多少家, 几个) asks too.
    if (QUESTION_WORDS.has(token) || (asked && MEASURES.test(token))) {
      if (run) kept.push(run);
      run = '';
      asked = true;
    } else {
      run += token;
      asked = false;
    }
  }
  if (run) kept.push(run);
  return kept.filter((w) => [...w].length > 1 || !/\p{Script=Han}/u.test(w));
}

/** A run typed without spaces as its words: jieba's cut, each word in its finest parts, runs of single characters kept together, question and stop words gone. */
export function wordsOf(run: string): string[] {
  const out: string[] = [];
  let singles = '';
  for (const token of jieba.cut(run, false).flatMap(finest)) {
    if (QUESTION_WORDS.has(token) || STOP.has(token)) {
      if (singles) out.push(singles);
      singles = '';
    } else if (/^\p{Script=Han}$/u.test(token)) singles += token;
    else {
      if (singles) out.push(singles);
      singles = '';
      out.push(token);
    }
  }
  if (singles) out.push(singles);
  return out.filter((w) => [...w].length > 1 || !/\p{Script=Han}/u.test(w));
}

/** A word as the shortest words of jieba's search cut that spell it out (生产例会 → 生产, 例会), or whole when they do not. */
function finest(word: string): string[] {
  if ([...word].length < 3 || isCorpusWord(word)) return [word];
  const parts = jieba.cutForSearch(word, false).filter((t) => [...t].length >= 2);
  const smallest = parts.filter((t) => !parts.some((u) => u !== t && t.includes(u)));
  return smallest.join('') === word ? smallest : [word];
}

/** Joins neighbouring short fragments whose joined form is a known name or place ("宫 卫红" → 宫卫红). */
function joinNames(words: string[], ctx: QueryContext): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let joined: string | null = null;
    let used = 0;
    for (let n = Math.min(4, words.length - i); n >= 2 && joined === null; n--) {
      const parts = words.slice(i, i + n);
      if (!parts.every((p) => /^\p{Script=Han}{1,3}$/u.test(p))) continue;
      const candidate = parts.join('');
      if ([...candidate].length <= 6 && ctx.isNameOrPlace(candidate) && !parts.every((p) => ctx.isNameOrPlace(p))) [joined, used] = [candidate, n];
    }
    if (joined) {
      out.push(joined);
      i += used - 1;
    } else out.push(words[i]!);
  }
  return out;
}
