/** The benchmark's queries, sampled by document frequency into groups, and the fair naive scan they are compared with. */
import type { Library } from '../src/app/library.ts';
import type { Article } from '../src/corpus/types.ts';
import { excerpt, type Excerpt } from '../src/search/excerpt.ts';
import { parseQuery } from '../src/search/query.ts';
import { isCorpusWord, segment } from '../src/search/tokenize.ts';
import { mulberry32 } from './synth.ts';

export const GROUPS = ['head', 'torso', 'tail', 'pairs', 'misses', 'misprints'] as const;
export type Group = (typeof GROUPS)[number];
export type QuerySet = Record<Group, string[]>;

/** Document-frequency bands as shares of the archive: head ≥ 3 %, torso 0.2–3 % (at least 3 articles), tail 1–2 articles (0.02 % on large archives). */
function band(df: number, n: number): 'head' | 'torso' | 'tail' | null {
  if (df >= Math.max(10, 0.03 * n)) return 'head';
  if (df >= Math.max(3, 0.002 * n)) return 'torso';
  if (df >= 1 && df <= Math.max(2, 0.0002 * n)) return 'tail';
  return null;
}

/** Swaps one character of a name for another so that the archive prints the result nowhere. */
function misprint(word: string, rand: () => number, printed: (w: string) => boolean): string | null {
  const chars = [...word];
  for (let t = 0; t < 20; t++) {
    const i = 1 + Math.floor(rand() * (chars.length - 1));
    const swapped = [...chars];
    swapped[i] = String.fromCodePoint(0x4e00 + Math.floor(rand() * 0x5000));
    const out = swapped.join('');
    if (!printed(out)) return out;
  }
  return null;
}

/**
 * `perGroup` queries per group from `candidates` (names, places, campaign and content words), banded by how many
 * articles the index holds under each; pairs are two banded words one article prints; misses are `absent` words the
 * index holds nowhere; misprints are torso names one character off. Deterministic from `seed`.
 */
export function sampleQueries(library: Library, candidates: string[], names: Set<string>, absent: string[], seed: number, perGroup: number): QuerySet {
  const rand = mulberry32(seed * 31 + 7);
  const n = library.articles().length;
  const shuffled = [...new Set(candidates)].map((w) => ({ w, k: rand() })).sort((a, b) => a.k - b.k).map((x) => x.w);
  const out: QuerySet = { head: [], torso: [], tail: [], pairs: [], misses: [], misprints: [] };
  const banded = new Map<string, 'head' | 'torso' | 'tail'>();
  for (const w of shuffled) {
    const b = band(library.documentFrequency(w), n);
    if (!b) continue;
    banded.set(w, b);
    if (out[b].length < perGroup) out[b].push(w);
    if (b === 'torso' && names.has(w) && out.misprints.length < perGroup) {
      const typo = misprint(w, rand, (x) => library.documentFrequency(x) > 0);
      if (typo) out.misprints.push(typo);
    }
  }
  const articles = library.articles();
  for (let t = 0; out.pairs.length < perGroup && t < perGroup * 50; t++) {
    const a = articles[Math.floor(rand() * articles.length)]!;
    const terms = [...new Set(segment(`${a.title}${a.body}`))].filter((w) => banded.get(w) === 'torso' || banded.get(w) === 'head');
    if (terms.length < 2) continue;
    const first = terms[Math.floor(rand() * terms.length)]!;
    const second = terms.filter((w) => w !== first && !w.includes(first) && !first.includes(w))[0];
    if (second) out.pairs.push(`${first} ${second}`);
  }
  for (const w of absent) {
    if (out.misses.length >= perGroup) break;
    if (library.documentFrequency(w) === 0) out.misses.push(w);
  }
  return out;
}

/** What the naive scan answers: the same question as the index, by reading every article. */
export interface NaiveAnswer {
  total: number;
  full: number;
  top: Array<{ id: string; excerpt: Excerpt }>;
}

/** How often `needle` occurs in `text`. */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * The fair naive baseline: every article's title, deck and body scanned for every form of every query word (aliases
 * and canonical names as the index reads them); all matches counted, full matches first, then by occurrences (a
 * title counting 4), then newer; the top page kept by selection and given its excerpts, as the bot shows it.
 */
export function naiveAnswer(articles: readonly Article[], query: string, aliasOf: (w: string) => string | undefined, page = 5): NaiveAnswer {
  const parsed = parseQuery(query, { aliasOf, isNameOrPlace: (w) => isCorpusWord(w) || aliasOf(w) !== undefined });
  const forms = parsed.forms;
  const top: Array<{ a: Article; covered: number; score: number; when: string }> = [];
  let total = 0;
  let full = 0;
  const better = (x: (typeof top)[number], y: (typeof top)[number]): boolean => x.covered > y.covered || (x.covered === y.covered && (x.score > y.score || (x.score === y.score && x.when > y.when)));
  for (const a of articles) {
    let covered = 0;
    let score = 0;
    const sub = a.subtitle ?? '';
    for (const fs of forms) {
      let printed = false;
      for (const f of fs) {
        const n = occurrences(a.title, f) * 4 + occurrences(sub, f) * 2 + occurrences(a.body, f);
        if (n > 0) {
          printed = true;
          score += n;
        }
      }
      if (printed) covered++;
    }
    if (covered === 0) continue;
    total++;
    if (covered === forms.length) full++;
    const row = { a, covered, score, when: a.date ?? a.published ?? '' };
    if (top.length < page || better(row, top[top.length - 1]!)) {
      top.push(row);
      top.sort((x, y) => (better(x, y) ? -1 : better(y, x) ? 1 : 0));
      if (top.length > page) top.pop();
    }
  }
  const words = forms.flat();
  return { total, full, top: top.map((r) => ({ id: r.a.id, excerpt: excerpt(r.a.body, words, 80) })) };
}
