/** A query read again when no article prints every word: a run typed without spaces as its words, a misprint as the printed form. */
import type MiniSearch from 'minisearch';
import { correctWord, type Lookups, type TextOf } from './correct.ts';
import { wordsOf } from './query.ts';

/** A query word the corpus does not print, searched as the printed form it is one character away from. */
export interface Correction {
  from: string;
  to: string;
}

/** The words to search instead, each with its forms, and the corrections to say. */
export interface Reread {
  words: string[];
  forms: string[][];
  corrections: Correction[];
}

/** What reading again asks of the index. */
export interface RereadContext {
  mini: MiniSearch<any>;
  /** The ids the first reading found (full and partial). */
  found: readonly string[];
  /** Whether an article is in the query's scope (months, meetings) and prints a form of every word in `of`. */
  printsAll(id: string, of: string[][]): boolean;
  textOf: TextOf;
  /** Where did-you-mean finds its candidates. */
  lookups: Lookups;
  aliasOf(word: string): string | undefined;
}

/** Reads again the words no article prints (`printedBy[i]` is 0), last first so a split leaves earlier indices in place; null when nothing changes. */
export function reread(words0: readonly string[], forms0: readonly string[][], printedBy: readonly number[], ctx: RereadContext): Reread | null {
  let words = [...words0];
  let forms = forms0.map((f) => [...f]);
  const corrections: Correction[] = [];
  for (let i = printedBy.length - 1; i >= 0; i--) {
    if (printedBy[i]! > 0) continue;
    const rest = forms.filter((_, j) => j !== i);
    // A run typed without spaces that the pages print only in parts (老旧小区改造进展): its words, when an article found prints them all.
    const parts = /^\p{Script=Han}+$/u.test(words[i]!) ? wordsOf(words[i]!) : [];
    // The parts first: they are what most articles miss.
    const split = [...parts.map((p) => [p]), ...rest];
    if (parts.length > 1 && ctx.found.some((id) => ctx.printsAll(id, split))) {
      words = [...words.slice(0, i), ...parts, ...words.slice(i + 1)];
      forms = [...forms.slice(0, i), ...parts.map((p) => [p]), ...forms.slice(i + 1)];
      continue;
    }
    const to = correctWord(ctx.mini, words[i]!, (id) => ctx.printsAll(id, rest), ctx.textOf, ctx.lookups);
    if (to) {
      corrections.push({ from: words[i]!, to });
      words[i] = to;
      const canonical = ctx.aliasOf(to);
      forms[i] = [to, ...(canonical ? [canonical] : [])];
    }
  }
  return words.length === words0.length && corrections.length === 0 ? null : { words, forms, corrections };
}
