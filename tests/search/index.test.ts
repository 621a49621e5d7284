// Search on the real seed pages, through the library the bot uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { deckText, type Article } from '../../src/corpus/types.ts';
import { createLibrary } from '../../src/app/library.ts';
import { excerptHtml } from '../../src/bot/format/search.ts';
import type { LabelledQuery } from '../support/evaluate.ts';
import type { Hit } from '../../src/search/index.ts';

const library = createLibrary(loadCorpus('seeds'));
const queries = JSON.parse(readFileSync('tests/fixtures/queries.json', 'utf8')) as LabelledQuery[];

const search = (q: string): Hit[] => library.search(q).hits;
const titles = (q: string): string[] => search(q).map((h) => h.title);
/** Everything an article prints, as the index's `covered` count reads it. */
const printed = (id: string): string => {
  const a = library.article(id)!;
  return `${a.title}${deckText(a)}${a.body}`;
};
/** Ids of the seed articles that print `word`. */
const printing = (word: string): string[] => library.articles().filter((a) => printed(a.id).includes(word)).map((a) => a.id);

describe('every labelled query in tests/fixtures/queries.json', () => {
  it.each(queries)('puts $expect first for $q', ({ q, expect: expected }) => {
    const first = search(q)[0]?.title ?? '(no hits)';
    expect(first.startsWith(expected) ? expected : `${first}  ← came first`, `query “${q}”`).toBe(expected);
  });
});

describe('names, places and campaign terms', () => {
  it('finds a word printed only in a kicker, above the headline', () => {
    const invented = createLibrary(loadCorpus('tests/fixtures/pages'));
    const kicked = invented.articles().filter((a) => a.kicker?.includes('争先进位'));
    expect(kicked.length).toBeGreaterThan(0);
    expect(kicked.every((a) => !`${a.title}${a.body}`.includes('争先进位'))).toBe(true);
    expect(invented.search('争先进位').hits.map((h) => h.id)).toEqual([...new Set(kicked.map((a) => a.id))]);
  });

  it('finds every article naming 吕沛, one about his own visit first', () => {
    expect(search('吕沛').map((h) => h.id).sort()).toEqual(printing('吕沛').sort());
    expect(titles('吕沛')[0]).toMatch(/^吕沛/);
  });

  it('puts the four articles headlined 王家鹏 before those that only mention him', () => {
    expect(titles('王家鹏').slice(0, 4).every((t) => t.startsWith('王家鹏'))).toBe(true);
    expect(search('王家鹏').map((h) => h.id).sort()).toEqual(printing('王家鹏').sort());
  });

  it('finds the one article about 杨楼村 and the one about 阳庙镇', () => {
    expect(titles('杨楼村')).toEqual(['吕沛到杨楼村调研灾后重建土地复耕工作']);
    expect(titles('阳庙镇')).toEqual(['宫卫红调研阳庙镇许官线焦张线大型货物运输车辆通行相关问题']);
  });

  it('finds the campaign 万人助万企 with its two headlined articles first', () => {
    expect(new Set(titles('万人助万企').slice(0, 2))).toEqual(new Set(['示范区召开“万人助万企”活动企业满意度测评会', '省“万人助万企”工作组到示范区指导助企工作']));
    expect(search('万人助万企').map((h) => h.id).sort()).toEqual(printing('万人助万企').sort());
  });

  it('reads “三个一批” the same with or without its quotation marks', () => {
    expect(titles('“三个一批”')[0]).toBe('示范区“三个一批”重点项目集中开工');
    expect(titles('“三个一批”')).toEqual(titles('三个一批'));
  });
});

describe('multi-word queries', () => {
  it('splits at half-width spaces, full-width spaces and punctuation alike', () => {
    const words = ['杨楼村', '灾后重建'];
    for (const q of ['杨楼村 灾后重建', '杨楼村　灾后重建', '杨楼村，灾后重建', '杨楼村、灾后重建！', '  杨楼村\t灾后重建。 ']) {
      expect(library.search(q).words, q).toEqual(words);
      expect(titles(q)[0], q).toBe('吕沛到杨楼村调研灾后重建土地复耕工作');
    }
  });

  it('ranks articles with all the query words before partial matches', () => {
    for (const q of ['吕沛 南李万村', '王家鹏 医务工作者', '吕沛 杨楼村 复耕', '冬季疫情防控 调度会议']) {
      const hits = search(q);
      const words = library.search(q).words;
      expect(hits[0]?.covered, q).toBe(words.length);
      const covered = hits.map((h) => h.covered);
      expect(covered, q).toEqual([...covered].sort((a, b) => b - a));
      // `covered` is what the article really prints.
      for (const h of hits) expect(h.covered, `${q}: ${h.title}`).toBe(words.filter((w) => printed(h.id).includes(w)).length);
    }
  });

  it('shows articles that print none of the words only when nothing prints them', () => {
    // 诗词大会 is cut into 诗词 and 大会; articles with only 大会 must not follow the one that prints 诗词大会.
    expect(titles('诗词大会')).toEqual(['示范区第三届诗词大会团体决赛举行']);
  });
});

describe('misprinted names', () => {
  it('finds 宫卫红’s articles for the misprint 官卫红, one headlined 宫卫红 first', () => {
    const canonical = library.directory().people.find((p) => p.name === '宫卫红')!;
    expect(titles('官卫红')[0]).toMatch(/^宫卫红/);
    expect(search('官卫红').map((h) => h.id).sort()).toEqual([...canonical.articleIds].sort());
  });

  it('finds 万英奎’s articles for the misprint 万葵奎, the page that prints 万葵奎 first', () => {
    const canonical = library.directory().people.find((p) => p.name === '万英奎')!;
    const hits = search('万葵奎');
    expect(printed(hits[0]!.id)).toContain('万葵奎');
    expect(hits.map((h) => h.id).sort()).toEqual([...canonical.articleIds].sort());
  });
});

describe('excerpts', () => {
  it('are at most ~84 characters and bold only forms of the query words (the word, a misprint’s canonical name, an alias)', () => {
    for (const { q } of queries) {
      const { forms } = library.search(q);
      for (const hit of search(q)) {
        expect([...hit.excerpt.text].length, `${q}: ${hit.title}`).toBeLessThanOrEqual(84);
        expect(validateTelegramHtml(excerptHtml(hit.excerpt)).ok).toBe(true);
        for (const [s, e] of hit.excerpt.marks) {
          const marked = hit.excerpt.text.slice(s, e);
          // A word's forms are the word, a misprint's canonical name and the alias table's forms (新冠 → 新冠肺炎).
          const fromQuery = forms.flat().some((f) => f.includes(marked.toLowerCase()));
          expect(fromQuery, `${q}: “${marked}” in ${hit.title}`).toBe(true);
        }
      }
    }
  });

  it('contain a query word when the article’s body prints it', () => {
    for (const q of ['杨楼村', '阳庙镇', '吕沛', '王家鹏', '万人助万企', '暗访', '疫苗接种率', '京油润道', '育苗', '诗词大会']) {
      for (const hit of search(q)) {
        if (!library.article(hit.id)!.body.replace(/\s*\n\s*/g, ' ').includes(q)) continue;
        expect(hit.excerpt.text, `${q}: ${hit.title}`).toContain(q);
        expect(hit.excerpt.marks.map(([s, e]) => hit.excerpt.text.slice(s, e))).toContain(q);
      }
    }
  });

  it('mark something the query searched for in every hit of the labelled queries', () => {
    for (const { q } of queries) {
      for (const hit of search(q)) expect(hit.excerpt.marks.length, `${q}: ${hit.title}`).toBeGreaterThan(0);
    }
  });

  // Known bug in src/search/excerpt.ts: the window is scored by the number of distinct marked strings, and the
  // index marks the query's fragments too (消防 + 宣传 of 消防宣传月, 个一 of 三个一批), so a window of fragments
  // beats one with the whole word: 13 of 249 such hits miss it. Remove `.fails` once whole query words win.
  it('show a whole query word whenever the body prints one (消防宣传月, 官卫红 应急演练, 三个一批 …)', () => {
    for (const { q } of queries) {
      const { words, hits } = library.search(q);
      for (const hit of hits) {
        const body = library.article(hit.id)!.body.replace(/\s*\n\s*/g, ' ');
        const printedWords = words.filter((w) => body.includes(w));
        if (printedWords.length === 0) continue;
        expect(printedWords.some((w) => hit.excerpt.text.includes(w)), `${q}: ${hit.title}`).toBe(true);
      }
    }
  });
});

describe('odd queries', () => {
  it('returns no hits for an empty, blank or punctuation-only query', () => {
    for (const q of ['', '   ', '　', '，。！？', '“”《》……', '!!!', '<>&']) {
      expect(library.search(q).hits, JSON.stringify(q)).toEqual([]);
    }
  });

  it('survives a 10,000-character query quickly', () => {
    const bodies = library.articles().map((a) => a.body).join('');
    for (const q of ['长'.repeat(10_000), bodies.slice(0, 10_000), '杨楼村 '.repeat(2_500)]) {
      const started = Date.now();
      expect(() => library.search(q)).not.toThrow();
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    expect(library.search('杨楼村 '.repeat(2_500)).words).toEqual(['杨楼村']);
  });

  it('treats HTML in a query as text: <b>杨楼村</b> still finds 杨楼村, and nothing echoes a tag', () => {
    const result = library.search('<b>杨楼村</b>');
    expect(result.hits[0]?.title).toBe('吕沛到杨楼村调研灾后重建土地复耕工作');
    for (const hit of result.hits) {
      expect(hit.excerpt.text).not.toMatch(/<\/?b>/);
      expect(validateTelegramHtml(excerptHtml(hit.excerpt)).ok).toBe(true);
    }
    expect(() => library.search('<script>alert("杨楼村")</script>')).not.toThrow();
  });

  it('honours the limit', () => {
    expect(library.search('疫情防控', 3).hits).toHaveLength(3);
    expect(library.search('疫情防控').hits.length).toBeGreaterThan(10);
  });
});

describe('ranking rules on made-up articles', () => {
  const made = (id: string, date: string | null, title: string, body: string): Article => ({
    id, source: 'made.txt', title, titleSource: 'printed', subtitle: null, date, reporters: [], correspondents: [], body, kind: 'news', published: date,
  });

  it('breaks a tie in score by the newer date, whatever the order of the pages', () => {
    const same = (id: string, date: string): Article => made(id, date, '蓝莓采摘节开幕', '游客在园里采摘蓝莓，品尝新鲜水果。');
    const shop = createLibrary({ pages: [], articles: [same('old0000001', '2021-01-01'), same('new0000001', '2022-06-01'), same('mid0000001', '2021-07-01')] });
    const hits = shop.search('蓝莓采摘节').hits;
    expect(hits.map((h) => h.id)).toEqual(['new0000001', 'mid0000001', 'old0000001']);
    expect(new Set(hits.map((h) => h.score)).size).toBe(1);
  });

  it('puts an article with every query word before a higher-scoring one with only some', () => {
    const filler = '今天天气很好，大家一起出门散步。'.repeat(40);
    const shop = createLibrary({
      pages: [],
      articles: [
        made('many000001', '2020-01-01', '蓝莓蓝莓蓝莓', '蓝莓'.repeat(30)),
        made('both000001', '2019-01-01', '水果市场', `${filler}这里有蓝莓，也有草莓。`),
      ],
    });
    const hits = shop.search('蓝莓 草莓').hits;
    expect(hits.map((h) => [h.id, h.covered])).toEqual([['both000001', 2], ['many000001', 1]]);
    expect(hits[1]!.score).toBeGreaterThan(hits[0]!.score);
  });
});
