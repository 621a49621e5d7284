/** Groups items into regions (news items, features, photo captions) and the headline runs between them. */
import { parseNewsByline, parsePhotoCredit, parseStandaloneByline, type Byline } from './byline.ts';
import { isBoundary, opensBody, seamWords } from './boundary.ts';
import type { Item } from './items.ts';
import { endsSentence } from './text.ts';

export interface Region {
  kind: 'news' | 'photo';
  byline: Byline;
  /** Body lines in order; `brk` marks a forced paragraph break before the line, `blank` a blank line. */
  lines: Array<{ text: string; brk: 'none' | 'blank' | 'hard' }>;
  /** Headline items given to this region. */
  heads: Item[];
}

/** Headline-shaped items between two regions; `prev`/`next` index into the region list. */
export interface Run {
  heads: Item[];
  prev: number | null;
  next: number | null;
}

const noByline = (): Byline => ({ reporters: [], correspondents: [] });

/**
 * Marks the items that belong to a photo caption: each credit, and the text above it that runs into it. A credit
 * printed alone takes the block above it, and under a headline (no 本报讯 above) every block up to that headline.
 */
function captionItems(items: Item[]): Set<number> {
  const caption = new Set<number>();
  items.forEach((item, i) => {
    if (item.type !== 'credit') return;
    caption.add(i);
    let j = i - 1;
    while (j >= 0 && items[j]!.type === 'text') j--;
    const underHeadline = items[j] === undefined || !(items[j]!.type === 'start' || items[j]!.type === 'byline');
    const alone = parsePhotoCredit(item.lines.join('\n'))?.before === '';
    for (let k = i - 1; k > j; k--) {
      const above = items[k]!;
      const takesAll = alone && (underHeadline || k === i - 1);
      if (!takesAll && endsSentence(above.lines[above.lines.length - 1]!)) break;
      caption.add(k);
      if (above.lines[0]!.startsWith('▲')) break;
    }
  });
  return caption;
}

/** Walks the items once, opening a region at each news start, byline or caption. */
export function toRegions(items: Item[]): { regions: Region[]; runs: Run[] } {
  const regions: Region[] = [];
  const runs: Run[] = [];
  const caption = captionItems(items);
  const words = seamWords(items);
  let pending: Item[] = [];
  let current: Region | null = null;
  let captionOpen = false;
  /** Runs before this index already know the region after them. */
  let waiting = 0;

  const flush = (): void => {
    const heads = pending.filter((i) => i.type === 'head');
    if (pending.length > 0) runs.push({ heads, prev: current ? regions.length - 1 : null, next: null });
    pending = [];
  };
  const open = (region: Region): void => {
    flush();
    for (; waiting < runs.length; waiting++) runs[waiting]!.next = regions.length;
    regions.push(region);
    current = region;
  };
  const append = (item: Item, first: 'none' | 'blank' | 'hard' = item.blankBefore ? 'blank' : 'none'): void => {
    item.lines.forEach((text, n) => current!.lines.push({ text, brk: n === 0 ? first : 'none' }));
  };

  items.forEach((item, i) => {
    if (item.type === 'start') {
      const { byline, rest } = parseNewsByline(item.lines.join('\n'));
      open({ kind: 'news', byline, lines: [], heads: [] });
      append({ ...item, lines: rest.split('\n').filter((l) => l.trim() !== '') }, 'hard');
      captionOpen = false;
    } else if (item.type === 'byline') {
      open({ kind: 'news', byline: parseStandaloneByline(item.lines[0]!)!, lines: [], heads: [] });
      captionOpen = false;
    } else if (item.type === 'head' || item.type === 'label') {
      pending.push(item);
    } else if (caption.has(i)) {
      const continues = captionOpen && pending.length === 0;
      const merges = !continues && pending.length === 0 && current?.kind === 'photo' && item.lines[0]!.startsWith('▲');
      if (!continues && !merges) open({ kind: 'photo', byline: noByline(), lines: [], heads: [] });
      addCaption(current!, item, merges ? 'hard' : undefined);
      captionOpen = item.type !== 'credit';
    } else {
      const heads = pending.filter((p) => p.type === 'head');
      // Below a headline, a sentence cut by a gap looks like one more headline line: it opens the body instead.
      const opening = opensBody(heads, item, words) ? heads.pop()! : null;
      if (opening) pending.splice(pending.indexOf(opening), 1);
      if (!opening && pending.length > 0 && current?.kind === 'news' && !isBoundary(heads, item, words)) {
        for (const head of heads) append(head, 'hard');
        pending = [];
        append(item, 'hard');
      } else {
        if (current === null || current.kind === 'photo' || pending.length > 0 || opening) {
          open({ kind: 'news', byline: noByline(), lines: [], heads: [] });
        }
        if (opening) append(opening);
        append(item);
      }
    }
  });
  flush();
  return { regions, runs };
}

/** Adds a caption item to a photo region, moving the photographer's credit into the byline. */
function addCaption(region: Region, item: Item, first?: 'hard'): void {
  let lines = [...item.lines];
  const credit = parsePhotoCredit(lines.join('\n'));
  if (credit) {
    const photographers = (region.byline.photographers ??= []);
    for (const name of credit.names) {
      if (!region.byline.reporters.includes(name)) region.byline.reporters.push(name);
      if (!photographers.includes(name)) photographers.push(name);
    }
    lines = credit.before.split('\n').filter((l) => l.trim() !== '');
  }
  lines.forEach((line, n) => {
    const text = n === 0 ? line.replace(/^▲\s*/, '') : line;
    const brk = n === 0 ? (first ?? (line.startsWith('▲') || item.blankBefore ? 'hard' : 'none')) : 'none';
    region.lines.push({ text, brk: n === 0 && region.lines.length > 0 && item.blankBefore && brk === 'none' ? 'blank' : brk });
  });
}
