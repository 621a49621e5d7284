import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../src/corpus/load.ts';
import { parsePage } from '../../src/corpus/parse.ts';
import { readTruth, scoreCorpus } from '../support/score.ts';

const truth = readTruth('tests/fixtures/truth/seeds.json');

const manifest = readManifest('seeds');
const visible = ['000_1ae64c17c2bdf7f5.txt', '001_dbe6c57b7aa7e098.txt', '003_8d85c9949e2b6f1c.txt'];

/** Re-wraps every block of a page into lines of `width` characters, keeping the blank lines. */
function rewrap(text: string, width: number): string {
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      const chars = [...block.replace(/\n/g, '')];
      const lines: string[] = [];
      for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(''));
      return lines.join('\n');
    })
    .join('\n\n');
}

describe('pages re-wrapped into other column widths', () => {
  for (const width of [9, 10, 11, 12, 13, 14, 15, 16, 21, 34, 1000]) {
    it(`still scores at least 0.98 at ${width} characters a line`, () => {
      const articles = visible.flatMap((source) =>
        parsePage({ source, text: rewrap(readFileSync(`seeds/${source}`, 'utf8'), width), published: manifest[source]!.published! }),
      );
      const { score, misses } = scoreCorpus(truth, articles);
      expect(score, misses.join('\n')).toBeGreaterThanOrEqual(0.98);
    });
  }
});
