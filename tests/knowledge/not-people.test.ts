import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/corpus/parse.ts';
import { buildKnowledge } from '../../src/knowledge/state.ts';
import { realisticArchive } from '../../bench/realistic.ts';

/** A page in the seeds' raw style: hard-wrapped column, a byline, officials and common words printed after bare posts. */
const PAGE = ` 本报讯（记者郭树勋） 5月
12 日上午，示范区召开安全
生产工作推进会。党工委书记吕
沛主持会议并讲话，党工委副书
记、管委会主任宫卫红出席会议。
区应急管理局局长金星主持召开
专题会议。区领导刘春明、冯利
民参加会议。

会上，区长强调，要压实责任。
书记全面部署了下一步工作，主
任关心群众冷暖，副主任指出，
要把安全生产放在首位。代主任
冯屯社区走访，局长全部到会，
经理来不及细说。区财政局局长
秦国强告诉记者，资金已到位。
副区长连续主持召开三次调度会，
检察长时至今日仍在一线，地区领
导平均。各村由专人负责人居环境整
治，社区负责人李明亮逐户走访。
`;

const names = (text: string): string[] => {
  const articles = parsePage({ source: '2023-05-12-a.txt', text, published: '2023-05-12' });
  return buildKnowledge(articles).directory.people.map((p) => p.name).sort();
};

describe('words after a title that are not people', () => {
  it('reads no common word printed after a post as a person (区长强调, 书记全面, 主任关心, 局长全部)', () => {
    const found = names(PAGE);
    for (const word of ['强调', '全面', '关心', '全部', '来不']) expect(found, word).not.toContain(word);
  });

  it('reads no adjective or cut-off word as a person, even before a person\'s verb or after 领导 (连续主持, 时至今日, 地区领导平均, 负责人居环境)', () => {
    const found = names(PAGE);
    for (const word of ['连续', '时至', '平均', '居环境']) expect(found, word).not.toContain(word);
  });

  it('reads no place after a post as a person (代主任冯屯社区)', () => {
    expect(names(PAGE)).not.toContain('冯屯');
  });

  it('still finds the officials, including a name that is also a word when a person\'s verb follows it (金星主持)', () => {
    expect(names(PAGE)).toEqual(expect.arrayContaining(['吕沛', '宫卫红', '金星', '刘春明', '冯利民', '秦国强', '李明亮']));
  });

  it('counts a person named like a common word only where an article prints the word as a name', () => {
    const stars = ` 本报讯（记者郭树勋） 5月
20 日晚，示范区天文爱好者协会
组织会员观测金星，金星凌日吸引
了不少市民。
`;
    const articles = [PAGE, stars].flatMap((text, i) => parsePage({ source: `2023-05-${12 + i}-a.txt`, text, published: `2023-05-${12 + i}` }));
    const star = buildKnowledge(articles).directory.people.find((p) => p.name === '金星');
    expect(star?.articleIds).toEqual([articles[0]!.id]);
  });

  it('finds only the cast on a generated archive whose text draws words from the dictionary after posts', () => {
    const archive = realisticArchive(600, 3);
    const cast = new Set(archive.cast.map((p) => p.name));
    const people = buildKnowledge(archive.pages.flatMap((p) => parsePage(p))).directory.people;
    const junk = people.filter((p) => !cast.has(p.name));
    expect(people.length).toBeGreaterThan(100);
    expect(junk.length / people.length).toBeLessThan(0.03);
  });
});
