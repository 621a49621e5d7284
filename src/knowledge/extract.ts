/** Reads officials' names, titles and roles out of article text (pure functions, no I/O). */
import type { Article } from '../corpus/types.ts';

export type Role = '主持' | '讲话' | '出席' | '调研';
export const ROLES: readonly Role[] = ['主持', '讲话', '出席', '调研'];

/** How a name was seen: after an official title, in a 区领导 list, or opening a speech sentence. */
export interface Sighting {
  name: string;
  title: string | null;
  via: 'title' | 'list' | 'speech';
}

const HAN = /^\p{Script=Han}+$/u;
const TITLE_UNIT = '(?:党工委|管委会|管委|纪工委)副?(?:书记|主任|委员)|\\p{Script=Han}{2,12}?指挥部副?总指挥';
const TITLE_RE = new RegExp(`(?:${TITLE_UNIT})(?:、(?:${TITLE_UNIT}))*`, 'gu');
/** Words that may directly follow a name; multi-character ones are strong evidence of where the name ends. */
const FOLLOW = ['主持', '出席', '参加', '参会', '通过', '深入', '组织', '先后', '调研', '督导', '安排', '立即', '一同', '一起',
  '陪同', '以及', '强调', '指出', '要求', '讲话', '暗访', '看望', '检查', '察看', '带队', '宣布', '一行', '认真', '详细',
  '走进', '来到', '前往', '召开', '听取', '同志', '表示', '分别', '最后', '在讲话', '在点评'];
const FOLLOW_1 = ['就', '到', '赴', '在', '及', '等', '率', '作', '对', '与', '和', '还', '说', '同'];
/** Words that end a 区领导 list item glued to the last name. */
const LIST_END = ['参加', '出席', '陪同', '一同', '一起', '以及', '及', '等', '主持', '参会', '带队', '分别', '共同'];
/** Characters that cannot open a name (verbs and prepositions that follow 区领导 in headlines). */
const NON_START = new Set([...'到在对就先深带率检调督暗看察一分共及等赴前来走参出陪和与同将']);
/** Sentence openers that look like names but are not. */
const NOT_NAMES = new Set(['会议', '会上', '同时', '他们', '我们', '大家', '该区', '该村']);

/** Normalises a printed title chain: keeps 党工委/管委会/纪工委 roles, 管委 → 管委会, drops the 示范区（高新区） prefix and 指挥部 roles. */
export function normalizeTitle(chain: string): string | null {
  const parts = chain.split('、').map((p) => p.replace(/^管委(?!会)/, '管委会')).filter((p) => /^(?:党工委|管委会|纪工委)/.test(p));
  return parts.length ? parts.join('、') : null;
}

const isNameShape = (s: string): boolean => s.length >= 2 && s.length <= 3 && HAN.test(s) && !NON_START.has(s[0] ?? '');

/** The name of 2–3 Han characters starting at `pos`, judged by what follows it; null when unclear. */
export function nameAt(text: string, pos: number): string | null {
  const two = text.slice(pos, pos + 2);
  const three = text.slice(pos, pos + 3);
  const after = (n: number): string => text.slice(pos + n, pos + n + 4);
  const ends = (rest: string, words: string[]): boolean => rest === '' || !HAN.test(rest[0] ?? '') || words.some((w) => rest.startsWith(w));
  if (!isNameShape(two)) return null;
  if (ends(after(2), FOLLOW)) return two;
  if (isNameShape(three) && ends(after(3), [...FOLLOW, ...FOLLOW_1])) return three;
  if (ends(after(2), FOLLOW_1)) return two;
  return null;
}

/** Names printed right after an official title, with the normalised title. */
export function titleSightings(text: string): Sighting[] {
  const out: Sighting[] = [];
  for (const m of text.matchAll(TITLE_RE)) {
    const name = nameAt(text, (m.index ?? 0) + m[0].length);
    if (name) out.push({ name, title: normalizeTitle(m[0]), via: 'title' });
  }
  return out;
}

/** Names in lists after 区领导, e.g. 区领导刘春明、冯利民、许海玲参加会议. */
export function listSightings(text: string): Sighting[] {
  const out: Sighting[] = [];
  for (const m of text.matchAll(/区领导([^，。；：！？\n]+)/gu)) {
    for (const raw of (m[1] ?? '').split('、')) {
      const cut = Math.min(...LIST_END.map((w) => raw.indexOf(w, 2)).filter((i) => i >= 2), raw.length);
      const name = raw.slice(0, cut);
      if (isNameShape(name)) out.push({ name, title: '区领导', via: 'list' });
    }
  }
  return out;
}

/** Names opening a sentence before 强调/指出/要求 (possibly 在讲话中…); only trusted when the name is otherwise known. */
export function speechSightings(text: string): Sighting[] {
  const out: Sighting[] = [];
  for (const m of text.matchAll(/(?:^|[。！？；\n])(\p{Script=Han}{2,3}?)(?:在讲话中|在点评中|最后|还)?(?:强调|指出|要求)/gu)) {
    const name = m[1] ?? '';
    if (isNameShape(name) && !NOT_NAMES.has(name)) out.push({ name, title: null, via: 'speech' });
  }
  return out;
}

/** Title, subtitle and body as one text, one sentence source per line. */
export function articleText(a: Article): string {
  return [a.title, a.subtitle ?? '', a.body].join('\n');
}

const SPEECH = /强调|指出|(?<!按|按照|会议|工作)要求|(?<!重要)讲话(?!精神)|讲活|点评|作[^，]{0,10}报告|安排部署|(?<!听取[^，]{0,30})汇报/;
const VISIT = /调研|督导|暗访|看望|慰问|检查|察看|视察|走访|^[^，]{0,3}深入/;
const FILLER = /示范区（高新区）|区领导|党工委|管委会|管委|纪工委|副|书记|主任|委员|\p{Script=Han}{0,12}指挥部总指挥|[、，\s]/gu;

/** Roles named in the words after a name (up to the next name); null when the words carry no predicate. */
export function rolesIn(seg: string): Set<Role> | null {
  if (seg.replace(FILLER, '') === '') return null;
  let text = seg.split('，').slice(0, 2).join('，');
  const speech = SPEECH.exec(text);
  if (speech) text = text.slice(0, speech.index + speech[0].length);
  const roles = new Set<Role>();
  if (/主持|召开/.test(text)) roles.add('主持');
  if (speech) roles.add('讲话');
  if (VISIT.test(text)) roles.add('调研');
  const attend = text.replace(/(?:参加|陪同|一同|一起)(?=调研|督导|暗访|看望|慰问|检查)/g, '');
  if (/出席|参加|参会/.test(attend)) roles.add('出席');
  return roles;
}

/** Every occurrence of the given names, by sentence, with roles read from the clause after each one. */
export function occurrences(text: string, names: string[]): Array<{ name: string; sentence: number; roles: Set<Role> }> {
  if (names.length === 0) return [];
  const re = new RegExp([...names].sort((a, b) => b.length - a.length).join('|'), 'gu');
  const out: Array<{ name: string; sentence: number; roles: Set<Role> }> = [];
  text.split(/[。！？；\n]/u).forEach((sentence, index) => {
    const hits = [...sentence.matchAll(re)].map((m) => ({ name: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
    let inherited = new Set<Role>();
    const found: Array<{ name: string; sentence: number; roles: Set<Role> }> = [];
    for (let k = hits.length - 1; k >= 0; k--) {
      const hit = hits[k];
      if (!hit) continue;
      const roles = rolesIn(sentence.slice(hit.end, hits[k + 1]?.start ?? sentence.length));
      inherited = roles ?? new Set(inherited);
      found.unshift({ name: hit.name, sentence: index, roles: inherited });
    }
    out.push(...found);
  });
  return out;
}
