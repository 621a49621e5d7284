/** Excerpts: the passage of an article around the best hit, with the query words marked. */

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
  const text = body.replace(/\s*\n\s*/g, ' ');
  const lower = text.toLowerCase();
  // A fragment is only marked for a word the text does not print whole (消防宣传月 is marked, not 消防 and 宣传).
  const missing = words.filter((w) => !lower.includes(w.toLowerCase()));
  const useful = missing.length === 0 ? [] : ('list' in fragments ? fragments.list : fragments).filter((f) => missing.some((w) => w.toLowerCase().includes(f.toLowerCase())));
  const needles = [...new Set([...words, ...useful].filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  const whole = new Set(words.map((w) => w.toLowerCase()));
  const hits: Array<[number, number]> = [];
  // Which characters a hit already holds: a shorter needle overlapping one is not marked.
  const taken = new Uint8Array(lower.length);
  for (const w of needles) {
    const needle = w.toLowerCase();
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      if (taken.subarray(at, at + needle.length).includes(1)) continue;
      taken.fill(1, at, at + needle.length);
      hits.push([at, at + needle.length]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  if (hits.length === 0) return { text: clip(text, 0, width), marks: [] };
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
  return { text: clip(text, start, end - start), marks };
}

/** Characters after which a clause ends. */
const CLAUSE_END = /[，。；：！？、,;:!?）)”\s]/u;
/** Characters a number, date or code is made of; a cut between two of them splits it (11月4日 → 1月4日). */
const JOINED = /[0-9A-Za-z.%月日年号时分]/u;
/** How far a window's edge moves to reach a clause boundary. */
const REACH = 12;
/** How many characters past its width a window may run to end at a clause (an excerpt stays within width + 4 with its ellipses). */
const SLACK = 2;

/** Moves a window's start to just after a clause end within reach (not past `firstHit`), else out of a number or date. */
function snapStart(text: string, start: number, firstHit: number): number {
  if (start === 0) return 0;
  for (let d = 0; d <= REACH; d++) {
    for (const p of [start + d, start - d]) {
      if (p > 0 && p <= firstHit && CLAUSE_END.test(text[p - 1]!)) return p;
    }
  }
  let p = start;
  while (p > 0 && JOINED.test(text[p - 1]!) && JOINED.test(text[p]!)) p--;
  return p;
}

/** Moves a window's end to just after the nearest clause end (forward not past `maxEnd`, back not before `keep`), else out of a number or date. */
function snapEnd(text: string, keep: number, end: number, maxEnd: number): number {
  if (end >= text.length) return text.length;
  // Back as far as three reaches (not before `keep`): a shorter excerpt reads better than one cut inside a word.
  for (let d = 0; d <= 3 * REACH; d++) {
    for (const p of [end + d, end - d]) {
      if (p >= keep && p > 0 && p <= Math.min(text.length, maxEnd) && CLAUSE_END.test(text[p - 1]!)) return p;
    }
  }
  let p = end;
  while (p > keep && JOINED.test(text[p - 1]!) && JOINED.test(text[p]!)) p--;
  return p;
}

function clip(text: string, start: number, width: number): string {
  const end = Math.min(text.length, start + width);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
