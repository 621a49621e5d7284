/** Datelines: "11月3日上午" read into a full date, the year taken from the page's publication. */

const DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/;
const VAGUE = /^(近日|日前|近期|昨日|昨天|前不久|目前|今年|年初|最近|连日来)/;

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
  return findDate(sentence, published);
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
