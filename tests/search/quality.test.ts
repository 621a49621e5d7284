// Ranking quality of the jieba index against the character-bigram baseline, on the labelled query sets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { createLibrary } from '../../src/app/library.ts';
import { buildBigramIndex } from '../support/bigram.ts';
import { evaluate } from '../support/evaluate.ts';
import type { LabelledQuery, Quality } from '../support/evaluate.ts';

const library = createLibrary(loadCorpus('seeds'));
const bigram = buildBigramIndex(library.articles());
const titleOf = (id: string): string => library.article(id)?.title ?? `(unknown ${id})`;
const jieba = (q: string): string[] => library.search(q).hits.map((h) => h.id);
const read = (file: string): LabelledQuery[] => JSON.parse(readFileSync(file, 'utf8')) as LabelledQuery[];

/** "p@1 0.842  MRR 0.912  (misses: 吕沛 李万街道 → #2, first 吕沛到恒大…)" */
function describeQuality(name: string, q: Quality): string {
  const misses = q.misses.map((m) => `${m.q} → ${m.rank === null ? 'not in top 10' : `#${m.rank}`}, first ${m.first ?? '(nothing)'}`);
  return `${name.padEnd(6)} p@1 ${q.p1.toFixed(3)}  MRR ${q.mrr.toFixed(3)}${misses.length > 0 ? `\n         misses: ${misses.join('\n                 ')}` : ''}`;
}

describe.each([
  { set: 'tests/fixtures/queries.json', name: 'the labelled queries' },
  { set: 'tests/fixtures/queries-hard.json', name: 'the hard queries, where word segmentation matters' },
])('on $name ($set)', ({ set }) => {
  const queries = read(set);
  const ours = evaluate(jieba, queries, titleOf);
  const baseline = evaluate(bigram.search, queries, titleOf);
  console.log(`${set} (${queries.length} queries)\n  ${describeQuality('jieba', ours)}\n  ${describeQuality('bigram', baseline)}`);

  it('has at least ten labelled queries, each naming an article of the seeds', () => {
    expect(queries.length).toBeGreaterThanOrEqual(10);
    for (const { q, expect: title } of queries) {
      expect(library.articles().some((a) => a.title.startsWith(title)), `${q} → ${title}`).toBe(true);
    }
  });

  it('puts the expected article first for every query with the jieba index', () => {
    expect(ours.misses).toEqual([]);
    expect(ours.p1).toBe(1);
  });

  it('is at least as good as the bigram baseline in p@1 and MRR', () => {
    expect(ours.p1).toBeGreaterThanOrEqual(baseline.p1);
    expect(ours.mrr).toBeGreaterThanOrEqual(baseline.mrr);
  });
});
