/** Excerpts: the passage of an article around the best hit, with the query words marked. */
import { UNCASED } from './printed.ts';

export interface Excerpt {
  text: string;
  /** [start, end) offsets of marked words inside `text`. */
  marks: Array<[number, number]>;
}

/** A query's fragments (the parts of its words), worked out only when an excerpt first needs them. */
export interface Fragments {
  readonly list: readonly string[];
}

/** Finds the window of about `width` characters that holds the most query words; `words` are whole words, `fragments` parts (read only when the text lacks a whole word). */
export function excerpt(body: string, words: string[], width = 80, fragments: readonly string[] | Fragments = []): Excerpt {
  // A body whose line breaks stand alone is read in place: each break stands where the joined text has its one space.
  return (plain(words) && breaksAlone(body) ? windowOf(body, true, words, width, fragments) : null) ?? windowOf(joinLines(body), false, words, width, fragments)!;
}

/** The excerpt of `text` (the body itself when `inPlace`, its line breaks shown as spaces), or null when in place cannot read it: a word to lowercase the text for. */
function windowOf(text: string, inPlace: boolean, words: string[], width: number, fragments: readonly string[] | Fragments): Excerpt | null {
  // Needles of Han characters and digits are found in the text as printed: lowercasing changes none of their characters, nor (but for İ) where any character stands.
  const asPrinted = plain(words) && !text.includes('\u0130');
  if (inPlace && !asPrinted) return null;
  let lower = asPrinted ? text : text.toLowerCase();
  // A fragment is only marked for a word the text does not print whole (消防宣传月 is marked, not 消防 and 宣传).
  const missing = words.filter((w) => !lower.includes(w.toLowerCase()));
  const useful = missing.length === 0 ? [] : ('list' in fragments ? fragments.list : fragments).filter((f) => missing.some((w) => w.toLowerCase().includes(f.toLowerCase())));
  if (asPrinted && !plain(useful)) {
    if (inPlace) return null;
    lower = text.toLowerCase();
  }
  const needles = [...new Set([...words, ...useful].filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  const whole = new Set(words.map((w) => w.toLowerCase()));
  const hits: Array<[number, number]> = [];
  // Which characters a hit already holds: a shorter needle overlapping one is not marked (one needle's own hits never overlap).
  const taken = needles.length > 1 ? new Uint8Array(lower.length) : null;
  for (const w of needles) {
    const needle = w.toLowerCase();
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      if (taken) {
        if (taken.subarray(at, at + needle.length).includes(1)) continue;
        taken.fill(1, at, at + needle.length);
      }
      hits.push([at, at + needle.length]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  if (hits.length === 0) return { text: clip(text, 0, width, inPlace), marks: [] };
  // Each hit proposes the window shown around it; the one holding the most whole words (then parts, then hits) wins.
  const windowAt = (at: number): number => Math.max(0, Math.min(at - Math.floor(width / 4), text.length - width));
  let start = 0;
  let bestScore = -1;
  // Hits do not overlap, so sorted by start they are sorted by end too: a window's hits are one run of them.
  let lo = 0;
  for (const [at] of hits) {
    const from = windowAt(at);
    while (lo < hits.length && hits[lo]![0] < from) lo++;
    let hi = lo;
    while (hi < hits.length && hits[hi]![1] <= from + width) hi++;
    const inside = hits.slice(lo, hi);
    const distinct = new Set(inside.map(([s, e]) => lower.slice(s, e)));
    const score = [...distinct].reduce((n, w) => n + (whole.has(w) ? 100 : 10), 0) + inside.length;
    if (score > bestScore) [start, bestScore] = [from, score];
  }
  start = snapStart(text, start, hits.find(([s]) => s >= start)?.[0] ?? start);
  const limit = Math.min(text.length, start + width);
  // The end may come back past a repeated hit to reach a clause end, never past the first showing of a word.
  const firstShown = new Map<string, number>();
  for (const [hs, he] of hits) if (hs >= start && he <= limit && !firstShown.has(lower.slice(hs, he))) firstShown.set(lower.slice(hs, he), he);
  const end = snapEnd(text, Math.max(start, ...firstShown.values()), limit, start + width + SLACK);
  const prefix = start > 0 ? '…' : '';
  const marks = hits
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s - start + prefix.length, e - start + prefix.length] as [number, number]);
  return { text: clip(text, start, end - start, inPlace), marks };
}

/** Whether a UTF-16 code unit is one of the characters JavaScript's \\s matches. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The body with every run of white space that holds a line break made one space (as the old whitespace-newline-whitespace regex replacement did), without trying a pattern at every character. */
export function joinLines(body: string): string {
  let nl = body.indexOf('\n');
  if (nl < 0) return body;
  let out = '';
  let from = 0;
  while (nl >= 0) {
    let start = nl;
    while (start > from && isSpace(body.charCodeAt(start - 1))) start--;
    let end = nl + 1;
    while (end < body.length && isSpace(body.charCodeAt(end))) end++;
    out += `${body.slice(from, start)} `;
    from = end;
    nl = body.indexOf('\n', end);
  }
  return out + body.slice(from);
}

/** Whether no white space stands beside any line break of the body: joining its lines then only turns each break into a space. */
function breaksAlone(body: string): boolean {
  for (let nl = body.indexOf('\n'); nl >= 0; nl = body.indexOf('\n', nl + 1)) {
    if ((nl > 0 && isSpace(body.charCodeAt(nl - 1))) || (nl + 1 < body.length && isSpace(body.charCodeAt(nl + 1)))) return false;
  }
  return true;
}

/** Whether every needle, lowercased, is made only of Han characters and digits. */
const plain = (needles: readonly string[]): boolean => needles.every((w) => UNCASED.test(w.toLowerCase()));

/** Characters after which a clause ends. */
const CLAUSE_END = new Set([...'，。；：！？、,;:!?）)”'].map((c) => c.charCodeAt(0)));
/** Characters a number, date or code is made of; a cut between two of them splits it (11月4日 → 1月4日). */
const JOINED = new Set([...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%月日年号时分'].map((c) => c.charCodeAt(0)));

/** Whether the character at `i` ends a clause (white space too). */
const endsClause = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return CLAUSE_END.has(c) || isSpace(c);
};

/** Whether the character at `i` belongs to a number, date or code. */
const joinedAt = (text: string, i: number): boolean => JOINED.has(text.charCodeAt(i));
/** How far a window's edge moves to reach a clause boundary. */
const REACH = 12;
/** How many characters past its width a window may run to end at a clause (an excerpt stays within width + 4 with its ellipses). */
const SLACK = 2;

/** Moves a window's start to just after a clause end within reach (not past `firstHit`), else out of a number or date. */
function snapStart(text: string, start: number, firstHit: number): number {
  if (start === 0) return 0;
  for (let d = 0; d <= REACH; d++) {
    for (const p of [start + d, start - d]) {
      if (p > 0 && p <= firstHit && endsClause(text, p - 1)) return p;
    }
  }
  let p = start;
  while (p > 0 && joinedAt(text, p - 1) && joinedAt(text, p)) p--;
  return p;
}

/** Moves a window's end to just after the nearest clause end (forward not past `maxEnd`, back not before `keep`), else out of a number or date. */
function snapEnd(text: string, keep: number, end: number, maxEnd: number): number {
  if (end >= text.length) return text.length;
  // Back as far as three reaches (not before `keep`): a shorter excerpt reads better than one cut inside a word.
  for (let d = 0; d <= 3 * REACH; d++) {
    for (const p of [end + d, end - d]) {
      if (p >= keep && p > 0 && p <= Math.min(text.length, maxEnd) && endsClause(text, p - 1)) return p;
    }
  }
  let p = end;
  while (p > keep && joinedAt(text, p - 1) && joinedAt(text, p)) p--;
  return p;
}

function clip(text: string, start: number, width: number, inPlace: boolean): string {
  const end = Math.min(text.length, start + width);
  const shown = text.slice(start, end);
  return `${start > 0 ? '…' : ''}${inPlace ? shown.replaceAll('\n', ' ') : shown}${end < text.length ? '…' : ''}`;
}
