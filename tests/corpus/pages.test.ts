// Invented pages in the paper's raw style (tests/fixtures/pages: columns of 9–16 characters, blank lines inside
// sentences and words, headlines before and after their bodies), scored against their own truth.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/corpus/parse.ts';
import type { Article } from '../../src/corpus/types.ts';
import { readTruth, scoreCorpus, type TruthArticle } from '../support/score.ts';

interface PageTruth extends TruthArticle {
  kicker: string | null;
  subtitle: string | null;
  photographers: string[];
}

const truth = readTruth('tests/fixtures/truth/pages.json');
const pages = Object.keys(truth.pages).map((source) => ({
  source,
  articles: parsePage({ source, text: readFileSync(`tests/fixtures/pages/${source}`, 'utf8'), published: source.slice(0, 10) }),
}));
const norm = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, '');

/** Each expected article with the one parsed article that holds its key. */
function pairs(): Array<{ source: string; want: PageTruth; got: Article }> {
  return pages.flatMap(({ source, articles }) =>
    (truth.pages[source] as PageTruth[]).map((want) => {
      const hits = articles.filter((a) => norm(a.body).includes(norm(want.key)));
      expect(hits, `${source}: ${want.key}`).toHaveLength(1);
      return { source, want, got: hits[0]! };
    }),
  );
}

describe('invented pages of every layout', () => {
  it('covers both layouts and several column widths', () => {
    expect(pages.filter((p) => p.source.includes('-before-')).length).toBeGreaterThanOrEqual(3);
    expect(pages.filter((p) => p.source.includes('-after-')).length).toBeGreaterThanOrEqual(3);
  });

  it('scores at least 0.95 against their truth', () => {
    const { score, misses } = scoreCorpus(truth, pages.flatMap((p) => p.articles));
    expect(score, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('finds no article the truth does not list', () => {
    for (const { source, articles } of pages) expect(articles.length, source).toBe(truth.pages[source]!.length);
  });

  it('reads kicker, main line and deck as three fields', () => {
    for (const { source, want, got } of pairs()) {
      const where = `${source}: ${want.key}`;
      if (want.title) expect(got.title, where).toBe(want.title);
      expect(got.kicker ?? null, where).toBe(want.kicker);
      expect(norm(got.subtitle), where).toBe(norm(want.subtitle));
    }
  });

  it('dates each article from its dateline or the publication day, and leaves 近日 undated', () => {
    for (const { source, want, got } of pairs()) expect(got.date, `${source}: ${want.key}`).toBe(want.date);
  });

  it('credits photographers apart from reporters, and marks titles the page does not print', () => {
    for (const { source, want, got } of pairs()) {
      expect(got.photographers ?? [], `${source}: ${want.key}`).toEqual(want.photographers);
      expect(got.titleSource, `${source}: ${want.key}`).toBe(want.title ? 'printed' : 'derived');
    }
  });
});
