/** Per index: each article's characters and pairs of characters, made when first needed, so a form check reads an article's text only when it holds every character. */
import type { Article } from '../corpus/types.ts';
import { charBit, pairBit, prints, printsForm, signature, SIGNATURE_WORDS, UNCASED } from './printed.ts';

const WORDS = SIGNATURE_WORDS;

/** A lowercased form ready to be checked against many articles: its characters' signature bits, or none when it must be read in the text. */
export interface FormCheck {
  form: string;
  /** Per neighbouring pair, then per character, its signature bit, or null for a form that lowercasing could make (not only Han characters and digits). */
  bits: Int32Array | null;
}

/** A lowercased form compiled for checking. */
export function formCheck(form: string): FormCheck {
  if (!UNCASED.test(form)) return { form, bits: null };
  // Pairs first: an article lacking the form most often lacks one of its pairs, so one read (one cache line) rules it out.
  const bits = new Int32Array(2 * form.length - 1);
  const pairs = form.length - 1;
  for (let i = 0; i < form.length; i++) {
    bits[pairs + i] = charBit(form.charCodeAt(i));
    if (i > 0) bits[i - 1] = pairBit(form.charCodeAt(i - 1), form.charCodeAt(i));
  }
  return { form, bits };
}

export class Signatures {
  private words = new Uint32Array(0);
  private made = new Uint8Array(0);

  /** Whether the article behind `shortId` prints one of the forms (title, deck and body run together). */
  printsAny(shortId: number, a: Article, checks: readonly FormCheck[]): boolean {
    for (const c of checks) {
      if (c.bits === null ? printsForm(a, c.form) : this.mayPrint(shortId, a, c.bits) && prints(a, c.form)) return true;
    }
    return false;
  }

  /** False when the article surely does not print every one of the forms (each made only of Han characters and digits). */
  mayPrintEvery(shortId: number, a: Article, checks: readonly FormCheck[]): boolean {
    for (const c of checks) if (c.bits !== null && !this.mayPrint(shortId, a, c.bits)) return false;
    return true;
  }

  /** False when the article lacks one of the characters, so cannot print the form; true when it may. */
  private mayPrint(shortId: number, a: Article, bits: Int32Array): boolean {
    const at = this.of(shortId, a);
    const words = this.words;
    for (let i = 0; i < bits.length; i++) {
      const h = bits[i]!;
      if ((words[at + (h >>> 5)]! & (1 << (h & 31))) === 0) return false;
    }
    return true;
  }

  /** Where the article's signature starts, made on first need. */
  private of(shortId: number, a: Article): number {
    if (shortId >= this.made.length) this.grow(shortId + 1);
    const at = shortId * WORDS;
    if (this.made[shortId] === 0) {
      this.words.set(signature(a), at);
      this.made[shortId] = 1;
    }
    return at;
  }

  private grow(n: number): void {
    const size = Math.max(n, Math.ceil(this.made.length * 1.5), 1024);
    const made = new Uint8Array(size);
    made.set(this.made);
    const words = new Uint32Array(size * WORDS);
    words.set(this.words);
    this.made = made;
    this.words = words;
  }
}

/** Per index: each article's date (or publication day) as a number in the order of the ISO strings, read once. */
export class Days {
  private days = new Float64Array(0);

  of(shortId: number, a: Article): number {
    if (shortId >= this.days.length) {
      const days = new Float64Array(Math.max(shortId + 1, Math.ceil(this.days.length * 1.5), 1024)).fill(NaN);
      days.set(this.days);
      this.days = days;
    }
    const known = this.days[shortId]!;
    return known === known ? known : (this.days[shortId] = dayNumber(a.date ?? a.published ?? ''));
  }
}

/** An ISO date (YYYY-MM-DD, or '') as a number in the same order as localeCompare puts the strings: 20211103, or -1. */
const dayNumber = (when: string): number => (when === '' ? -1 : Number(when.replace(/-/g, '')) || 0);
