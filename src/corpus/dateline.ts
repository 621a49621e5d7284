/** Datelines: "11月3日上午" read into a full date, the year taken from the page's publication. */

/** A lead that opens an article: a date or a time word ("3月10日，", "近日，", "今年以来，"). */
export const LEAD_OPENER = /^(?:(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?|\d{4}年|近日|日前|近期|昨日|昨天|昨晚|前日|前天|前晚|今日|今天|今晨|今年|去年|连日来|近年来|(?:入[春夏秋冬汛]|开春)以来)/;
/** The same lead with the comma after its time ("近日，", "3月10日上午，"): a sentence's start, never a headline. */
export const LEAD_CLAUSE = new RegExp(`${LEAD_OPENER.source}(?:上午|下午|晚上|晚|早上|凌晨|中午|傍晚|以来)?[，,]`);
const DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/;
const VAGUE = /^(近日|日前|近期|前不久|目前|今年|年初|最近|连日来)/;
/** Days before publication a relative dateline names: at the lead's start, after a clause, or after 图为 in a caption. */
const RELATIVE = /(?:^|[，,]|图为)(昨日|昨天|昨晚|前日|前天|前晚|今日|今天|今晨)/;
const OFFSET: Record<string, number> = { 昨日: 1, 昨天: 1, 昨晚: 1, 前日: 2, 前天: 2, 前晚: 2, 今日: 0, 今天: 0, 今晨: 0 };

/** The publication date less `days` days. */
function daysBefore(published: string, days: number): string | null {
  const [y, m, d] = published.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d - days));
  return isoDate(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

/** Formats a date as YYYY-MM-DD, or null when the day does not exist. */
export function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The latest date with this month and day that is not after the publication date. */
export function resolveYear(month: number, day: number, published: string | null): string | null {
  if (!published) return null;
  const [py, pm, pd] = published.split('-').map(Number) as [number, number, number];
  const after = month > pm || (month === pm && day > pd);
  for (let year = after ? py - 1 : py; year >= py - 4; year--) {
    const iso = isoDate(year, month, day);
    if (iso) return iso;
  }
  return null;
}

/** The date of the event in a news lead: the first date of its first sentence, unless it opens vaguely (近日). */
export function leadDate(lead: string, published: string | null): string | null {
  const text = lead.slice(0, 2000).replace(/\s+/g, '');
  if (VAGUE.test(text)) return null;
  const sentence = text.split('。')[0]!.slice(0, 90);
  return firstDate(sentence, published);
}

/** The first date of a text, written out (11月3日) or relative to publication (昨日 = the day before), whichever comes first. */
export function firstDate(text: string, published: string | null): string | null {
  const flat = text.replace(/\s+/g, '');
  const relative = RELATIVE.exec(flat.slice(0, 200));
  const written = DATE.exec(flat);
  if (relative && published && (!written || relative.index < written.index)) return daysBefore(published, OFFSET[relative[1]!]!);
  return findDate(flat, published);
}

/** The first full date written anywhere in a text. */
export function findDate(text: string, published: string | null): string | null {
  const m = DATE.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (m[1]) return isoDate(Number(m[1]), month, day);
  return resolveYear(month, day, published);
}
