/** /trend <topic or keywords> and the 📈 button of /who: a PNG chart of matching articles per month. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import { interpretWanted, matchingArticles } from '../../app/subscriptions.ts';
import type { Article } from '../../corpus/types.ts';
import { svgToPng } from '../chart/png.ts';
import { monthlyCounts, peak, trendSvg } from '../chart/trend.ts';
import { subscriptionLabel } from '../format/digest.ts';
import type { BotDeps } from '../context.ts';
import { replyHtml, truncate } from '../context.ts';
import { escapeHtml } from '../html.ts';

export interface Trend {
  /** What the chart counts, for the caption: 「疫情防控」, “冷链”, 吕沛. */
  label: string;
  png: Buffer;
  caption: string;
}

/** Draws the chart of a set of articles; null when none of them is dated. */
export function drawTrend(label: string, articles: Article[]): Trend | null {
  const series = monthlyCounts(articles.map((a) => a.date ?? a.published));
  const top = peak(series);
  if (!top) return null;
  const total = series.reduce((n, c) => n + c.count, 0);
  const png = svgToPng(trendSvg(series, `articles per month: ${total} in all, peak ${top.month} (${top.count})`));
  const caption = `${escapeHtml(label)} 共 ${total} 篇报道（${series[0]!.month} 至 ${series[series.length - 1]!.month}），最多的是 ${top.month}（${top.count} 篇）。`;
  return { label, png, caption };
}

/** The articles a topic name or keywords stand for, as /subscribe reads them. */
export function trendArticles(deps: BotDeps, text: string): { label: string; articles: Article[] } {
  const wanted = interpretWanted(text);
  return { label: subscriptionLabel(wanted), articles: matchingArticles(deps.library, wanted) };
}

async function sendTrend(ctx: Context, trend: Trend | null, label: string): Promise<void> {
  if (!trend) return void (await replyHtml(ctx, `${escapeHtml(label)} 没有带日期的报道，画不出趋势图。`));
  await ctx.replyWithPhoto({ source: trend.png, filename: 'trend.png' }, { caption: trend.caption, parse_mode: 'HTML' });
}

/** The /trend command and the person-trend button. */
export function trendFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.command('trend', async (ctx) => {
    const text = truncate(ctx.payload, 30).replace(/…$/, '');
    if (text === '') return void (await replyHtml(ctx, '请写上专题或关键词，例如 <code>/trend 疫情防控</code> 或 <code>/trend 冷链</code>。'));
    const { label, articles } = trendArticles(deps, text);
    if (articles.length === 0) return void (await replyHtml(ctx, `没有找到与 ${escapeHtml(label)} 相关的报道。`));
    await ctx.sendChatAction('upload_photo').catch(() => undefined);
    await sendTrend(ctx, drawTrend(label, articles), label);
  });
  feature.action(/^tw:(\p{Script=Han}{2,4})$/u, async (ctx) => {
    const person = deps.library.directory().people.find((p) => p.name === ctx.match[1]);
    if (!person) return void (await ctx.answerCbQuery('没有这个人物了，请重新查询。'));
    await ctx.answerCbQuery();
    const articles = person.articleIds.map((id) => deps.library.article(id)).filter((a): a is Article => a !== undefined);
    await sendTrend(ctx, drawTrend(person.name, articles), person.name);
  });
  return feature;
}
