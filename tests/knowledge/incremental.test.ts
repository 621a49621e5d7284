import { describe, expect, it } from 'vitest';
import { addArticles, buildKnowledge, removeArticles } from '../../src/knowledge/state.ts';
import { resolvePerson } from '../../src/knowledge/resolve.ts';
import { inventedArticles, seedArticles } from '../support/knowledgePages.ts';

const seeds = seedArticles();
const invented = inventedArticles();

describe('adding articles to the knowledge', () => {
  const whole = buildKnowledge([...seeds, ...invented]);
  const before = buildKnowledge(seeds);
  const snapshot = JSON.stringify(before);
  const dateOf = new Map([...seeds, ...invented].map((a) => [a.id, a.date ?? a.published ?? '']));
  const stepped = invented.reduce((state, a) => addArticles(state, [a], (id) => dateOf.get(id) ?? ''), before);

  it('gives the same people, titles, roles, appearances and companions as building everything at once', () => {
    const view = (s: typeof whole) => s.directory.people.map((p) => [p.name, p.variants, p.level, p.titles, p.roles, p.articleIds, p.appearances, p.companions]);
    expect(view(stepped)).toEqual(view(whole));
  });

  it('gives the same topics and meetings', () => {
    expect(stepped.topics).toEqual(whole.topics);
    expect(stepped.meetings).toEqual(whole.meetings);
  });

  it('leaves the state it started from as it was, so readers of it keep their answers', () => {
    const { byArticle: _b, pressBy: _p, ...rest } = before.directory;
    const { byArticle: _s, pressBy: _q, ...was } = (JSON.parse(snapshot) as typeof before).directory;
    expect(rest).toEqual(was);
    expect(resolvePerson(before.directory, '孙立平').kind).toBe('none');
    expect(resolvePerson(stepped.directory, '孙立平').kind).toBe('exact');
  });

  it('finds the same misprints page by page as at once, and after the pages are taken out and put back', () => {
    const variants = (s: typeof whole) => s.directory.people.filter((p) => p.variants.length > 0).map((p) => [p.name, p.variants]);
    expect(variants(whole).length).toBeGreaterThan(1);
    const again = invented.reduce((state, a) => addArticles(state, [a], (id) => dateOf.get(id) ?? ''), buildKnowledge(seeds));
    expect(variants(again)).toEqual(variants(whole));
    const back = invented.reduce((state, a) => addArticles(state, [a], (id) => dateOf.get(id) ?? ''), removeArticles(again, invented.map((a) => a.id)));
    expect(variants(back)).toEqual(variants(whole));
  });

  it('skips an article it already holds', () => {
    expect(addArticles(stepped, invented.slice(0, 2))).toEqual(stepped);
  });

  it('is plain JSON: a round trip changes nothing', () => {
    expect(JSON.parse(JSON.stringify(whole))).toEqual(whole);
  });
});
