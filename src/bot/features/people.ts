/** /who and /people: an official's card, and the directory, paged. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Person } from '../../knowledge/people.ts';
import type { BotDeps } from '../context.ts';
import { editHtml, replyHtml, truncate } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { articleRef, formatPeople, formatWho } from '../format/knowledge.ts';

const PEOPLE_PAGE = 10;
const APPEARANCES_PAGE = 10;

/** Buttons to step through pages: `prefix` + page number as callback data. */
export function pager(prefix: string, page: number, pages: number): InlineKeyboardButton[][] {
  const at = Math.min(Math.max(1, Math.floor(page) || 1), Math.max(1, pages));
  const row: InlineKeyboardButton[] = [];
  if (at > 1) row.push({ text: '« 上一页', callback_data: `${prefix}${at - 1}` });
  if (at < pages) row.push({ text: '下一页 »', callback_data: `${prefix}${at + 1}` });
  return row.length > 0 ? [row] : [];
}

/** One page (1-based) of a person's appearances, newest first. */
export function formatAppearances(p: Person, pageNo: number, article: (id: string) => { title: string } | undefined): string {
  const pages = Math.max(1, Math.ceil(p.appearances.length / APPEARANCES_PAGE));
  const at = Math.min(Math.max(1, pageNo), pages);
  const rows = p.appearances.slice((at - 1) * APPEARANCES_PAGE, at * APPEARANCES_PAGE).map((a) => {
    const roles = a.roles.length ? `（${a.roles.join('、')}）` : '';
    return `${a.date ?? '日期不详'} ${escapeHtml(article(a.articleId)?.title ?? a.articleId)}${roles} ${articleRef(a.articleId)}`;
  });
  return [`<b>${escapeHtml(p.name)}</b> 的全部报道（${p.appearances.length} 篇${pages > 1 ? `，第 ${at}/${pages} 页` : ''}）`, ...rows].join('\n');
}

/** The /who and /people commands and their buttons. */
export function peopleFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const article = (id: string) => deps.library.article(id);
  const find = (name: string): Person | undefined => deps.library.directory().people.find((p) => p.name === name);

  feature.command('who', async (ctx) => {
    const query = truncate(ctx.payload, 20);
    const resolution = deps.library.directory().resolve(query);
    const html = formatWho(resolution, { query, article });
    const person = resolution.kind === 'exact' || resolution.kind === 'variant' || resolution.kind === 'partial' ? resolution.person : null;
    const row = person ? [{ text: '📈 见报趋势', callback_data: `tw:${person.name}` }] : [];
    if (person && person.appearances.length > 5) row.unshift({ text: `全部 ${person.appearances.length} 篇报道`, callback_data: `wm:${person.name}:1` });
    await replyHtml(ctx, html, row.length ? { keyboard: { inline_keyboard: [row] } } : {});
  });

  feature.action(/^wm:(\p{Script=Han}{2,4}):(\d{1,4})$/u, async (ctx) => {
    const person = find(ctx.match[1]!);
    if (!person) return void (await ctx.answerCbQuery('没有这个人物了，请重新查询。'));
    await ctx.answerCbQuery();
    const at = Number(ctx.match[2]);
    const pages = Math.ceil(person.appearances.length / APPEARANCES_PAGE);
    await replyHtml(ctx, formatAppearances(person, at, article), { keyboard: { inline_keyboard: pager(`wm:${person.name}:`, at, pages) } });
  });

  feature.command('people', async (ctx) => {
    const people = deps.library.directory().people;
    const at = Math.max(1, Number.parseInt(ctx.payload, 10) || 1);
    await replyHtml(ctx, formatPeople(people, at, PEOPLE_PAGE), { keyboard: { inline_keyboard: pager('pp:', at, Math.ceil(people.length / PEOPLE_PAGE)) } });
  });

  feature.action(/^pp:(\d{1,4})$/, async (ctx) => {
    await ctx.answerCbQuery();
    const people = deps.library.directory().people;
    const at = Number(ctx.match[1]);
    await editHtml(ctx, formatPeople(people, at, PEOPLE_PAGE), { keyboard: { inline_keyboard: pager('pp:', at, Math.ceil(people.length / PEOPLE_PAGE)) } });
  });
  return feature;
}
