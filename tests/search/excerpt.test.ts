// Excerpt windows start and end at a clause, or at least outside a number or a date.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { createLibrary } from '../../src/app/library.ts';
import { excerpt } from '../../src/search/excerpt.ts';

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
