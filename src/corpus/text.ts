/** Text helpers shared by the page parser: spacing, punctuation and width. */

const FULLWIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const ASCII_WORD = /[A-Za-z0-9.%+]/;

/** Trims a raw line and folds odd spaces and full-width letters and digits to ASCII. */
export function normalizeLine(line: string): string {
  return line
    .replace(/[\u3000\u00A0\u2002-\u200B\uFEFF\t]/g, ' ')
    .replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim();
}

/** Removes the spaces a column layout leaves inside Chinese text, keeping one between ASCII words. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, (space, offset: number, all: string) => {
    const before = all[offset - 1];
    const after = all[offset + space.length];
    return before && after && ASCII_WORD.test(before) && /[A-Za-z]/.test(after) && /[A-Za-z]/.test(before) ? ' ' : '';
  });
}

/** Joins two pieces of a wrapped line. */
export function joinWrapped(left: string, right: string): string {
  return squeeze(`${left} ${right}`);
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

/** Visible width of a line: one per Chinese character, a half per ASCII character. */
export function width(text: string): number {
  let w = 0;
  for (const ch of compact(text)) w += ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
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
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
