/** /meetings, /topics and /topic: recent meetings, the topics with their counts, and a topic's articles. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import { filterMeetings } from '../../knowledge/meetings.ts';
import type { BotDeps } from '../context.ts';
import { editHtml, replyHtml, truncate } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { formatMeetings, formatTopic, formatTopics } from '../format/knowledge.ts';
import { pager } from './people.ts';

const MEETINGS_SHOWN = 10;
const TOPIC_PAGE = 10;

/** The meetings and topics commands. */
export function topicsFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const article = (id: string) => deps.library.article(id);

  feature.command('meetings', async (ctx) => {
    const arg = truncate(ctx.payload, 30);
    const result = filterMeetings(deps.library.meetings(), arg);
    if (!result.ok) return void (await replyHtml(ctx, `${escapeHtml(result.message)}\n例如：<code>/meetings 2021-11</code> 或 <code>/meetings 疫情</code>`));
    const heading = result.by === 'all' ? '最近的会议' : result.by === 'month' ? `${result.value} 的会议` : `与“${result.value}”有关的会议`;
    const shown = result.meetings.slice(0, MEETINGS_SHOWN);
    const more = result.meetings.length > shown.length ? `\n\n共 ${result.meetings.length} 场，只列出最近 ${shown.length} 场；可按月份筛选，如 <code>/meetings 2021-11</code>。` : '';
    await replyHtml(ctx, formatMeetings(shown, heading) + more);
  });

  feature.command('topics', (ctx) => replyHtml(ctx, formatTopics(deps.library.topics())));

  feature.command('topic', async (ctx) => {
    const word = truncate(ctx.payload, 20);
    if (word === '') return void (await replyHtml(ctx, `请写上专题名，例如 <code>/topic 疫情防控</code>。\n\n${formatTopics(deps.library.topics())}`));
    const topic = deps.library.topics().find(word);
    if (!topic) return void (await replyHtml(ctx, `没有专题“${escapeHtml(word)}”。\n\n${formatTopics(deps.library.topics())}`));
    const pages = Math.ceil(topic.articleIds.length / TOPIC_PAGE);
    await replyHtml(ctx, formatTopic(topic, article, 1, TOPIC_PAGE), { keyboard: { inline_keyboard: pager(`tp:${topic.name}:`, 1, pages) } });
  });

  feature.action(/^tp:([^:]{1,12}):(\d{1,4})$/u, async (ctx) => {
    const topic = deps.library.topics().find(ctx.match[1]!);
    if (!topic) return void (await ctx.answerCbQuery('这个专题已不存在。'));
    await ctx.answerCbQuery();
    const at = Number(ctx.match[2]);
    const pages = Math.ceil(topic.articleIds.length / TOPIC_PAGE);
    await editHtml(ctx, formatTopic(topic, article, at, TOPIC_PAGE), { keyboard: { inline_keyboard: pager(`tp:${topic.name}:`, at, pages) } });
  });
  return feature;
}
