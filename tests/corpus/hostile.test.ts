// Pages of any shape up to the 2 MB limit parse in one pass: the result keeps the text and stays sane (timing is in bench/parse.ts).
import { describe, expect, it } from 'vitest';
import { hostilePages } from '../../bench/hostile.ts';
import { parsePage } from '../../src/corpus/parse.ts';

const pages = hostilePages();
const parse = (name: string) => parsePage({ source: 'hostile.txt', text: pages[name]!, published: '2021-11-09' });
const letters = (text: string): string => text.replace(/[\s\n]/g, '');

describe('pages of hostile shapes near the size limit', () => {
  it('reads a page of a million one-character lines as one paragraph of their text', () => {
    const articles = parse('one-character lines (ASCII)');
    expect(articles).toHaveLength(1);
    expect(letters(articles[0]!.body)).toBe(letters(pages['one-character lines (ASCII)']!));
    expect(articles[0]!.body.split('\n')).toHaveLength(1);
  });

  it('keeps every character of a page written on one 2 MB line', () => {
    const [article] = parse('one line');
    expect(article!.body).toBe(pages['one line']);
    expect([...article!.title].length).toBeLessThanOrEqual(31);
  });

  it('joins a hundred thousand short lines and still derives a short title', () => {
    const [article] = parse('short lines');
    expect(letters(article!.body)).toBe(letters(pages['short lines']!));
    expect(article!.titleSource).toBe('derived');
  });

  it('gives every other shape articles whose bodies come from the page', () => {
    for (const [name, text] of Object.entries(hostilePages(200_000))) {
      const source = letters(text);
      for (const a of parsePage({ source: 'hostile.txt', text, published: '2021-11-09' })) {
        expect(a.body.length, name).toBeGreaterThan(0);
        expect(source.includes(letters(a.body).slice(0, 200)), name).toBe(true);
      }
    }
  });
});
