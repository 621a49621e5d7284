import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.ts';
import type { Article } from '../src/corpus/types.ts';
import { TOPICS, buildTopicIndex, classify, matchTopic } from '../src/knowledge/topics.ts';

const articles = loadCorpus('seeds').articles;
const index = buildTopicIndex(articles);
const article = (id: string): Article => {
  const a = articles.find((x) => x.id === id);
  if (!a) throw new Error(`no article ${id}`);
  return a;
};
const made = (title: string, body: string): Article => ({
  id: 'made', source: 'x.txt', title, titleSource: 'printed', subtitle: null, date: '2023-01-01', reporters: [], correspondents: [], body, kind: 'news', published: null,
});

/** Every seed article that is plainly about epidemic control (read by hand). */
const EPIDEMIC = [
  'ceb105157b', '0eb81e6ed9', 'e1e0e7cf89', '3bdd352a8e', '71a7d00f90', 'b7d5b9a6b9', '81da2c8f23', '6262586d06',
  '9a66620283', '5e87b62ed5', '81a9fc8f69', '2204a76686', 'fa93ec835e', 'e14ccd8a5a', 'eeb8319461', 'e444c06060',
  '78537e26b4', 'd993042e3c',
];

describe('the topic taxonomy on the seed pages', () => {
  it('puts every article plainly about epidemic control in 疫情防控', () => {
    for (const id of EPIDEMIC) expect(index.topicsOf(id), id).toContain('疫情防控');
  });

  it('puts the 诗词大会 article (page 004) in no epidemic topic, but in 文化教育', () => {
    expect(index.topicsOf('da2d3f7202')).toEqual(['文化教育']);
  });

  it('gives every main topic some articles', () => {
    const count = (name: string): number => index.topics.find((t) => t.name === name)?.count ?? 0;
    expect(Object.fromEntries(index.topics.map((t) => [t.name, t.count]))).toEqual({
      疫情防控: 20, 项目建设: 8, 安全生产: 7, 党建与学习: 7, 科技创新: 6, 复工复产: 5, 乡村振兴: 4, 城市建设: 4,
      营商环境: 3, 卫生健康: 3, 信访稳定: 3, 生态环保: 2, 灾后重建: 1, 文化教育: 1, 就业民生: 1,
    });
    for (const name of ['疫情防控', '安全生产', '生态环保', '项目建设', '营商环境', '灾后重建', '党建与学习', '乡村振兴', '科技创新', '卫生健康', '信访稳定']) {
      expect(count(name), name).toBeGreaterThan(0);
    }
  });

  it('lists each topic newest first and classifies every seed article somewhere', () => {
    const dates = (index.find('疫情防控')?.articleIds ?? []).map((id) => article(id).date ?? article(id).published ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    for (const a of articles) expect(index.topicsOf(a.id).length, a.title).toBeGreaterThan(0);
  });

  it('does not classify an article by a single passing mention', () => {
    const body = `${'示范区重点项目建设进展顺利，多个项目集中开工，总投资不断增加。'.repeat(12)}同时要抓好疫情防控。`;
    expect(classify(made('示范区重点项目集中开工', body)).map((c) => c.topic)).toEqual(['项目建设']);
    // Real pages: the 党代会 briefing mentions epidemic control three times in passing; the relocation visit once.
    expect(index.topicsOf('6b6f264cbe')).not.toContain('疫情防控');
    expect(index.topicsOf('75c9172e77')).not.toContain('疫情防控');
  });

  it('weighs a headline hit far more than the same words in the body', () => {
    const filler = '示范区召开会议，安排部署下步工作，要求各级各部门认真落实。'.repeat(10);
    expect(classify(made('示范区召开消防工作会议', filler)).map((c) => c.topic)).toContain('安全生产');
    expect(classify(made('示范区召开工作会议', `${filler}消防`)).map((c) => c.topic)).not.toContain('安全生产');
  });

  it('resolves a user word to a topic', () => {
    expect(matchTopic('疫情')?.name).toBe('疫情防控');
    expect(matchTopic('环保')?.name).toBe('生态环保');
    expect(matchTopic('污染防治')?.name).toBe('生态环保');
    expect(matchTopic('万人助万企')?.name).toBe('营商环境');
    expect(matchTopic('人居环境')?.name).toBe('乡村振兴');
    expect(matchTopic('征迁')?.name).toBe('城市建设');
    expect(matchTopic('天气')).toBeNull();
    expect(index.find('疫情')?.count).toBe(20);
    expect(index.find('天气')).toBeNull();
  });

  it('has names, aliases and weighted terms for every topic', () => {
    for (const t of TOPICS) {
      expect(t.aliases.length, t.name).toBeGreaterThan(0);
      for (const term of t.terms) expect(term.weight, `${t.name}/${term.term}`).toBeGreaterThan(0);
    }
  });
});
