// A cold build cuts the archive's texts on two threads: the worker's terms must be exactly this thread's.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { segmentAll } from '../../src/search/segment-worker.ts';
import { addWords, segment } from '../../src/search/tokenize.ts';

const seeds = new URL('../../seeds/', import.meta.url);
const lines = readdirSync(seeds)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(new URL(f, seeds), 'utf8').split(/\n\s*\n/))
  .filter((t) => t.trim() !== '');

describe('segmentAll', () => {
  it('cuts every text on the worker exactly as segment does here, with the words this thread was given', () => {
    addWords(['京油润道', '龙翔街道']);
    const texts = [...lines, '京油润道公司在龙翔街道开业，投资1.75亿元', '', 'PM2.5下降12%'];
    const counts = { worker: 0 };
    const cut = segmentAll(texts, 0, counts, false);
    expect(counts.worker).toBe(texts.length);
    expect(cut).toEqual(texts.map(segment));
    expect(cut.at(-3)).toContain('京油润道');
  });

  it('shares the texts between both threads and keeps their order', () => {
    const texts = Array.from({ length: 6 }, () => lines).flat();
    const cut = segmentAll(texts, 0);
    expect(cut).toHaveLength(texts.length);
    expect(cut).toEqual(texts.map(segment));
  });

  it('cuts a small archive on this thread alone', () => {
    const counts = { worker: 0 };
    expect(segmentAll(lines.slice(0, 5), 1_000_000, counts)).toEqual(lines.slice(0, 5).map(segment));
    expect(counts.worker).toBe(0);
  });
});
