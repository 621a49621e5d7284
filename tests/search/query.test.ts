// Query understanding rules, one by one, and the MiniSearch internals that did-you-mean reads.
import { describe, expect, it } from 'vitest';
import MiniSearch from 'minisearch';
import { readFileSync } from 'node:fs';
import { brokenAt, keptStretches, printedNeighbours, termMap } from '../../src/search/correct.ts';
import { chunks, dateOnly, parseQuery, wordsOf, type QueryContext } from '../../src/search/query.ts';
import { segment } from '../../src/search/tokenize.ts';

const known = new Set(['宫卫红', '杨楼村', '吕沛']);
const ctx: QueryContext = { isNameOrPlace: (w) => known.has(w), aliasOf: (w) => (w === '官卫红' ? '宫卫红' : undefined) };
const read = (q: string) => parseQuery(q, ctx);

describe('query understanding', () => {
  it('turns full-width letters and digits into half-width and lowercases them', () => {
    expect(read('ＰＭ２．５').words).toEqual(['pm2.5']);
  });

  it('keeps a percentage printed with decimals whole', () => {
    expect(chunks('同比下降1.75%，居第一')).toEqual(['同比下降1.75%', '居第一']);
    expect(segment('下降1.75%')).toContain('1.75%');
  });

  it('keeps amounts and counts whole with their unit', () => {
    expect(segment('总投资12.6亿元')).toEqual(expect.arrayContaining(['12.6', '12.6亿元']));
    expect(segment('1200余人参加')).toEqual(expect.arrayContaining(['1200', '1200余人']));
    expect(segment('2021年以来')).toEqual(expect.arrayContaining(['2021', '2021年']));
  });

  it('joins a name typed with a space inside when the joined form is known', () => {
    expect(read('宫 卫红').words).toEqual(['宫卫红']);
    expect(read('宫 卫 红 调研').words).toEqual(['宫卫红', '调研']);
    expect(read('吕沛 杨楼村').words).toEqual(['吕沛', '杨楼村']);
  });

  it('drops question words and keeps what is asked about', () => {
    expect(read('杨楼村灾后重建情况怎么样').words).toEqual(['杨楼村灾后重建情况']);
    expect(read('有关疫苗接种率的报道').words).toEqual(['疫苗接种率']);
    expect(read('城中村改造').words).toEqual(['城中村改造']);
    expect(read('吕沛是谁').words).toEqual(['吕沛']);
    expect(read('示范区有多少家高新技术企业').words).toEqual(['示范区', '高新技术企业']);
    expect(read('阳庙镇发生了什么').words).toEqual(['阳庙镇']);
  });

  it('recognises a meetings question and a person’s role question', () => {
    expect(read('示范区最近开了哪些会')).toMatchObject({ words: ['示范区'], intent: { kind: 'meetings' } });
    expect(read('宫卫红到哪里调研了')).toMatchObject({ words: ['宫卫红'], intent: { kind: 'role', name: '宫卫红', role: '调研' } });
    expect(read('官卫红讲了什么')).toMatchObject({ intent: { kind: 'role', name: '宫卫红', role: '讲话' } });
    expect(read('某某到哪里调研了').intent).toBeNull();
  });

  it('reads the same questions asked other ways: places visited, a speech, meetings chaired, recent meetings', () => {
    expect(read('吕沛调研了哪些地方')).toMatchObject({ words: ['吕沛'], intent: { kind: 'role', role: '调研' } });
    expect(read('吕沛到过哪些地方')).toMatchObject({ words: ['吕沛'], intent: { kind: 'role', role: '调研' } });
    expect(read('吕沛的讲话')).toMatchObject({ words: ['吕沛'], intent: { kind: 'role', role: '讲话' } });
    expect(read('宫卫红主持的会议')).toMatchObject({ words: ['宫卫红'], intent: { kind: 'role', role: '主持' } });
    expect(read('最近的会议')).toMatchObject({ words: [], intent: { kind: 'meetings' } });
    expect(read('宫卫红最近在做什么')).toMatchObject({ words: ['宫卫红'], intent: null });
  });

  it('reads a year and month beside other words as a date filter, in any spelling', () => {
    for (const q of ['2021年11月 疫情防控', '2021-11 疫情防控', '2021年11月份疫情防控', '疫情防控 2021/11']) {
      expect(read(q), q).toMatchObject({ words: ['疫情防控'], date: { prefix: '2021-11' } });
    }
    expect(read('2021年 党代会').date?.prefix).toBe('2021');
  });

  it('searches a date alone, and a count that looks like a year, as printed text', () => {
    expect(read('2021年')).toMatchObject({ words: ['2021年'], date: null });
    expect(read('2000人 培训').date).toBeNull();
  });

  it('reads a month or a year typed alone as a date to list, and nothing else as one', () => {
    expect(dateOnly('2020年2月')?.prefix).toBe('2020-02');
    expect(dateOnly(' 2021-11 ')?.prefix).toBe('2021-11');
    expect(dateOnly('2019年')?.prefix).toBe('2019');
    expect(dateOnly('2021年11月 疫情防控')).toBeNull();
    expect(dateOnly('2000人')).toBeNull();
  });

  it('reads a run typed without spaces as its words, without question or function words', () => {
    expect(wordsOf('老旧小区改造进展')).toEqual(expect.arrayContaining(['老旧', '小区', '改造', '进展']));
    expect(wordsOf('吕沛和杨楼村')).toEqual(['吕沛', '杨楼村']);
    expect(wordsOf('杨楼村')).toEqual(['杨楼村']);
    expect(wordsOf('安全生产例会')).toEqual(['安全', '生产', '例会']);
  });

  it('expands aliases from the data file, the typed form first', () => {
    expect(read('发改委').forms[0]).toEqual(expect.arrayContaining(['发改委', '发展改革委']));
    expect(read('发改委').forms[0]![0]).toBe('发改委');
    expect(read('环保督察').forms[0]).toContain('生态环境保护督察');
    expect(read('新冠').forms[0]).toEqual(expect.arrayContaining(['新冠肺炎', '疫情']));
    expect(read('打疫苗').forms[0]).toContain('接种疫苗');
    expect(read('官卫红').forms[0]).toEqual(['官卫红', '宫卫红']);
  });
});

describe('MiniSearch internals read by did-you-mean', () => {
  it('are those of the pinned version 7.2.0', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.minisearch).toBe('7.2.0');
    const installed = JSON.parse(readFileSync('node_modules/minisearch/package.json', 'utf8')) as { version: string };
    expect(installed.version).toBe('7.2.0');
  });

  it('hold a term map with exact, fuzzy and full listing', () => {
    const mini = new MiniSearch<{ id: string; body: string }>({ fields: ['body'] });
    mini.addAll([{ id: 'a', body: 'yanglou village' }, { id: 'b', body: 'yanglou town' }]);
    const map = termMap(mini);
    expect(map.has('yanglou')).toBe(true);
    expect([...map.keys()].sort()).toEqual(['town', 'village', 'yanglou']);
    const [data, distance] = map.fuzzyGet('yanlou', 1).get('yanglou')!;
    expect(distance).toBe(1);
    expect([...data.values()].flatMap((docs) => [...docs.keys()]).sort()).toEqual([0, 1]);
  });
});

describe('did-you-mean over printed text', () => {
  const texts: Array<[string, string]> = [['a', '示范区第三届诗词大会团体决赛举行'], ['b', '吕沛到恒大项目工地调研'], ['c', '诗词大会在区文化中心举行']];

  it('finds a stretch printed one character away, substituted, added or dropped, with the texts that print it', () => {
    expect(printedNeighbours('诗词大汇', texts).get('诗词大会')).toEqual(['a', 'c']);
    expect(printedNeighbours('恒大项木', texts).has('恒大项目')).toBe(true);
    expect(printedNeighbours('诗词会', texts).get('诗词大会')).toEqual(['a', 'c']);
    expect(printedNeighbours('诗词大大会', texts).has('诗词大会')).toBe(true);
    expect(printedNeighbours('诗词大会', texts).has('诗词大会')).toBe(false);
  });

  it('keeps, in every stretch one character away, all the parts of the word of one way of being off', () => {
    const found: string[] = [];
    for (const word of ['诗词大汇', '恒大项木', '诗词会', '诗词大大会', '团体决塞', '文化中新', '到恒大']) {
      const ways = keptStretches(word);
      for (const form of printedNeighbours(word, texts).keys()) {
        expect(ways.some((parts) => parts.every((p) => form.includes(p))), `${word} → ${form}`).toBe(true);
        found.push(form);
      }
    }
    expect(found.length).toBeGreaterThanOrEqual(6);
  });

  it('reads the same stretches as one global regex of every way of being one character off', () => {
    /** The reference: the ways as regex alternatives, longest first, matched left to right. */
    const byRegex = (word: string, text: string): string[] => {
      const c = [...word];
      const l = (i: number): string => c.slice(0, i).join('');
      const r = (i: number): string => c.slice(i).join('');
      const alts = [...c.slice(1).map((_, k) => `${l(k + 1)}\\p{Script=Han}${r(k + 1)}`), ...c.map((_, i) => `${l(i)}\\p{Script=Han}${r(i + 1)}`), ...(c.length - 1 >= 3 ? c.slice(2).map((_, k) => `${l(k + 1)}${r(k + 2)}`) : [])];
      return [...new Set([...text.matchAll(new RegExp(alts.join('|'), 'gu'))].map((m) => m[0]).filter((m) => m !== word))];
    };
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const alphabet = [...'诗词大会汇项目恒团体决赛一切办法𠀋。 a'];
    let found = 0;
    for (let t = 0; t < 400; t++) {
      const text = Array.from({ length: 40 + rand(60) }, () => alphabet[rand(alphabet.length)]).join('');
      const word = Array.from({ length: 3 + rand(3) }, () => alphabet[rand(17)]).join('');
      const fast = [...printedNeighbours(word, [['x', text]]).keys()];
      expect(fast.sort(), `${word} in ${text}`).toEqual(byRegex(word, text).sort());
      found += fast.length;
    }
    expect(found).toBeGreaterThan(50);
  });

  it('corrects a plain word only where the typed character broke it apart', () => {
    expect(brokenAt('诗词大汇', '诗词大会')).toBe(true);
    expect(brokenAt('足球比赛', '篮球比赛')).toBe(false);
    expect(brokenAt('海底隧道', '海底通道')).toBe(false);
    expect(brokenAt('诗词会', '诗词大会')).toBe(true);
    expect(brokenAt('诗词大大会', '诗词大会')).toBe(true);
  });
});
