import { copyFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePage, loadCorpus, PageError, publicationDate } from '../../src/corpus/load.ts';

function seedDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jznews-seeds-'));
  copyFileSync('seeds/manifest.json', join(dir, 'manifest.json'));
  copyFileSync('seeds/000_1ae64c17c2bdf7f5.txt', join(dir, '000_1ae64c17c2bdf7f5.txt'));
  return dir;
}

describe('loading a folder of pages', () => {
  it('skips each bad page with one clear warning and keeps the good ones', () => {
    const dir = seedDir();
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'blank.txt'), '\n\n   \n');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3, 0, 0]));
    writeFileSync(join(dir, 'no-news.txt'), '扫一扫 关注我们\n\n示范区头条\n');
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0xff, 0xfe, 0xfd, 0x41, 0x42, 0x80, 0x81]));
    writeFileSync(join(dir, 'huge.txt'), '');
    truncateSync(join(dir, 'huge.txt'), 50 * 1024 * 1024);
    const corpus = loadCorpus(dir);
    const bySource = Object.fromEntries(corpus.warnings.map((w) => [w.source, w.message]));
    expect(Object.keys(bySource).sort()).toEqual(['binary.txt', 'blank.txt', 'empty.txt', 'huge.txt', 'latin1.txt', 'no-news.txt']);
    expect(bySource['empty.txt']).toMatch(/empty/);
    expect(bySource['binary.txt']).toMatch(/binary/);
    expect(bySource['huge.txt']).toMatch(/over the/);
    expect(bySource['no-news.txt']).toMatch(/本报讯/);
    expect(corpus.pages.map((p) => p.source)).toEqual(['000_1ae64c17c2bdf7f5.txt']);
    expect(corpus.articles).toHaveLength(11);
  });

  it('decodes a GB18030 page, warns once, and dates it by its file name', () => {
    const dir = seedDir();
    copyFileSync('tests/fixtures/2020-11-20-gb18030.txt', join(dir, '2020-11-20-gb18030.txt'));
    const corpus = loadCorpus(dir);
    expect(corpus.warnings).toEqual([{ source: '2020-11-20-gb18030.txt', message: expect.stringMatching(/GB18030/) }]);
    const page = corpus.pages.find((p) => p.source === '2020-11-20-gb18030.txt')!;
    expect(page.published).toBe('2020-11-20');
    expect(page.articles[0]!.title).toBe('示范区召开党工委（扩大）会议暨中心组学习会议');
    expect(page.articles[0]!.date).toBe('2020-11-10');
  });

  it('does not index the same article twice when a page is sent again under another name', () => {
    const dir = seedDir();
    writeFileSync(join(dir, '2021-11-09-again.txt'), readFileSync('seeds/000_1ae64c17c2bdf7f5.txt'));
    const corpus = loadCorpus(dir);
    expect(corpus.pages).toHaveLength(2);
    expect(corpus.articles).toHaveLength(11);
  });

  it('says how to fix a missing pages folder', () => {
    expect(() => loadCorpus('no-such-folder')).toThrow(/set SEEDS_DIR to the folder of \*\.txt pages/);
  });

  it('throws a PageError naming the file for an empty buffer', () => {
    expect(() => decodePage('x.txt', Buffer.alloc(0))).toThrow(PageError);
  });

  it('prefers the manifest date and falls back to the file name', () => {
    expect(publicationDate('a.txt', { 'a.txt': { published: '2021-01-02' } })).toBe('2021-01-02');
    expect(publicationDate('2020-05-06-page.txt', {})).toBe('2020-05-06');
    expect(publicationDate('page.txt', {})).toBeNull();
  });
});
