// Excerpt windows start and end at a clause, or at least outside a number or a date.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { createLibrary } from '../../src/app/library.ts';
import { excerpt, joinLines } from '../../src/search/excerpt.ts';

const library = createLibrary(loadCorpus('seeds'));
/** The excerpt's text without the ellipses marking a cut. */
const inner = (text: string): string => text.replace(/^…|…$/gu, '');

describe('excerpt windows', () => {
  it('never open inside a date: 11月4日上午 is not shown as 1月4日上午', () => {
    const body = `${'示范区召开会议，研究部署有关工作安排。'.repeat(2)}会议指出，要抓好落实。11月4日上午，吕沛到文昌街道杨楼村调研灾后重建工作。${'区领导参加调研并提出要求。'.repeat(4)}`;
    const shown = inner(excerpt(body, ['杨楼村']).text);
    expect(body).toContain(shown);
    const at = body.indexOf(shown);
    expect(/\d/u.test(body[at - 1] ?? '') && /[\d月日]/u.test(body[at] ?? '')).toBe(false);
  });

  it('start after a clause end when one is within reach', () => {
    const body = `${'今年以来，示范区持续推进各项工作，'.repeat(3)}全区PM2.5同比下降1.75%，优良天数显著增加，${'污染防治水平进一步提升，'.repeat(5)}`;
    const ex = excerpt(body, ['优良天数']);
    const shown = inner(ex.text);
    const at = body.indexOf(shown);
    expect(at === 0 || /[，。；：！？、]/u.test(body[at - 1]!), shown).toBe(true);
  });

  it('neither start nor end inside a number in any hit of the seed pages', () => {
    for (const q of ['疫情防控', '杨楼村', '吕沛', '2021年', '项目', '企业', '调研']) {
      for (const hit of library.search(q).hits) {
        const body = library.article(hit.id)!.body.replace(/\s*\n\s*/g, ' ');
        const shown = inner(hit.excerpt.text);
        const at = body.indexOf(shown);
        expect(at, `${q}: ${hit.title}`).toBeGreaterThanOrEqual(0);
        const end = at + shown.length;
        expect(at > 0 && /\d/u.test(body[at - 1]!) && /\d/u.test(body[at]!), `${q} starts inside a number: ${shown}`).toBe(false);
        expect(end < body.length && /\d/u.test(body[end - 1]!) && /\d/u.test(body[end]!), `${q} ends inside a number: ${shown}`).toBe(false);
      }
    }
  });

  it('start and end at a clause in nearly every hit of the seed pages, so no word is cut', () => {
    const CLAUSE = /[，。；：！？、,;:!?）)”\s]/u;
    let clean = 0;
    let total = 0;
    for (const q of ['疫情防控', '杨楼村', '吕沛', '项目', '企业', '调研', '王家鹏', '宫卫红']) {
      for (const hit of library.search(q).hits) {
        const body = library.article(hit.id)!.body.replace(/\s*\n\s*/g, ' ');
        const shown = inner(hit.excerpt.text);
        const at = body.indexOf(shown);
        const end = at + shown.length;
        total++;
        if ((at === 0 || CLAUSE.test(body[at - 1]!)) && (end === body.length || CLAUSE.test(body[end - 1]!))) clean++;
      }
    }
    expect(total).toBeGreaterThan(50);
    expect(clean / total).toBeGreaterThanOrEqual(0.95);
  });
});

describe('excerpts read without lowercasing a copy of the text', () => {
  it('join lines exactly as replacing each white-space run that holds a line break with one space', () => {
    const crafted = ['a\nb', ' \n ', '甲　\n　乙', '甲\r\n\r\n乙 丙', '\n\n', '甲 \u00a0\n\t乙\u3000丙', '甲\u2028\n\ufeff乙', 'no break at all', '甲\n'];
    for (const text of [...crafted, ...library.articles().map((a) => a.body)]) expect(joinLines(text), JSON.stringify(text.slice(0, 40))).toBe(text.replace(/\s*\n\s*/g, ' '));
  });

  it('mark the same passage for Han words as when the text is read lowercased', () => {
    // A cased word printed nowhere sends the excerpt down the lowercasing path, and changes nothing else.
    let compared = 0;
    for (const q of ['疫情防控', '杨楼村', '吕沛', '2021年', '项目 企业', '消防宣传月', '王家鹏 调研']) {
      for (const hit of library.search(q).hits) {
        const body = library.article(hit.id)!.body;
        const words = q.split(' ');
        expect(excerpt(body, words, 80, ['消防', '宣传'])).toEqual(excerpt(body, [...words, 'zzzq'], 80, ['消防', '宣传']));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('give a body the excerpt of its joined lines, whether its line breaks stand alone or white space surrounds them', () => {
    let compared = 0;
    for (const q of ['疫情防控', '杨楼村', '吕沛', '项目', '企业']) {
      for (const hit of library.search(q).hits) {
        const body = library.article(hit.id)!.body;
        for (const text of [body, body.replace(/\n/g, ' \n'), body.replace(/\n/g, '\n\u3000\u3000')]) {
          expect(excerpt(text, [q], 60)).toEqual(excerpt(joinLines(text), [q], 60));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('find a Latin word whatever its case, and keep a dotted İ from shifting the marks', () => {
    const ex = excerpt('全区PM2.5同比下降，空气质量改善。', ['pm2.5', '空气']);
    expect(ex.marks.map(([s, e]) => ex.text.slice(s, e))).toEqual(['PM2.5', '空气']);
    const dotted = excerpt('İ示范区建设', ['示范区']);
    expect(dotted).toEqual(excerpt('İ示范区建设', ['示范区', 'zzzq']));
  });
});
