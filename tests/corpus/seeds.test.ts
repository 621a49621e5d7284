import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parsePage } from '../../src/corpus/parse.ts';
import { readTruth, scoreCorpus } from '../support/score.ts';

const corpus = loadCorpus('seeds');
const bySource = (prefix: string) => corpus.articles.filter((a) => a.source.startsWith(prefix));

describe('the seed pages', () => {
  it('loads all five pages without a warning', () => {
    expect(corpus.warnings).toEqual([]);
    expect(corpus.pages.map((p) => p.articles.length)).toEqual([11, 9, 8, 11, 11]);
  });

  it('scores 1.000 against the truth of the pages a reader sees', () => {
    const { score, misses } = scoreCorpus(readTruth('tests/fixtures/truth/seeds.json'), corpus.articles);
    expect(misses).toEqual([]);
    expect(score).toBe(1);
  });

  it('scores low a parse that glues each page into one article', () => {
    const glued = corpus.pages.map((p) => ({ ...p.articles[0]!, body: p.articles.map((a) => a.body).join('\n') }));
    const { score, misses } = scoreCorpus(readTruth('tests/fixtures/truth/seeds.json'), glued);
    expect(score).toBeLessThan(0.5);
    expect(misses.some((m) => m.includes('one article holds'))).toBe(true);
  });

  it('gives ids that do not change when other pages are added', () => {
    const alone = parsePage({ source: '001_dbe6c57b7aa7e098.txt', text: readFileSync('seeds/001_dbe6c57b7aa7e098.txt', 'utf8'), published: '2022-01-11' });
    expect(alone.map((a) => a.id)).toEqual(bySource('001').map((a) => a.id));
    expect(new Set(corpus.articles.map((a) => a.id)).size).toBe(corpus.articles.length);
  });

  it('reads page 001 with its headlines printed above the bodies', () => {
    const titles = bySource('001').map((a) => a.title);
    expect(titles[0]).toBe('示范区召开党政联席会议落实“八个加强”筑牢疫情防线全力保障人民群众生命健康安全');
    expect(titles).not.toContain('示范区参加全省第三期“三个一批”活动');
    expect(bySource('001').find((a) => a.kind === 'photo')).toMatchObject({ title: '整治人居环境扮靓美丽家园', reporters: ['刘金元'] });
  });

  it('prints the repeated paragraph of page 001 once per article', () => {
    const drill = bySource('001').find((a) => a.title.startsWith('示范区疫情防控工作专题会议'))!;
    const repeated = drill.body.split('\n').filter((p) => p.startsWith('吕沛强调，当前疫情防控工作部分责任压得还不实'));
    expect(repeated).toHaveLength(1);
  });

  it('dates 2月29日 on the 2020 page', () => {
    expect(bySource('002').map((a) => a.date)).toContain('2020-02-29');
  });

  it('never takes a section label or footer as a title', () => {
    const labels = ['一周动态', '项目建设', '扫一扫关注我们', '示范区头条', '微信公众号'];
    for (const a of corpus.articles) expect(labels).not.toContain(a.title.replace(/\s/g, ''));
  });

  it('keeps reporters, correspondents and photographers apart from the text', () => {
    expect(bySource('003').find((a) => a.body.includes('表扬信'))).toMatchObject({ reporters: ['付凯明'], correspondents: ['李亚芬'] });
    for (const a of corpus.articles) expect(a.body).not.toMatch(/本报讯|本报记者\s*\S+\s*摄/);
  });
});
