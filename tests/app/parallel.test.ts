// A cold start parses a folder on a worker and the main thread at once: the corpus must be loadCorpus's, bad pages and all.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { loadCorpusInParallel } from '../../src/app/parse-worker.ts';

const root = mkdtempSync(join(tmpdir(), 'jznews-parallel-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder of the seed pages and the fixture pages, plus pages no loader accepts, with the seeds' manifest. */
function mixedFolder(): string {
  const dir = join(root, 'mixed');
  mkdirSync(dir, { recursive: true });
  for (const from of ['seeds', 'tests/fixtures/pages']) for (const f of readdirSync(from)) if (f.endsWith('.txt') || f === 'manifest.json') copyFileSync(join(from, f), join(dir, f));
  copyFileSync('tests/fixtures/2020-11-20-gb18030.txt', join(dir, '2020-11-20-gb18030.txt'));
  writeFileSync(join(dir, '2021-01-01-empty.txt'), '');
  writeFileSync(join(dir, '2021-01-02-binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 7, 8]));
  writeFileSync(join(dir, 'undated-no-news.txt'), '这一页没有消息。\n');
  return dir;
}

/** Pause the main thread, as jieba's load does, so the worker is up and takes pages meanwhile. */
const busy = (ms: number) => () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('loading a folder on a worker and the main thread', () => {
  it('gives loadCorpus’s pages, articles and warnings, in the same order', () => {
    const dir = mixedFolder();
    const counts = { worker: 0 };
    let ran = false;
    const corpus = loadCorpusInParallel(dir, () => ((ran = true), busy(300)()), 0, counts);
    expect(ran).toBe(true);
    const alone = loadCorpus(dir);
    expect(corpus.warnings.length).toBeGreaterThanOrEqual(3);
    expect(corpus).toEqual(alone);
  });

  it('gives the same corpus when the worker parses every page', () => {
    const counts = { worker: 0 };
    const dir = mixedFolder();
    const corpus = loadCorpusInParallel(dir, () => {}, 0, counts, false);
    expect(counts.worker).toBe(readdirSync(dir).filter((f) => f !== 'manifest.json').length);
    expect(corpus).toEqual(loadCorpus(dir));
  });

  it('parses a small folder on the main thread alone, still running what was to happen meanwhile', () => {
    const counts = { worker: 0 };
    let ran = false;
    expect(loadCorpusInParallel('seeds', () => void (ran = true), 1000, counts)).toEqual(loadCorpus('seeds'));
    expect(ran).toBe(true);
    expect(counts.worker).toBe(0);
  });
});
