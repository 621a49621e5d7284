/** /who and /people: a person's card or a title's holders, and the directory by level, paged. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import { levelWord, peopleAtLevel, resolvePerson } from '../../knowledge/resolve.ts';
import { LEVELS, type Level, type Person } from '../../knowledge/types.ts';
import type { BotDeps } from '../context.ts';
import { editHtml, replyHtml, truncate } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { paginate, pagerButtons } from '../format/common.ts';
import { appearanceLine, formatPeople, formatWho } from '../format/knowledge.ts';

const PEOPLE_PAGE = 10;
const APPEARANCES_PAGE = 10;

/** One page (1-based) of a person's appearances, newest first. */
export function formatAppearances(p: Person, pageNo: number, article: Parameters<typeof appearanceLine>[1]): string {
  const { items, page, pages } = paginate(p.appearances, pageNo, APPEARANCES_PAGE);
  const head = `<b>${escapeHtml(p.name)}</b> 的全部报道（${p.appearances.length} 篇${pages > 1 ? `，第 ${page}/${pages} 页` : ''}）`;
  return [head, ...items.map((a) => appearanceLine(a, article))].join('\n');
}

/** Reads "/people [level] [page]": 市 2, 村, 3; `unknown` is a word that names no level. */
function peopleArgs(payload: string): { level: Level | null; page: number; unknown?: string } {
  const words = payload.trim().split(/\s+/u).filter((w) => w !== '');
  const page = Number.parseInt(words.find((w) => /^\d+$/u.test(w)) ?? '1', 10) || 1;
  const word = words.find((w) => !/^\d+$/u.test(w));
  const level = word ? levelWord(word) : null;
  return word && !level ? { level, page, unknown: word } : { level, page };
}

/** The answer to a level word the directory does not know, with the words it does. */
const UNKNOWN_LEVEL = (word: string): string =>
  `没有“${escapeHtml(word)}”这一层级。可按层级查看：${['省', '市', '区', '乡镇', '村', '部门', '企业', '学校'].map((w) => `<code>/people ${w}</code>`).join('、')}`;

/** The /who and /people commands and their buttons. */
export function peopleFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const article = (id: string) => deps.library.article(id);
  const find = (name: string): Person | undefined => deps.library.directory().people.find((p) => p.name === name);
  const listed = (level: Level | null): readonly Person[] => (level ? peopleAtLevel(deps.library.directory(), level) : deps.library.directory().people);
  const peoplePage = (level: Level | null, at: number) => {
    const people = listed(level);
    const { page, pages } = paginate(people, at, PEOPLE_PAGE);
    const html = formatPeople(people, page, PEOPLE_PAGE, level ?? undefined);
    return { html, keyboard: { inline_keyboard: pagerButtons(`pp:${level ?? 'all'}:`, page, pages) } };
  };

  feature.command('who', async (ctx) => {
    const query = truncate(ctx.payload, 20);
    const resolution = resolvePerson(deps.library.directory(), query);
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
    const { page, pages } = paginate(person.appearances, Number(ctx.match[2]), APPEARANCES_PAGE);
    await replyHtml(ctx, formatAppearances(person, page, article), { keyboard: { inline_keyboard: pagerButtons(`wm:${person.name}:`, page, pages) } });
  });

  feature.command('people', async (ctx) => {
    const { level, page, unknown } = peopleArgs(truncate(ctx.payload, 20));
    if (unknown) return void (await replyHtml(ctx, UNKNOWN_LEVEL(unknown)));
    const { html, keyboard } = peoplePage(level, page);
    await replyHtml(ctx, html, { keyboard });
  });

  feature.action(new RegExp(`^pp:(${LEVELS.join('|')}|all):(\\d{1,4})$`, 'u'), async (ctx) => {
    await ctx.answerCbQuery();
    const level = ctx.match[1] === 'all' ? null : (ctx.match[1] as Level);
    const { html, keyboard } = peoplePage(level, Number(ctx.match[2]));
    await editHtml(ctx, html, { keyboard });
  });
  return feature;
}
