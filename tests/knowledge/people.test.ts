import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.ts';
import { buildDirectory, officialNames } from '../../src/knowledge/people.ts';
import { resolvePerson } from '../../src/knowledge/resolve.ts';
import type { Person } from '../../src/knowledge/types.ts';
import { byPhrase, inventedArticles, seedArticles } from '../support/knowledgePages.ts';

const articles = [...seedArticles(), ...inventedArticles()];
const directory = buildDirectory(articles);
const person = (name: string): Person => {
  const p = directory.people.find((x) => x.name === name);
  if (!p) throw new Error(`${name} is not in the directory`);
  return p;
};
const resolve = (q: string) => resolvePerson(directory, q);
const made = (id: string, body: string): Article => ({
  id, source: 'x.txt', title: id, titleSource: 'derived', subtitle: null, date: `2023-01-0${id}`, reporters: ['张记者'],
  correspondents: [], body, kind: 'news', published: null,
});

describe('the directory of everyone printed with a title', () => {
  it('finds city, office, village, company and school people with the title printed before their names', () => {
    expect(person('葛巧红').titles[0]?.title).toBe('市委书记');
    expect(person('孙立平').titles[0]?.title).toBe('市委常委、副市长');
    expect(person('赵文忠').titles[0]?.title).toBe('市人大常委会副主任');
    expect(person('钱丽娟').titles[0]?.title).toBe('市政协副主席');
    expect(person('周建伟').titles[0]?.title).toBe('区财政局局长');
    expect(person('陈光明').titles[0]?.title).toBe('杨楼村党支部书记');
    expect(person('马志刚').titles[0]?.title).toBe('河南科彤科技有限公司董事长');
    expect(person('黄立新').titles[0]?.title).toBe('焦作市第一中学校长');
  });

  it('gives each person the level of the organisation their title names', () => {
    const level = (n: string) => person(n).level;
    expect([level('葛巧红'), level('孙立平'), level('钱丽娟')]).toEqual(['city', 'city', 'city']);
    expect([level('吕沛'), level('赵俊生')]).toEqual(['district', 'district']);
    expect([level('周建伟'), level('许志强'), level('郑国栋')]).toEqual(['office', 'office', 'office']);
    expect([level('刘玉芬'), level('陈光明'), level('马志刚'), level('黄立新')]).toEqual(['township', 'village', 'company', 'school']);
  });

  it('keeps the zone titles of the seed pages, without the zone name before them', () => {
    expect(person('吕沛').titles.map((t) => t.title)).toEqual(['党工委书记']);
    expect(person('吕沛').titles[0]?.first).toBe('2021-09-30');
    expect(person('王家鹏').titles[0]?.forms).toContain('党工委书记、管委会主任');
    for (const name of officialNames(directory)) expect(name).toMatch(/^\p{Script=Han}{2,4}$/u);
  });

  it('folds a short form (管委主任) into the full title, so it is never shown as a change of post', () => {
    const titles = person('宫卫红').titles;
    expect(titles).toHaveLength(1);
    expect(titles[0]).toMatchObject({ title: '党工委副书记、管委会主任', first: '2021-09-25' });
    expect(titles[0]?.forms).toContain('管委会主任');
    expect(titles[0]?.last! >= '2023-03-01').toBe(true);
  });

  it('shows a new post as a change, with the dates each was printed', () => {
    const dir = buildDirectory([
      made('1', '区财政局副局长李建华主持会议。'),
      made('2', '区财政局副局长李建华出席会议。'),
      made('3', '区财政局局长李建华出席会议并讲话。'),
    ]);
    expect(dir.people[0]?.titles.map((t) => [t.title, t.first, t.last])).toEqual([
      ['区财政局局长', '2023-01-03', '2023-01-03'],
      ['区财政局副局长', '2023-01-01', '2023-01-02'],
    ]);
  });

  it('merges misprints one character off that share a title and colleagues, and keeps neighbours listed side by side apart', () => {
    expect(person('宫卫红').variants).toEqual(['官卫红', '管卫红']);
    expect(person('万英奎').variants).toEqual(['万葵奎']);
    expect(person('周建伟').variants).toEqual(['周健伟']);
    expect(resolve('周健伟')).toMatchObject({ kind: 'variant', person: { name: '周建伟' } });
    expect(person('赵俊峰').variants).toEqual([]);
    expect(person('赵俊生').variants).toEqual([]);
  });

  it('reads roles from the sentence around each name', () => {
    const roles = (name: string, phrase: string): string[] => person(name).appearances.find((a) => a.articleId === byPhrase(articles, phrase).id)?.roles ?? [];
    expect(roles('葛巧红', '葛巧红带队到示范区调研')).toEqual(expect.arrayContaining(['带队', '调研']));
    expect(roles('孙立平', '葛巧红带队到示范区调研')).toEqual(['陪同']);
    expect(roles('赵文忠', '葛巧红带队到示范区调研')).toEqual(['陪同']);
    expect(roles('孙立平', '孙立平出席并点评')).toEqual(expect.arrayContaining(['出席', '点评']));
    expect(roles('宫卫红', '与河南科彤科技有限公司董事长马志刚签约')).toEqual(['签约']);
    expect(roles('马志刚', '与河南科彤科技有限公司董事长马志刚签约')).toEqual(['签约']);
    expect(roles('宫卫红', '优化营商环境企业家恳谈会')).toEqual(['主持', '讲话']);
    expect(roles('宫卫红', '安全稳定工作会议以视频形式召开')).toEqual(['主持', '讲话']);
    expect(roles('吕沛', '安全稳定工作会议以视频形式召开')).toEqual(['讲话', '出席']);
  });

  it('lists people by article count and names the people most often beside someone', () => {
    const counts = directory.people.map((p) => p.articleIds.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const mates = person('王家鹏').companions.map((c) => c.name);
    expect(mates.slice(0, 3)).toEqual(expect.arrayContaining(['万英奎', '赵俊生']));
    expect(person('周建伟').companions[0]?.name).toMatch(/宫卫红|郑国栋/u);
  });

  it('never lists a reporter, correspondent or photographer', () => {
    const press = ['郭树勋', '付凯明', '朱晓琳', '刘金元', '翟鹏程', '赵耀东', '李亚芬', '孙明军', '张明远', '李晓燕', '刘思源', '王小平'];
    const names = officialNames(directory);
    for (const name of press) expect(names).not.toContain(name);
  });

  it('keeps two deputies with two-character names one character apart, but folds a misprinted office head', () => {
    const dir = buildDirectory([
      made('1', '管委会副主任张伟主持会议。区领导李大明出席。'),
      made('2', '管委会副主任张伟出席会议。区领导李大明出席。'),
      made('3', '管委会副主任张炜出席会议。区领导李大明出席。'),
      made('4', '区财政局局长王芳主持会议。区领导李大明出席。'),
      made('5', '区财政局局长王芳出席会议。区领导李大明出席。'),
      made('6', '区财政局局长王方出席会议。区领导李大明出席。'),
    ]);
    expect(resolvePerson(dir, '张炜')).toMatchObject({ kind: 'exact', person: { name: '张炜' } });
    expect(resolvePerson(dir, '王方')).toMatchObject({ kind: 'variant', person: { name: '王芳' } });
  });

  it('merges a misprint seen once beside the same list, not a different person', () => {
    const list = '区领导李大明、陈小华、周建国参加会议。';
    const dir = buildDirectory([
      made('1', `党工委书记孙立新主持会议。${list}`),
      made('2', `党工委书记孙立新出席会议。${list}`),
      made('3', `党工委书记孙立心出席会议并讲话。${list}`),
      made('4', '党工委书记孙立新调研。区领导李大明、陈小华、周建国、周建军参加调研。'),
    ]);
    expect(resolvePerson(dir, '孙立心')).toMatchObject({ kind: 'variant', person: { name: '孙立新' } });
    expect(resolvePerson(dir, '周建军')).toMatchObject({ kind: 'exact', person: { name: '周建军' } });
    expect(officialNames(dir)).not.toContain('张记者');
  });
});

describe('companions counted by person', () => {
  it('counts an article that prints a name and its misprint once, under the person', () => {
    const held = '区财政局局长李建华主持会议，区教育局局长王志强出席会议。';
    const dir = buildDirectory([
      ...['1', '2', '3', '4', '5'].map((id) => made(id, held)),
      made('6', '区财政局局长李建化主持会议，区教育局局长王志强出席会议。李建华强调，要抓好落实。'),
    ]);
    const of = (name: string) => dir.people.find((p) => p.name === name)!;
    expect(resolvePerson(dir, '李建化')).toMatchObject({ kind: 'variant', person: { name: '李建华' } });
    expect(of('李建华').companions).toEqual([{ name: '王志强', count: 6 }]);
    expect(of('王志强').companions).toEqual([{ name: '李建华', count: 6 }]);
  });
});

describe('officials beyond the zone, on the invented pages', () => {
  it('gives each the level of their tier: a county, a city organ, a bare 市长, a village, a school, a bank, a province', () => {
    const level = (n: string) => person(n).level;
    expect([level('李亚'), level('贾建国'), level('贺春燕')]).toEqual(['city', 'city', 'city']);
    expect([level('张宏伟'), level('冯利民')]).toEqual(['district', 'district']);
    expect([level('杨帆'), level('范红梅')]).toEqual(['office', 'office']);
    expect([level('王振华'), level('杜明亮'), level('贾德胜')]).toEqual(['township', 'township', 'village']);
    expect([level('郭晓峰'), level('韩冰')]).toEqual(['school', 'company']);
    expect([level('魏金春'), level('宋玉星')]).toEqual(['province', 'province']);
  });

  it('finds provincial inspectors printed with a rank (二级巡视员, 二级调研员) on a seed page', () => {
    expect(person('魏金春').titles[0]?.title).toMatch(/省生态环境厅二级巡视员$/u);
    expect(person('宋玉星').titles[0]?.title).toBe('省商务厅市场秩序处二级调研员');
  });

  it('folds a bare post after a party cell and a shortened bureau name into the full title', () => {
    const yang = person('杨帆').titles;
    expect(yang).toHaveLength(1);
    expect(yang[0]).toMatchObject({ title: '区住建局党组书记、局长', first: '2021-11-18', last: '2024-05-09' });
    expect(yang[0]?.forms).toEqual(expect.arrayContaining(['区住建局局长', '区住建局长']));
    expect(person('李亚').titles).toEqual([{ title: '市委副书记、市长', first: '2021-11-18', last: '2024-05-10', forms: ['市长'] }]);
  });

  it('shows a township head who became its party secretary as a change of post', () => {
    expect(person('王振华').titles.map((t) => [t.title, t.first, t.last])).toEqual([
      ['阳庙镇党委书记', '2024-05-09', '2024-05-09'],
      ['阳庙镇党委副书记、镇长', '2021-11-19', '2021-11-19'],
    ]);
  });

  it('folds a misprint of a bureau head that shares the bureau title and a colleague', () => {
    expect(person('杨帆').variants).toEqual(['杨凡']);
    expect(resolve('杨凡')).toMatchObject({ kind: 'variant', person: { name: '杨帆' } });
  });

  it('reads who chaired, spoke, signed and only attended from the sentences', () => {
    const roles = (name: string, phrase: string): string[] => person(name).appearances.find((a) => a.articleId === byPhrase(articles, phrase).id)?.roles ?? [];
    const signing = '战略合作签约仪式举行';
    expect(roles('吕沛', signing)).toEqual(['签约']);
    expect(roles('郭晓峰', signing)).toEqual(['签约']);
    expect(roles('韩冰', signing)).toEqual(['讲话', '出席']);
    expect(roles('冯利民', '城中村改造工作推进会')).toEqual(['主持']);
    expect(roles('王振华', '城中村改造工作推进会')).toEqual(['讲话']);
    expect(roles('杜明亮', '城中村改造工作推进会')).toEqual(['讲话']);
    expect(roles('范红梅', '寨卜昌村召开')).toEqual(['点评']);
    expect(roles('张宏伟', '修武县委书记张宏伟带队')).toEqual(expect.arrayContaining(['带队', '调研']));
    expect(roles('贾建国', '市长李亚带队到示范区调研')).toEqual(['陪同']);
  });

  it('never lists the reporters, correspondents and photographers of the invented pages', () => {
    for (const name of ['赵思远', '王丽', '孙海洋', '钱文静']) expect(officialNames(directory)).not.toContain(name);
  });
});

describe('harder sentences, on the invented pages', () => {
  const roles = (name: string, phrase: string): string[] => person(name).appearances.find((a) => a.articleId === byPhrase(articles, phrase).id)?.roles ?? [];

  it('reads a name followed by an unlisted verb when the article prints it elsewhere as a whole name', () => {
    expect(person('郑大勇').titles[0]?.title).toBe('党工委委员、管委会副主任');
    expect(roles('郑大勇', '实地察看了三个项目')).toEqual(expect.arrayContaining(['讲话', '调研']));
  });

  it('gives the escorted leader the visit and the escort 陪同 (甲在乙的陪同下调研)', () => {
    expect(roles('葛巧红', '在示范区（高新区）党工委书记吕沛的陪同下')).toEqual(['讲话', '调研']);
    expect(roles('吕沛', '在示范区（高新区）党工委书记吕沛的陪同下')).toEqual(['陪同']);
  });

  it('does not pass one person\'s verb to the people listed before the next person', () => {
    expect(roles('王海涛', '村党组织书记述职评议会')).toEqual(['讲话']);
    expect(roles('贾德胜', '村党组织书记述职评议会')).toEqual(['讲话']);
    expect(roles('刘芳', '村党组织书记述职评议会')).toEqual(['点评']);
  });

  it('places a 驻村第一书记 in the village and a 人大工委 head in the district', () => {
    expect(person('王海涛')).toMatchObject({ level: 'village', titles: [{ title: '驻杨楼村第一书记' }] });
    expect(person('刘芳')).toMatchObject({ level: 'district', titles: [{ title: '区人大工委主任' }] });
  });

  it('never dates a former post (原党工委书记) as printed now', () => {
    expect(person('王家鹏').titles.every((t) => (t.last ?? '') <= '2020-12-31')).toBe(true);
    expect(person('王家鹏').articleIds).toContain(byPhrase(articles, '原党工委书记王家鹏').id);
  });

  it('folds a misprinted city leader seen once into the leader with the same title and colleague', () => {
    expect(person('孙立平').variants).toEqual(['孙力平']);
    expect(person('孙立平').titles[0]?.first).toBe('2022-09-13');
  });
});
