/** The page parser: one page's text and publication date in, the articles a reader sees out. */
import { createHash } from 'node:crypto';
import { firstDate, leadDate } from './dateline.ts';
import { assignHeadlines } from './headlines.ts';
import { toItems, type Item } from './items.ts';
import { reflow } from './reflow.ts';
import { toRegions, type Region } from './regions.ts';
import { compact, phrases, squeeze, visibleLength } from './text.ts';
import type { Article, PageInput } from './types.ts';

/** Articles shorter than this many characters are briefs. */
const BRIEF_CHARS = 200;
const TITLE_CHARS = 30;
/** A lead clause up to this long is a derived title whole rather than cut inside a word. */
const LONG_TITLE_CHARS = 60;

/** Parses one page into articles. Pure: the same input always gives the same output. */
export function parsePage(page: PageInput): Article[] {
  const items = toItems(page.text);
  const { regions, runs } = toRegions(items);
  assignHeadlines(regions, runs);
  const articles: Article[] = [];
  const seen = new Set<string>();
  for (const region of regions) {
    const article = toArticle(region, page);
    if (!article || seen.has(article.id)) continue;
    seen.add(article.id);
    articles.push(article);
  }
  return articles;
}

function toArticle(region: Region, page: PageInput): Article | null {
  const paragraphs = reflow(region.lines);
  const body = paragraphs.join('\n');
  const size = visibleLength(body);
  if (size < 10) return null;
  const date = region.kind === 'photo' ? firstDate(body, page.published) : leadDate(paragraphs[0] ?? '', page.published);
  const headline = splitHeadline(region.heads);
  const kind = region.kind === 'photo' ? 'photo' : size < BRIEF_CHARS ? 'brief' : 'news';
  return {
    id: articleId(date, body),
    source: page.source,
    title: headline?.title ?? deriveTitle(paragraphs[0] ?? body),
    titleSource: headline ? 'printed' : 'derived',
    kicker: headline?.kicker ?? null,
    subtitle: headline?.subtitle ?? null,
    date,
    reporters: region.byline.reporters,
    photographers: region.byline.photographers ?? [],
    correspondents: region.byline.correspondents,
    body,
    kind,
    published: page.published,
  };
}

/** A stable id from the article's own date and lead, so adding other pages never changes it. */
export function articleId(date: string | null, body: string): string {
  return createHash('sha1')
    .update(`${date ?? ''}|${compact(body.slice(0, 2000)).slice(0, 80)}`)
    .digest('hex')
    .slice(0, 10);
}

export interface Headline {
  kicker: string | null;
  title: string;
  subtitle: string | null;
}

const CLAUSE_MARK = /[，；：,;:]/;

/**
 * Splits headline items into kicker (引题), main line and deck (副题). In a block, lines up to the first one with a
 * clause are the wrapped main line and the rest a deck; a block that opens with a clause is a deck. The longest
 * block without a clause is the main line: blocks above it are the kicker, blocks below it the deck.
 */
export function splitHeadline(heads: Item[]): Headline | null {
  if (heads.length === 0) return null;
  const parts: Array<{ lines: string[]; deck: boolean }> = [];
  for (const head of heads) {
    const firstClause = head.lines.findIndex((line) => CLAUSE_MARK.test(line));
    const cut = firstClause <= 0 ? head.lines.length : firstClause;
    parts.push({ lines: head.lines.slice(0, cut), deck: firstClause === 0 });
    if (cut < head.lines.length) parts.push({ lines: head.lines.slice(cut), deck: true });
  }
  const candidates = parts.filter((p) => !p.deck);
  const pool = candidates.length > 0 ? candidates : parts;
  const size = (p: (typeof parts)[number]): number => [...compact(p.lines.join(''))].length;
  const main = pool.reduce((a, b) => (size(b) > size(a) ? b : a));
  const at = parts.indexOf(main);
  const shown = (list: typeof parts): string | null => (list.length > 0 ? list.map((p) => phrases(p.lines)).join(' ') : null);
  return { kicker: shown(parts.slice(0, at)), title: main.lines.map(squeeze).join(''), subtitle: shown(parts.slice(at + 1)) };
}

const TIME_OF_DAY = '(?:上午|下午|晚上|晚间|晚|早上|清晨|凌晨|中午|傍晚|夜间)';
/** A time the lead opens with ("11月3日上午，", "昨日，", "下午，"): never the start of a derived title. */
const LEAD_TIME = new RegExp(
  `^(?:(?:(?:\\d{4}年)?\\d{1,2}月\\d{1,2}日${TIME_OF_DAY}?|(?:近日|日前|近期|昨日|昨天|昨晚|前日|前天|前晚|今日|今天|今晨|当日|当天)${TIME_OF_DAY}?|今年以来|连日来|目前|图为|${TIME_OF_DAY})[，,]?)`,
);

const OFFICIAL_CHAIN = /^示范区（高新区）[^，。]{0,40}?(?:书记|主任|总指挥|区长|局长)(?=\p{Script=Han}{2,3}(?:主持|到|调研|出席|深入|带队|率|看望|在|召开|组织|会见|检查|督导|暗访|走访))/u;

/** A short title made from the lead sentence, for an article printed without a headline. */
export function deriveTitle(lead: string): string {
  let text = lead.slice(0, 1000).replace(/^▲/, '').trim();
  for (let i = 0; i < 2; i++) text = text.replace(LEAD_TIME, '');
  // "示范区（高新区）党工委书记、管委会主任、…总指挥王家鹏主持召开…": the title chain before a name says little.
  text = text.replace(OFFICIAL_CHAIN, '');
  const sentence = text.split(/[。！？]/)[0] ?? text;
  const clause = sentence.split('，')[0]!;
  const chars = [...([...clause].length >= 10 ? clause : sentence)];
  if (chars.length <= TITLE_CHARS) return chars.join('').replace(/[，、；：]+$/, '');
  // Too long: cut at a clause end within reach, never inside a word or a list (省、市); a long clause stays whole.
  const head = chars.slice(0, TITLE_CHARS).join('');
  const cut = Math.max(head.lastIndexOf('，'), head.lastIndexOf('；'));
  if (cut >= 8) return head.slice(0, cut);
  if (chars.length <= LONG_TITLE_CHARS) return chars.join('');
  const far = chars.slice(0, LONG_TITLE_CHARS).join('');
  const stop = Math.max(far.lastIndexOf('、'), far.lastIndexOf('）'), far.lastIndexOf('”'));
  return stop >= 8 ? `${far.slice(0, stop + (far[stop] === '、' ? 0 : 1))}…` : `${far}…`;
}
