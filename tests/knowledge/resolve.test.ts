import { describe, expect, it } from 'vitest';
import { buildDirectory } from '../../src/knowledge/people.ts';
import { levelWord, peopleAtLevel, resolvePerson } from '../../src/knowledge/resolve.ts';
import { inventedArticles, seedArticles } from '../support/knowledgePages.ts';

const directory = buildDirectory([...seedArticles(), ...inventedArticles()]);
const resolve = (q: string) => resolvePerson(directory, q);

describe('answering /who', () => {
  it('finds a city official named with a title on a seed page', () => {
    expect(resolve('葛巧红')).toMatchObject({ kind: 'exact', person: { name: '葛巧红', level: 'city' } });
    expect(resolve('市委书记葛巧红')).toMatchObject({ kind: 'partial', person: { name: '葛巧红' } });
  });

  it('finds people from a misprint, part of a name, or surname and title', () => {
    expect(resolve('官卫红')).toMatchObject({ kind: 'variant', person: { name: '宫卫红' } });
    expect(resolve('卫红')).toMatchObject({ kind: 'partial', person: { name: '宫卫红' } });
    expect(resolve('宫主任')).toMatchObject({ kind: 'partial', person: { name: '宫卫红' } });
    expect(resolve('吕书记')).toMatchObject({ kind: 'partial', person: { name: '吕沛' } });
    expect(resolve('周局长')).toMatchObject({ kind: 'partial', person: { name: '周建伟' } });
  });

  it('lists the holders of a title with the dates each was printed with it, and 书记 without 副书记', () => {
    const r = resolve('书记');
    expect(r.kind).toBe('title');
    if (r.kind !== 'title') return;
    const names = r.holders.map((h) => h.person.name);
    expect(names).toEqual(expect.arrayContaining(['吕沛', '王家鹏', '葛巧红', '陈光明', '刘玉芬']));
    expect(names).not.toContain('宫卫红');
    for (const h of r.holders) expect(h.span.first).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    const vice = resolve('副市长');
    expect(vice.kind === 'title' && vice.holders.map((h) => h.person.name)).toEqual(['孙立平']);
    const deputy = resolve('副书记');
    expect(deputy.kind === 'title' && deputy.holders.map((h) => h.person.name)).toContain('宫卫红');
  });

  it('asks which one is meant when a part of a name fits several people', () => {
    const r = resolve('赵俊');
    expect(r.kind === 'ambiguous' && r.candidates.map((p) => p.name).sort()).toEqual(['赵俊峰', '赵俊生']);
  });

  it('suggests only names one character away, never an unrelated leader', () => {
    const r = resolve('吕佩');
    expect(r.kind === 'none' && r.suggestions.map((p) => p.name)).toEqual(['吕沛']);
    expect(resolve('张三')).toEqual({ kind: 'none', suggestions: [] });
    expect(resolve('李国强')).toEqual({ kind: 'none', suggestions: [] });
  });

  it('never throws on odd input', () => {
    for (const q of ['', ' ', '<b>', '123', 'a'.repeat(500), '副', '长']) expect(() => resolve(q)).not.toThrow();
  });
});

describe('a title asked on the invented pages', () => {
  const holders = (q: string) => {
    const r = resolve(q);
    return r.kind === 'title' ? r.holders.map((h) => [h.person.name, h.span.first, h.span.last]) : [];
  };

  it('lists bureau heads with dates, including a head printed as 党组书记、局长, and no deputy', () => {
    const names = holders('局长').map(([n]) => n);
    expect(names).toEqual(expect.arrayContaining(['杨帆', '周建伟', '许志强', '范红梅', '贺春燕']));
    expect(holders('局长').find(([n]) => n === '杨帆')).toEqual(['杨帆', '2021-11-18', '2024-05-09']);
    expect(holders('住建局局长').map(([n]) => n)).toEqual(['杨帆']);
    expect(holders('财政局长').map(([n]) => n)).toEqual(['周建伟', '贺春燕']);
  });

  it('tells 市长 from 副市长, finds a 镇长 by the post they held before, and reads the short forms 村支书 and 管委主任', () => {
    expect(holders('市长').map(([n]) => n)).toEqual(['李亚']);
    expect(holders('副市长').map(([n]) => n)).toEqual(['孙立平']);
    expect(holders('镇长')).toEqual([['王振华', '2021-11-19', '2021-11-19']]);
    expect(holders('村支书').map(([n]) => n)).toEqual(['陈光明', '贾德胜']);
    expect(holders('管委主任').map(([n]) => n)).toContain('宫卫红');
  });

  it('suggests the bureau head for a name one character off, and nobody for a stranger', () => {
    const r = resolve('杨汎');
    expect(r.kind === 'none' && r.suggestions.map((p) => p.name)).toEqual(['杨帆']);
    expect(resolve('欧阳明')).toEqual({ kind: 'none', suggestions: [] });
  });
});

describe('the people of a level', () => {
  it('filters the invented pages by city, county, village and school', () => {
    const at = (w: string) => peopleAtLevel(directory, levelWord(w)!).map((p) => p.name);
    expect(at('市')).toEqual(expect.arrayContaining(['李亚', '贾建国', '贺春燕', '孙立平']));
    expect(at('市')).not.toContain('杨帆');
    expect(at('县')).toEqual(expect.arrayContaining(['张宏伟', '吕沛']));
    expect(at('村')).toEqual(expect.arrayContaining(['陈光明', '贾德胜']));
    expect(at('学校')).toEqual(expect.arrayContaining(['郭晓峰', '黄立新']));
    expect(at('省')).toEqual(expect.arrayContaining(['魏金春', '宋玉星', '李新清']));
  });

  it('reads level words and filters by them', () => {
    expect(levelWord('市')).toBe('city');
    expect(levelWord('村')).toBe('village');
    expect(levelWord('企业')).toBe('company');
    expect(levelWord('火星')).toBeNull();
    const city = peopleAtLevel(directory, 'city').map((p) => p.name);
    expect(city).toEqual(expect.arrayContaining(['葛巧红', '孙立平', '赵文忠', '钱丽娟']));
    expect(city).not.toContain('吕沛');
    expect(peopleAtLevel(directory, 'district').map((p) => p.name)).toContain('吕沛');
  });
});
