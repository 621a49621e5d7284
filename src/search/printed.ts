/** Whether an article prints a form, read in its text: title, deck and body run together, with a character set to rule most articles out first. */
import { deckText, type Article } from '../corpus/types.ts';

/** Words of a signature: 4,096 bits. */
export const SIGNATURE_WORDS = 128;

/** A UTF-16 code unit's bit in a signature. */
export const charBit = (code: number): number => Math.imul(code, 0x9e3779b1) >>> 20;

/** Two neighbouring code units' bit in a signature. */
export const pairBit = (prev: number, code: number): number => Math.imul(((prev << 16) | code) ^ 0x5bd1e995, 0x2c1b3c6d) >>> 20;

/**
 * The characters (code units) and neighbouring pairs an article's title, deck and body print, run together, as a set
 * of bits: a form with a character or pair outside it is printed nowhere in them.
 */
export function signature(a: Article): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_WORDS);
  const set = (h: number): void => void (sig[h >>> 5]! |= 1 << (h & 31));
  let prev = -1;
  for (const text of [a.title, deckText(a), a.body]) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      set(charBit(code));
      if (prev >= 0) set(pairBit(prev, code));
      prev = code;
    }
  }
  return sig;
}

/** A lowercased form made only of Han characters and digits, which no other character lowercases into. */
export const UNCASED = /^[\p{Script=Han}0-9]+$/u;

/** Whether title, kicker and deck, and body run together print the lowercased `form`. */
export function printsForm(a: Article, form: string): boolean {
  if (!UNCASED.test(form)) return `${a.title}${deckText(a)}${a.body}`.normalize('NFKC').toLowerCase().includes(form);
  return prints(a, form);
}

/**
 * Whether title, kicker and deck, and body run together print `form`, a form of Han characters and digits: for such a form
 * that is the same as finding it in the lowercased text, without joining and lowercasing the text. A form running
 * across title, subtitle and body still counts.
 */
export function prints(a: Article, form: string): boolean {
  if (a.title.includes(form) || a.body.includes(form)) return true;
  // Most articles have no deck: no string made for it.
  const mid = a.kicker || a.subtitle ? deckText(a) : '';
  if (mid.includes(form)) return true;
  const h = a.title.length;
  return spansAt(a.title, mid, a.body, form, h) || (mid.length > 0 && spansAt(a.title, mid, a.body, form, h + mid.length));
}

/** Whether `form` is printed across position `junction` of head + mid + tail (starting before it, ending after it), read in place. */
function spansAt(head: string, mid: string, tail: string, form: string, junction: number): boolean {
  const total = head.length + mid.length + tail.length;
  for (let p = Math.max(0, junction - form.length + 1); p < junction && p + form.length <= total; p++) {
    let k = 0;
    while (k < form.length && charAt(head, mid, tail, p + k) === form.charCodeAt(k)) k++;
    if (k === form.length) return true;
  }
  return false;
}

/** The UTF-16 code unit at `i` of head + mid + tail. */
function charAt(head: string, mid: string, tail: string, i: number): number {
  if (i < head.length) return head.charCodeAt(i);
  const j = i - head.length;
  return j < mid.length ? mid.charCodeAt(j) : tail.charCodeAt(j - mid.length);
}

