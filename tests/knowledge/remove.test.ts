import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parsePage } from '../../src/corpus/parse.ts';
import type { Article } from '../../src/corpus/types.ts';
import { resolvePerson } from '../../src/knowledge/resolve.ts';
import { addArticles, buildKnowledge, removeArticles } from '../../src/knowledge/state.ts';
import type { KnowledgeState } from '../../src/knowledge/types.ts';
import { inventedArticles } from '../support/knowledgePages.ts';

/** A page in the paper's raw style: a new reporter, a misprint of 宫卫红 beside her colleague, a new official, a meeting on safety. */
const PAGE = `示范区召开安全生产工作会议

本报讯（记者韩雪松 通讯员杜文博）5月20日
上午，示范区召开安全生产工作会议。管委
会主任官卫红主持会议并讲话，区财政局局
长周建伟、区应急管理局局长覃立山参加会
议。

会议要求，要压紧压实安全生产责任，深入
开展安全生产隐患排查整治，坚决遏制重特
大事故发生，确保安全生产形势稳定。

覃立山强调，要加强应急值守，做好防汛准
备。
`;

const written = parsePage({ source: '2024-05-21-x.txt', text: PAGE, published: '2024-05-21' });
const seedPages = loadCorpus('seeds').pages.map((p) => p.articles);
const invented = inventedArticles();
const inventedPages = [...new Set(invented.map((a) => a.source))].map((source) => invented.filter((a) => a.source === source));
const seeds = seedPages.flat();

const dates = new Map([...seeds, ...invented, ...written].map((a) => [a.id, a.date ?? a.published ?? '']));
const dateOf = (id: string): string => dates.get(id) ?? '';
/** The state as plain JSON, taken before anything could be added to it. */
const frozen = (s: KnowledgeState): KnowledgeState => JSON.parse(JSON.stringify(s)) as KnowledgeState;
const ids = (articles: readonly Article[]): string[] => articles.map((a) => a.id);

/** Builds from `base`, adds `page`, takes it out again: the result and the state before, as JSON. */
function roundTrip(base: readonly Article[], page: readonly Article[]): { before: KnowledgeState; added: KnowledgeState; removed: KnowledgeState } {
  const start = buildKnowledge(base);
  const before = frozen(start);
  const added = addArticles(start, page, dateOf);
  return { before, added: frozen(added), removed: frozen(removeArticles(added, ids(page))) };
}

describe('taking articles back out of the knowledge', () => {
  it('parses the written page into one article that names a new official and a misprint', () => {
    expect(written).toHaveLength(1);
    expect(written[0]!.body).toContain('官卫红');
  });

  it('gives back the directory, topics and meetings of the seeds after a written page is added and taken out', () => {
    const { before, added, removed } = roundTrip([...seeds, ...invented], written);
    expect(resolvePerson(added.directory, '覃立山').kind).toBe('exact');
    expect(added.directory.press).toContain('韩雪松');
    expect(resolvePerson(added.directory, '官卫红')).toMatchObject({ kind: 'variant', person: { name: '宫卫红' } });
    expect(added.meetings.length).toBe(before.meetings.length + 1);
    expect(removed.directory).toEqual(before.directory);
    expect(removed.topics).toEqual(before.topics);
    expect(removed.meetings).toEqual(before.meetings);
  });

  it('gives back the same knowledge for every seed page and every invented page taken out of the rest', () => {
    const pages = [...seedPages, ...inventedPages];
    for (const page of pages) {
      const rest = pages.filter((p) => p !== page).flat();
      const { before, added, removed } = roundTrip(rest, page);
      expect(added).not.toEqual(before);
      expect(removed).toEqual(before);
    }
  });

  it('gives back the people that adding a page had changed: appearances, roles, titles and companions', () => {
    const page = inventedPages.find((p) => p.some((a) => a.body.includes('孙立平')))!;
    const { before, added, removed } = roundTrip(seeds, page);
    const person = (s: KnowledgeState, name: string) => s.directory.people.find((p) => p.name === name);
    expect(person(before, '孙立平')).toBeUndefined();
    expect(person(added, '孙立平')).toBeDefined();
    expect(person(added, '吕沛')).not.toEqual(person(before, '吕沛'));
    expect(person(removed, '吕沛')).toEqual(person(before, '吕沛'));
    expect(person(removed, '孙立平')).toBeUndefined();
  });

  it('replaces a page read again: taking its articles out and adding them gives the state that held them', () => {
    const start = buildKnowledge(seeds);
    const added = addArticles(start, invented, dateOf);
    const once = frozen(added);
    const again = addArticles(removeArticles(added, ids(invented)), invented, dateOf);
    expect(frozen(again)).toEqual(once);
  });

  it('leaves the state it was given as it was, and ignores ids it does not hold', () => {
    const start = addArticles(buildKnowledge(seeds), written, dateOf);
    const held = frozen(start);
    removeArticles(start, ids(written));
    expect(frozen(start)).toEqual(held);
    expect(removeArticles(start, ['no-such-article'])).toEqual(start);
  });
});
