// How an article's headline block, byline and date are shown: pure functions, exact output.
import { describe, expect, it } from 'vitest';
import { createLibrary } from '../../src/app/library.ts';
import { formatArticle } from '../../src/bot/format/article.ts';
import { bylineOf, displayDate, titleOf } from '../../src/bot/format/common.ts';
import { formatDigest } from '../../src/bot/format/digest.ts';
import { formatHit } from '../../src/bot/format/search.ts';
import { inlineCard } from '../../src/bot/features/inline.ts';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Article } from '../../src/corpus/types.ts';

const base: Article = {
  id: 'k1', source: '2021-05-12.txt', title: '示范区二季度重点项目集中签约', titleSource: 'printed', kicker: '聚焦项目建设 推动高质量发展',
  subtitle: '共签约项目12个，总投资36.5亿元', date: '2021-05-10', reporters: ['付凯明'], photographers: [], correspondents: ['李想'],
  body: '前日下午，示范区举行签约仪式。', kind: 'brief', published: '2021-05-12',
};

describe('the article view', () => {
  it('shows the kicker above the headline and the deck on its own line below it', () => {
    expect(formatArticle(base)).toBe([
      '聚焦项目建设 推动高质量发展',
      '<b>示范区二季度重点项目集中签约</b>',
      '<i>共签约项目12个，总投资36.5亿元</i>',
      '2021-05-10 · 2021-05-12.txt · 记者 付凯明 · 通讯员 李想',
      '',
      '前日下午，示范区举行签约仪式。',
    ].join('\n'));
    expect(validateTelegramHtml(formatArticle(base)).ok).toBe(true);
  });

  it('shows a photographer as 摄影, never as 记者', () => {
    const photo = { ...base, kicker: null, subtitle: null, reporters: ['万千'], photographers: ['万千'], correspondents: [] };
    expect(bylineOf(photo)).toBe('摄影 万千');
    expect(bylineOf({ ...photo, reporters: ['郭树勋', '万千'] })).toBe('记者 郭树勋 · 摄影 万千');
  });

  it('marks a title the page did not print, in the view and in lists', () => {
    const derived = { ...base, kicker: null, subtitle: null, title: '全市统一战线工作座谈会召开', titleSource: 'derived' as const };
    expect(formatArticle(derived).split('\n')[0]).toBe('<b>全市统一战线工作座谈会召开</b> 〔导语〕');
    expect(titleOf(derived)).toBe('〔导语〕全市统一战线工作座谈会召开');
    expect(titleOf(base)).toBe('示范区二季度重点项目集中签约');
  });
});

describe('one date rule everywhere', () => {
  const library = createLibrary(loadCorpus('seeds'));
  const articles = [...library.articles()];

  it('shows an undated article as printed on its page, in search, digests, /article and inline cards alike', () => {
    const undated = articles.filter((a) => a.date === null);
    expect(undated.length).toBeGreaterThan(0);
    for (const a of articles) {
      const shown = displayDate(a);
      expect(shown, a.title).toBe(a.date ?? `见报 ${a.published}`);
      const hit = library.search(a.title.slice(0, 8)).hits.find((h) => h.id === a.id);
      if (hit) expect(formatHit(hit, 1), a.title).toContain(shown);
      expect(formatArticle(a)).toContain(shown);
      expect(inlineCard(a, { text: '', marks: [] }, 'bot')).toContain(shown);
      expect(formatDigest([{ subscription: { id: 1, chatId: 1, kind: 'query', value: 'x', createdAt: 0, lastDigestAt: null }, articles: [a] }]).html).toContain(shown);
    }
  });
});
