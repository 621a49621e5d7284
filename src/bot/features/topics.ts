/** /meetings, /topics and /topic: meetings by year, month or keyword, the topics with their counts, and a topic's articles. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import { filterMeetings } from '../../knowledge/meetings.ts';
import { findTopic } from '../../knowledge/topics.ts';
import type { BotDeps } from '../context.ts';
import { editHtml, replyHtml, truncate } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { paginate, pagerButtons } from '../format/common.ts';
import { formatMeetings, formatTopic, formatTopics } from '../format/knowledge.ts';

const MEETINGS_PAGE = 10;
/** Telegram's limit on a button's data. */
const CALLBACK_BYTES = 64;
const TOPIC_PAGE = 10;
const HEADINGS = { all: '最近的会议', year: '年的会议', month: '的会议', keyword: '' } as const;

/** The meetings and topics commands. */
export function topicsFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const article = (id: string) => deps.library.article(id);

  const meetingsPage = (arg: string, at: number) => {
    const result = filterMeetings(deps.library.meetings(), arg);
    if (!result.ok) return { html: `${escapeHtml(result.message)}\n例如：<code>/meetings 2021</code>、<code>/meetings 2021-11</code> 或 <code>/meetings 疫情</code>`, keyboard: [] };
    const heading = result.by === 'all' ? HEADINGS.all : result.by === 'keyword' ? `与“${result.value}”有关的会议` : `${result.value} ${HEADINGS[result.by]}`;
    const { page, pages } = paginate(result.meetings, at, MEETINGS_PAGE);
    const prefix = `mt:${result.by === 'all' ? '' : result.value}:`;
    const keyboard = Buffer.byteLength(prefix) + 4 <= CALLBACK_BYTES ? pagerButtons(prefix, page, pages) : [];
    const tip = pages > 1 && result.by !== 'month' ? '\n\n可按年份或月份筛选，如 <code>/meetings 2021-11</code>。' : '';
    return { html: formatMeetings(result.meetings, heading, page, MEETINGS_PAGE) + tip, keyboard };
  };

  feature.command('meetings', async (ctx) => {
    const { html, keyboard } = meetingsPage(truncate(ctx.payload, 30), 1);
    await replyHtml(ctx, html, keyboard.length ? { keyboard: { inline_keyboard: keyboard } } : {});
  });

  feature.action(/^mt:(.{0,30}):(\d{1,4})$/u, async (ctx) => {
    await ctx.answerCbQuery();
    const { html, keyboard } = meetingsPage(ctx.match[1]!, Number(ctx.match[2]));
    await editHtml(ctx, html, { keyboard: { inline_keyboard: keyboard } });
  });

  feature.command('topics', (ctx) => replyHtml(ctx, formatTopics(deps.library.topics())));

  const topicPage = (word: string, at: number) => {
    const topic = findTopic(deps.library.topics(), word);
    if (!topic) return null;
    const { page, pages } = paginate(topic.articleIds, at, TOPIC_PAGE);
    return { html: formatTopic(topic, article, page, TOPIC_PAGE), keyboard: { inline_keyboard: pagerButtons(`tp:${topic.name}:`, page, pages) } };
  };

  feature.command('topic', async (ctx) => {
    const word = truncate(ctx.payload, 20);
    if (word === '') return void (await replyHtml(ctx, `请写上专题名，例如 <code>/topic 疫情防控</code>。\n\n${formatTopics(deps.library.topics())}`));
    const shown = topicPage(word, 1);
    if (!shown) return void (await replyHtml(ctx, `没有专题“${escapeHtml(word)}”。\n\n${formatTopics(deps.library.topics())}`));
    await replyHtml(ctx, shown.html, { keyboard: shown.keyboard });
  });

  feature.action(/^tp:([^:]{1,12}):(\d{1,4})$/u, async (ctx) => {
    const shown = topicPage(ctx.match[1]!, Number(ctx.match[2]));
    if (!shown) return void (await ctx.answerCbQuery('这个专题已不存在。'));
    await ctx.answerCbQuery();
    await editHtml(ctx, shown.html, { keyboard: shown.keyboard });
  });
  return feature;
}
