// jieba loads a one-line stand-in for its keyword extractor's idf table: cutting, tagging and stop words must be as with its full tables.
import { describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import jieba from 'nodejieba';
import { LEAN_TABLE, segment } from '../../src/search/tokenize.ts';

const seeds = new URL('../../seeds/', import.meta.url);
const page = readFileSync(new URL(readdirSync(seeds).find((f) => f.endsWith('.txt'))!, seeds), 'utf8').slice(0, 3000);

describe('jieba with lean keyword tables', () => {
  it('points jieba at the one-line table shipped in the repository', () => {
    const files = jieba as unknown as { DEFAULT_IDF_DICT: string; DEFAULT_STOP_WORD_DICT: string };
    expect(files.DEFAULT_IDF_DICT).toBe(LEAN_TABLE);
    expect(files.DEFAULT_STOP_WORD_DICT).toMatch(/stop_words\.utf8$/);
    expect(readFileSync(LEAN_TABLE, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('cuts and tags a page exactly as jieba with its full tables does', () => {
    const mine = { search: jieba.cutForSearch(page, false), cut: jieba.cut(page, false), tag: jieba.tag(page) };
    // A fresh process with nodejieba's own defaults (the 6 MB idf list and the stop list).
    const script = `const j = require(${JSON.stringify(createRequire(import.meta.url).resolve('nodejieba'))}); const t = require('fs').readFileSync(0, 'utf8');
      process.stdout.write(JSON.stringify({ search: j.cutForSearch(t, false), cut: j.cut(t, false), tag: j.tag(t) }));`;
    const full = JSON.parse(execFileSync(process.execPath, ['-e', script], { input: page, maxBuffer: 64 << 20 }).toString()) as typeof mine;
    expect(mine.search.length).toBeGreaterThan(100);
    expect(mine).toEqual(full);
  });

  it('still drops the words of jieba stop list from search terms', () => {
    expect(segment('我们已经完成了改造')).not.toContain('我们');
    expect(segment('我们已经完成了改造')).toContain('改造');
  });

  it('reads jieba’s own stop list even when the module is evaluated again in the same process (nodejieba is loaded once)', async () => {
    vi.resetModules();
    const again = (await import('../../src/search/tokenize.ts')) as typeof import('../../src/search/tokenize.ts');
    expect(again.segment('我们已经完成了改造')).toEqual(segment('我们已经完成了改造'));
    expect(again.segment('我们已经完成了改造')).not.toContain('我们');
  });

  it('still answers a keyword extraction instead of crashing', () => {
    expect(Array.isArray(jieba.extract(page, 3))).toBe(true);
  });
});
