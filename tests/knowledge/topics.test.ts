import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.ts';
import { TOPICS, buildTopicIndex, classify, findTopic, loadTopics, matchTopic, topicAliases, topicsOf } from '../../src/knowledge/topics.ts';
import { orgAliases } from '../../src/knowledge/organisations.ts';
import { byPhrase, seedArticles } from '../support/knowledgePages.ts';

const made = (title: string, body: string): Article => ({
  id: 'made', source: 'x.txt', title, titleSource: 'printed', subtitle: null, date: '2023-01-01', reporters: [], correspondents: [], body, kind: 'news', published: null,
});
const topicsFor = (title: string, body: string): string[] => classify(made(title, body)).map((c) => c.topic);
const filler = '示范区召开会议，安排部署下步工作，要求各级各部门认真落实。'.repeat(6);

describe('classifying an article', () => {
  it('puts a flood-season article in 防汛减灾, not 灾后重建', () => {
    const t = topicsFor('示范区部署防汛工作', `当前已进入主汛期，要密切关注雨情汛情，备足防汛物资，遇强降雨及时转移群众，确保安全度汛。${filler}`);
    expect(t[0]).toBe('防汛减灾');
    expect(t).not.toContain('灾后重建');
  });

  it('puts a rebuilding article in 灾后重建', () => {
    const t = topicsFor('示范区加快灾后恢复重建', `加快受灾群众房屋恢复重建，抓好灾后重建项目。${filler}`);
    expect(t[0]).toBe('灾后重建');
  });

  it('does not classify an article by a single passing mention', () => {
    const body = `${'示范区重点项目建设进展顺利，多个项目集中开工，总投资不断增加。'.repeat(12)}同时要抓好疫情防控。`;
    expect(topicsFor('示范区重点项目集中开工', body)).toEqual(['项目建设']);
  });

  it('weighs a headline hit far more than the same words in the body', () => {
    expect(topicsFor('示范区召开消防工作会议', filler.repeat(2))).toContain('安全生产');
    expect(topicsFor('示范区召开工作会议', `${filler.repeat(2)}消防`)).not.toContain('安全生产');
  });

  it('gives each article at most three topics, each once', () => {
    for (const a of seedArticles()) {
      const t = classify(a).map((c) => c.topic);
      expect(new Set(t).size).toBe(t.length);
      expect(t.length).toBeLessThanOrEqual(3);
    }
  });
});

describe('the topic index of the seed pages', () => {
  const articles = seedArticles();
  const index = buildTopicIndex(articles);

  it('puts the epidemic articles in 疫情防控 and the poetry contest in 文化教育 only', () => {
    expect(topicsOf(index, byPhrase(articles, '组织收听收看，并随即召开专题会议').id)).toContain('疫情防控');
    expect(topicsOf(index, byPhrase(articles, '诗词大会').id)).not.toContain('疫情防控');
    expect(topicsOf(index, byPhrase(articles, '诗词大会').id)).toContain('文化教育');
  });

  it('lists each topic newest first, counts what it lists, and orders topics by count', () => {
    const date = new Map(articles.map((a) => [a.id, a.date ?? a.published ?? '']));
    for (const t of index.topics) {
      const dates = t.articleIds.map((id) => date.get(id)!);
      expect(dates, t.name).toEqual([...dates].sort().reverse());
      expect(t.count).toBe(t.articleIds.length);
    }
    const counts = index.topics.map((t) => t.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('finds a topic by name, alias or keyword', () => {
    expect(findTopic(index, '新冠')?.name).toBe('疫情防控');
    expect(findTopic(index, '新冠肺炎')?.name).toBe('疫情防控');
    expect(matchTopic('环保')?.name).toBe('生态环保');
    expect(matchTopic('万人助万企')?.name).toBe('营商环境');
    expect(matchTopic('防汛')?.name).toBe('防汛减灾');
    expect(matchTopic('天气')).toBeNull();
    expect(findTopic(index, '天气')).toBeNull();
  });
});

describe('the data files', () => {
  it('give every topic aliases and positive keyword weights, longest keyword first', () => {
    for (const t of TOPICS) {
      expect(t.aliases.length, t.name).toBeGreaterThan(0);
      for (const k of t.keywords) expect(k.weight, `${t.name}/${k.term}`).toBeGreaterThan(0);
      const lengths = t.keywords.map((k) => k.term.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
    }
    expect(topicAliases().find((t) => t.name === '疫情防控')?.aliases).toEqual(expect.arrayContaining(['新冠', '新冠肺炎', '疫情']));
  });

  it('load a taxonomy of any shape the file allows', () => {
    const own = loadTopics({ topics: [{ name: '测试', aliases: ['试'], keywords: { 测试: 3, 试验: 1 } }] });
    expect(own).toEqual([{ name: '测试', aliases: ['试'], keywords: [{ term: '测试', weight: 3 }, { term: '试验', weight: 1 }] }]);
  });

  it('name organisations by their other forms', () => {
    const orgs = orgAliases();
    const of = (n: string) => orgs.find((o) => o.name === n)?.aliases ?? [];
    expect(of('发展改革委')).toContain('发改委');
    expect(of('示范区')).toContain('高新区');
    expect(of('生态环境保护督察')).toContain('环保督察');
  });
});
