/** Text helpers shared by the page parser: spacing, punctuation and width. */

const FULLWIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const ASCII_WORD = /[A-Za-z0-9.%+]/;
/** Any character normalizeLine folds (a cheap test, so most lines are only trimmed). */
const ODD = /[\u3000\u00A0\u2002-\u200B\uFEFF\t\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;

/** Trims a raw line and folds odd spaces and full-width letters and digits to ASCII. */
export function normalizeLine(line: string): string {
  if (!ODD.test(line)) return line.trim();
  return line
    .replace(/[\u3000\u00A0\u2002-\u200B\uFEFF\t]/g, ' ')
    .replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim();
}

/** Removes the spaces a column layout leaves inside Chinese text, keeping one between ASCII words. */
export function squeeze(text: string): string {
  if (!/\s/.test(text)) return text;
  return text.replace(/\s+/g, (space, offset: number, all: string) => {
    const before = all[offset - 1];
    const after = all[offset + space.length];
    return before && after && ASCII_WORD.test(before) && /[A-Za-z]/.test(after) && /[A-Za-z]/.test(before) ? ' ' : '';
  });
}

/** True for an ASCII letter's char code. */
const isLatin = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/**
 * A headline's lines as printed phrases: a letter-spaced run (重 点 在) loses its spaces, while a space between two
 * phrases (聚焦项目建设 推动高质量发展) is kept as one space; wrapped lines are joined.
 */
export function phrases(lines: string[]): string {
  const pieces = lines.join('').trim().split(/\s+/).filter(Boolean);
  let out = pieces[0] ?? '';
  for (let i = 1; i < pieces.length; i++) {
    const spaced = [...pieces[i - 1]!].length >= 2 && [...pieces[i]!].length >= 2;
    out += spaced ? ` ${pieces[i]}` : pieces[i];
  }
  return out;
}

/** Joins the wrapped lines of one paragraph: no space between them, except one between two Latin words. */
export function joinLines(lines: string[]): string {
  let out = '';
  let last = 0;
  for (const line of lines) {
    const text = line.includes(' ') ? squeeze(line.trim()) : line;
    if (text === '') continue;
    out += isLatin(last) && isLatin(text.charCodeAt(0)) ? ` ${text}` : text;
    last = text.charCodeAt(text.length - 1);
  }
  return out;
}

/** All white space removed: the form used to compare texts. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

const SENTENCE_END = /[。！？!?…][”’」』）)》]*$/;

/** True when the text ends a sentence, so what follows may start a new paragraph. */
export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text.trimEnd());
}

/** How many UTF-16 units of a normalized text are not spaces or line breaks, without building a compacted copy. */
export function visibleLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10 && code !== 9 && code !== 13) n++;
  }
  return n;
}

/** Visible width of a line: one per Chinese character, a half per ASCII character. */
export function width(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (code === 32 || code === 9 || code === 10 || code === 13) continue;
    w += code < 0x80 ? 0.5 : 1;
  }
  return w;
}

/** Character bigrams of the letters and digits of a text, punctuation left out. */
export function bigrams(text: string): string[] {
  const chars = [...text.replace(/[^\p{L}\p{N}]/gu, '')];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The median of a list of numbers; 0 for an empty list. */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const LETTER = /[\p{L}\p{N}]/u;

/** True for a letter or digit, with a fast path for Han and ASCII. */
function isLetter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x30 && code <= 0x39) || isLatin(code)) return true;
  return code >= 0x80 && LETTER.test(ch);
}

/** Wanted bigrams as first character → second characters: built once, read by findPairs for each text. */
export type PairIndex = Map<string, Set<string>>;

/** Indexes the bigrams findPairs looks for. */
export function pairIndex(wanted: Iterable<string>): PairIndex {
  const index: PairIndex = new Map();
  for (const gram of wanted) {
    const [a, b] = [...gram];
    if (a === undefined || b === undefined) continue;
    if (!index.has(a)) index.set(a, new Set());
    index.get(a)!.add(b);
  }
  return index;
}

/**
 * Which of the indexed bigrams the lines print, read as `bigrams` reads text (punctuation and spaces left out, lines
 * run together). One pass that makes a string only for a wanted pair, so a 2 MB text costs no more than its length.
 */
export function findPairs(lines: Iterable<string>, index: PairIndex): Set<string> {
  const found = new Set<string>();
  if (index.size === 0) return found;
  let prev = '';
  for (const line of lines) {
    for (const ch of line) {
      if (!isLetter(ch)) continue;
      if (index.get(prev)?.has(ch)) found.add(prev + ch);
      prev = ch;
    }
  }
  return found;
}
