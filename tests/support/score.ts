/** Scores parsed articles against a truth file: per expected article, found once, title, date and reporters right; spurious and merged articles count against. */
import { readFileSync } from 'node:fs';

/** One article a reader sees: a phrase of its body, its printed title ('' for none, '*' for any), date and reporters. */
export interface TruthArticle {
  key: string;
  title: string;
  date: string | null;
  reporters: string[];
}

export interface Truth {
  pages: Record<string, TruthArticle[]>;
  /** Section labels that must never be taken as a title. */
  labels?: string[];
}

/** What the scorer reads of a parsed article. */
export interface ScoredArticle {
  source: string;
  title: string;
  titleSource: 'printed' | 'derived';
  subtitle?: string | null;
  kicker?: string | null;
  date: string | null;
  reporters: string[];
  body: string;
}

export interface Score {
  score: number;
  misses: string[];
}

const norm = (s: unknown): string => String(s ?? '').replace(/\s+/g, '');

/** Reads a truth file of tests/fixtures/truth/. */
export const readTruth = (path: string): Truth => JSON.parse(readFileSync(path, 'utf8')) as Truth;

/** The share of fields right (4 per expected article) less spurious and merged articles. */
export function scoreCorpus(truth: Truth, articles: ScoredArticle[]): Score {
  const labels = new Set((truth.labels ?? []).map(norm));
  const misses: string[] = [];
  let fields = 0;
  let total = 0;
  let penalties = 0;
  for (const [source, expected] of Object.entries(truth.pages)) {
    const mine = articles.filter((a) => a.source === source || a.source.endsWith(`/${source}`));
    const keyHits = new Map(mine.map((a) => [a, 0]));
    for (const t of expected) {
      total += 4;
      const hits = mine.filter((a) => norm(a.body).includes(norm(t.key)));
      for (const a of hits) keyHits.set(a, keyHits.get(a)! + 1);
      if (hits.length !== 1) {
        misses.push(`${source}: article with "${t.key}" found ${hits.length} times`);
        continue;
      }
      const a = hits[0]!;
      fields++;
      const title = norm(a.title);
      const shown = norm(a.kicker) + title + norm(a.subtitle);
      const want = norm(t.title);
      const titleOk = t.title === '*' || (!labels.has(title) && (t.title
        ? a.titleSource === 'printed' && (shown.includes(want) || (want.includes(title) && title.length >= 0.6 * want.length))
        : a.titleSource === 'derived' && title.length > 0));
      if (titleOk) fields++;
      else misses.push(`${source}: "${t.key}": title ${JSON.stringify(a.title)} (${a.titleSource}), expected ${t.title ? JSON.stringify(t.title) : 'a derived title'}`);
      if (!t.date || a.date === t.date) fields++;
      else misses.push(`${source}: "${t.key}": date ${a.date}, expected ${t.date}`);
      if (t.reporters.every((r) => a.reporters.includes(r))) fields++;
      else misses.push(`${source}: "${t.key}": reporters ${JSON.stringify(a.reporters)}, expected ${JSON.stringify(t.reporters)}`);
    }
    for (const [a, n] of keyHits) {
      if (n > 1) {
        penalties++;
        misses.push(`${source}: one article holds ${n} expected articles: ${JSON.stringify(a.title)}`);
      }
      if (n === 0 && norm(a.body).length > 30) {
        penalties++;
        misses.push(`${source}: article matches none expected: ${JSON.stringify(a.title)}`);
      }
    }
  }
  return { score: total ? (fields - penalties) / total : 0, misses };
}
