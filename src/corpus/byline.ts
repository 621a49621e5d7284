/** Bylines and photo credits: who wrote or photographed an article. */

/** The start of a news item: 本报讯 (or a local variant such as 本报焦作讯). */
export const NEWS_START = /^本报\p{Script=Han}{0,4}讯/u;

const ROLE = /(本报记者|记者|通讯员|实习生|摄影)/g;
const STANDALONE = /^本报(记者|通讯员)\s*([\p{Script=Han}·]+(?:[\s、，,]+[\p{Script=Han}·]+)*)$/u;
const CREDIT = /(?:(?:本报)?(?:记者|通讯员|摄影)\s*)?([\p{Script=Han}·](?:\s*[\p{Script=Han}·]){1,3}(?:\s*[、，,]\s*[\p{Script=Han}·](?:\s*[\p{Script=Han}·]){1,3})*)\s*摄\s*[)）]?$/u;

export interface Byline {
  reporters: string[];
  correspondents: string[];
  /** Names of a photo credit (… 摄). */
  photographers?: string[];
}

/** Splits a list of names such as "郭树勋、付凯明" or "万 千" (one name printed with a space). */
export function splitNames(list: string): string[] {
  const names: string[] = [];
  for (const piece of list.split(/[、，,;；]/)) {
    const parts = piece.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    if (parts.some((p) => [...p].length === 1)) names.push(parts.join(''));
    else names.push(...parts);
  }
  return names.filter((n) => /^[\p{Script=Han}·]{2,5}$/u.test(n));
}

/** Reads "记者X、Y 通讯员Z" into reporters and correspondents. */
export function parseCredits(inside: string): Byline {
  const out: Byline = { reporters: [], correspondents: [] };
  const pieces = inside.replace(/\s+/g, ' ').split(ROLE);
  for (let i = 1; i < pieces.length; i += 2) {
    const role = pieces[i]!;
    const names = splitNames(pieces[i + 1] ?? '');
    (role === '通讯员' || role === '实习生' ? out.correspondents : out.reporters).push(...names);
  }
  return out;
}

/** Parses the byline at the head of a news item; returns it and the text after it. */
export function parseNewsByline(text: string): { byline: Byline; rest: string } {
  const m = /^本报\p{Script=Han}{0,4}讯\s*[（(]([^）)]*)[）)]\s*/u.exec(text);
  if (m) return { byline: parseCredits(m[1]!.replace(/\n/g, "")), rest: text.slice(m[0].length) };
  const bare = /^本报\p{Script=Han}{0,4}讯\s*/u.exec(text);
  return { byline: { reporters: [], correspondents: [] }, rest: bare ? text.slice(bare[0].length) : text };
}

/** A line that is only a byline, "本报记者 郭树勋", printed above a feature. */
export function parseStandaloneByline(line: string): Byline | null {
  const m = STANDALONE.exec(line.trim());
  if (!m || /摄$/.test(line.trim())) return null;
  return parseCredits(`${m[1]}${m[2]}`);
}

/** A photo credit ending a caption ("本报记者 万 千 摄"): the names and the text before it. */
export function parsePhotoCredit(text: string): { names: string[]; before: string } | null {
  const t = text.trim();
  // Most lines do not end in 摄; the cheap test spares the credit pattern its backtracking on them.
  if (!/摄\s*[)）]?$/u.test(t)) return null;
  const m = CREDIT.exec(t);
  if (!m) return null;
  const before = t.slice(0, m.index).trim();
  const hasRole = /(记者|摄影|通讯员)\s*$/.test(before) || /(记者|摄影|通讯员)/.test(m[0]);
  if (!hasRole && before !== '') return null;
  const names = splitNames(m[1]!);
  if (names.length === 0) return null;
  return { names, before: before.replace(/(本报)?(记者|摄影|通讯员)\s*$/, '').trim() };
}
