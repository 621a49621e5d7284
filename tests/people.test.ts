import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.ts';
import type { Article } from '../src/corpus/types.ts';
import { buildDirectory, officialNames } from '../src/knowledge/people.ts';
import type { Person } from '../src/knowledge/people.ts';

const articles = loadCorpus('seeds').articles;
const directory = buildDirectory(articles);
const person = (name: string): Person => {
  const p = directory.people.find((x) => x.name === name);
  if (!p) throw new Error(`${name} is not in the directory`);
  return p;
};

describe('the directory of officials built from the seed pages', () => {
  it('knows 吕沛 as 党工委书记 from 2021-09-30 to 2022-01-10, in 14 articles', () => {
    const p = person('吕沛');
    expect(p.titles).toEqual([{ title: '党工委书记', first: '2021-09-30', last: '2022-01-10' }]);
    expect(p.articleIds).toHaveLength(14);
  });

  it('knows 宫卫红 as 党工委副书记、管委会主任 in 2021 and as 管委会主任 (printed 管委主任) in 2022, in 17 articles under three spellings', () => {
    const p = person('宫卫红');
    expect(p.titles).toEqual([
      { title: '管委会主任', first: '2022-01-04', last: '2022-01-10' },
      { title: '党工委副书记、管委会主任', first: '2021-09-25', last: '2021-11-08' },
    ]);
    expect(p.articleIds).toHaveLength(17);
    expect([...p.variants].sort()).toEqual(['官卫红', '管卫红']);
  });

  it('knows 王家鹏 as 党工委书记、管委会主任 in 2020, in 9 articles', () => {
    const p = person('王家鹏');
    expect(p.titles).toEqual([{ title: '党工委书记、管委会主任', first: '2020-02-24', last: '2020-11-10' }]);
    expect(p.articleIds).toHaveLength(9);
  });

  it('gives people seen only in 区领导 lists the title 区领导, and cuts list-ending verbs off the last name', () => {
    expect(person('赵俊生').titles.map((t) => t.title)).toEqual(['区领导']);
    expect(person('赵俊生').articleIds).toHaveLength(22);
    expect(person('王建新').articleIds).toHaveLength(7);
    for (const name of officialNames(directory)) expect(name).toMatch(/^\p{Script=Han}{2,3}$/u);
  });

  it('lists people by article count, most first', () => {
    const counts = directory.people.map((p) => p.articleIds.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(directory.people).toHaveLength(16);
  });

  it('merges the misprints 官卫红 and 管卫红 into 宫卫红, and 万葵奎 into 万英奎', () => {
    expect(directory.resolve('官卫红')).toMatchObject({ kind: 'variant', matched: '官卫红', person: { name: '宫卫红' } });
    expect(directory.resolve('管卫红')).toMatchObject({ kind: 'variant', matched: '管卫红', person: { name: '宫卫红' } });
    expect(directory.resolve('万葵奎')).toMatchObject({ kind: 'variant', matched: '万葵奎', person: { name: '万英奎' } });
    expect(person('万英奎').articleIds).toHaveLength(17);
  });

  it('keeps 赵俊峰 and 赵俊生 apart although they differ in one character, because they are listed side by side', () => {
    expect(person('赵俊峰').variants).toEqual([]);
    expect(person('赵俊生').variants).toEqual([]);
    expect(person('赵俊峰').articleIds).toHaveLength(12);
  });

  it('finds 宫卫红 from 卫红 and from 宫主任, and 吕沛 from 吕书记', () => {
    expect(directory.resolve('卫红')).toMatchObject({ kind: 'partial', person: { name: '宫卫红' } });
    expect(directory.resolve('宫主任')).toMatchObject({ kind: 'partial', person: { name: '宫卫红' } });
    expect(directory.resolve('吕书记')).toMatchObject({ kind: 'partial', person: { name: '吕沛' } });
    expect(directory.resolve('吕沛')).toMatchObject({ kind: 'exact', person: { name: '吕沛' } });
  });

  it('asks which one is meant when a part of a name fits several people', () => {
    const r = directory.resolve('赵俊');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous') expect(r.candidates.map((p) => p.name)).toEqual(['赵俊生', '赵俊峰']);
  });

  it('suggests the closest names for an unknown name', () => {
    const r = directory.resolve('吕佩');
    expect(r.kind).toBe('none');
    if (r.kind === 'none') expect(r.suggestions.map((p) => p.name)).toEqual(['吕沛']);
    expect(directory.resolve('张三')).toEqual({ kind: 'none', suggestions: [] });
  });

  it('never lists a reporter, correspondent or photographer', () => {
    const press = ['郭树勋', '付凯明', '朱晓琳', '万千', '刘金元', '翟鹏程', '赵耀东', '李想', '李亚芬', '孙明军'];
    const names = officialNames(directory);
    for (const name of press) expect(names).not.toContain(name);
  });

  it('counts roles per article: 吕沛 presided 5 times and went on 3 inspection visits', () => {
    const p = person('吕沛');
    expect(p.roles).toEqual({ 主持: 5, 讲话: 11, 出席: 8, 调研: 3 });
    const roles = (id: string): string[] => p.appearances.find((a) => a.articleId === id)?.roles ?? [];
    expect(roles('7edb562a74')).toEqual(['主持', '讲话']);
    expect(roles('a76b7fac00')).toEqual(['讲话', '调研']);
    expect(roles('17582c142a')).toEqual(['出席']);
  });

  it('reads the role from the clause around each name, not from the whole sentence', () => {
    const app = (name: string) => person(name).appearances.find((a) => a.articleId === 'ac6a9ca53f');
    expect(app('吕沛')?.roles).toEqual(['讲话', '出席']);
    expect(app('宫卫红')?.roles).toEqual(['主持', '讲话']);
    expect(person('赵俊生').appearances.find((a) => a.articleId === 'e73bfa2706')?.roles).toEqual(['主持']);
  });

  it('orders appearances newest first and names the people most often beside someone', () => {
    const p = person('王家鹏');
    expect(p.appearances[0]).toMatchObject({ date: '2020-11-10', title: '党工委书记、管委会主任' });
    expect(p.companions.slice(0, 2)).toEqual([{ name: '万英奎', count: 6 }, { name: '赵俊生', count: 6 }]);
  });

  it('works on a made-up page: a misprint seen once beside the same list is merged, a different person is not', () => {
    const page = (id: string, body: string): Article => ({
      id, source: 'x.txt', title: id, titleSource: 'derived', subtitle: null, date: `2023-01-0${id}`, reporters: ['张记者'],
      correspondents: [], body, kind: 'news', published: null,
    });
    const list = '区领导李大明、陈小华、周建国参加会议。';
    const made = buildDirectory([
      page('1', `党工委书记孙立新主持会议。${list}`),
      page('2', `党工委书记孙立新出席会议。${list}`),
      page('3', `党工委书记孙立心出席会议并讲话。${list}`),
      page('4', `党工委书记孙立新调研。区领导李大明、陈小华、周建国、周建军参加调研。`),
    ]);
    expect(made.resolve('孙立心')).toMatchObject({ kind: 'variant', person: { name: '孙立新' } });
    expect(made.resolve('周建军')).toMatchObject({ kind: 'exact', person: { name: '周建军' } });
    expect(officialNames(made)).not.toContain('张记者');
  });
});
