// Body integrity over the seed pages and the invented pages: text a reader can trust.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parsePage } from '../../src/corpus/parse.ts';

const invented = readdirSync('tests/fixtures/pages')
  .filter((f) => f.endsWith('.txt'))
  .flatMap((source) => parsePage({ source, text: readFileSync(`tests/fixtures/pages/${source}`, 'utf8'), published: source.slice(0, 10) }));
const articles = [...loadCorpus('seeds').articles, ...invented];
const SENTENCE_END = /[。！？!?…][”’」』）)》]*$/;

describe('the bodies of every seed and invented article', () => {
  it('reads enough articles to mean something', () => {
    expect(articles.length).toBeGreaterThan(80);
  });

  it('never breaks a paragraph inside a sentence', () => {
    for (const a of articles) {
      const paragraphs = a.body.split('\n');
      paragraphs.slice(0, -1).forEach((p) => expect(p, `${a.source}: ${a.title}`).toMatch(SENTENCE_END));
    }
  });

  it('keeps no letter-spaced line', () => {
    for (const a of articles) expect(a.body, `${a.source}: ${a.title}`).not.toMatch(/\p{Script=Han} \p{Script=Han}/u);
  });

  it('keeps no editor code', () => {
    for (const a of articles) expect(a.body, `${a.source}: ${a.title}`).not.toMatch(/[\u2460-\u2473\u2776-\u277F]/u);
  });

  it('never fuses a headline with its deck or kicker, or prints it into the body', () => {
    for (const a of articles) {
      const where = `${a.source}: ${a.title}`;
      if (a.subtitle) expect(a.title, where).not.toContain(a.subtitle.replace(/\s/g, ''));
      if (a.kicker) expect(a.title, where).not.toContain(a.kicker.replace(/\s/g, ''));
      if (a.titleSource === 'printed') {
        expect(a.title, where).not.toMatch(/[，；。]/);
        expect(a.body.startsWith(a.title), where).toBe(false);
      }
    }
  });

  it('derives titles that are a clean clause: no leading time of day, no cut inside a word', () => {
    for (const a of articles.filter((x) => x.titleSource === 'derived')) {
      expect(a.title, a.source).not.toMatch(/^(?:上午|下午|晚上|昨日|今日|前日|近日|\d+月\d+日)/);
      expect(a.title, a.source).not.toMatch(/[…、，]$/);
      expect(a.body.replace(/\s/g, ''), a.source).toContain(a.title);
    }
  });
});
