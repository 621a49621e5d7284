/** The page parser: one page's text and publication date in, the articles a reader sees out. */
import { createHash } from 'node:crypto';
import { firstDate, leadDate } from './dateline.ts';
import { assignHeadlines } from './headlines.ts';
import { toItems, type Item } from './items.ts';
import { reflow } from './reflow.ts';
import { toRegions, type Region } from './regions.ts';
import { compact, squeeze } from './text.ts';
import type { Article, PageInput } from './types.ts';

/** Articles shorter than this many characters are briefs. */
const BRIEF_CHARS = 200;
const TITLE_CHARS = 30;

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
  const size = compact(body).length;
  if (size < 10) return null;
  const date = region.kind === 'photo' ? firstDate(body, page.published) : leadDate(paragraphs[0] ?? '', page.published);
  const headline = splitHeadline(region.heads);
  const kind = region.kind === 'photo' ? 'photo' : size < BRIEF_CHARS ? 'brief' : 'news';
  return {
    id: articleId(date, body),
    source: page.source,
    title: headline?.title ?? deriveTitle(paragraphs[0] ?? body),
    titleSource: headline ? 'printed' : 'derived',
    subtitle: headline?.subtitle ?? null,
    date,
    reporters: region.byline.reporters,
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

/** Splits headline items into the main line and the deck or kicker around it. */
export function splitHeadline(heads: Item[]): { title: string; subtitle: string | null } | null {
  if (heads.length === 0) return null;
  // In a block, lines up to the first one with a clause (a comma) are the wrapped main line; the rest is a deck.
  const parts: Array<{ text: string; deck: boolean }> = [];
  for (const head of heads) {
    const lines = head.lines.map(squeeze);
    const firstClause = lines.findIndex((line) => /[，；：,;:]/.test(line));
    const cut = firstClause <= 0 ? lines.length : firstClause;
    parts.push({ text: lines.slice(0, cut).join(''), deck: firstClause === 0 && lines.length > 1 });
    if (cut < lines.length) parts.push({ text: lines.slice(cut).join(''), deck: true });
  }
  const candidates = parts.filter((p) => !p.deck);
  const pool = candidates.length > 0 ? candidates : parts;
  const main = pool.reduce((a, b) => ([...b.text].length > [...a.text].length ? b : a));
  const rest = parts.filter((p) => p !== main).map((p) => p.text);
  return { title: main.text, subtitle: rest.length > 0 ? rest.join(' ') : null };
}

const LEAD_TIME =
  /^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚上|晚|早上|凌晨|中午|傍晚)?|近日|日前|近期|昨日|昨天|今天|今年以来|连日来|目前|图为)[，,]?/;

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
  const head = chars.slice(0, TITLE_CHARS).join('');
  const cut = head.lastIndexOf('，');
  return cut >= 12 ? head.slice(0, cut) : `${head}…`;
}
