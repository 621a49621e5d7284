/** Whether headline-shaped items between two texts are a printed headline (an article boundary) or a piece of a sentence cut by a column gap. */
import type { Item } from './items.ts';
import { LEAD_OPENER } from './dateline.ts';
import { compact, findPairs, pairIndex } from './text.ts';

/** A clause mark: a headline's main line has none; a block holding one and a body after it is read as a sentence. */
const CLAUSE = /[，、；：,;:]/;

const letters = (text: string): string => text.replace(/[^\p{L}\p{N}]/gu, '');

/** The two letters on either side of the gap between an item and the next. */
function seam(head: Item, next: Item): string {
  const left = [...letters(head.lines[head.lines.length - 1]!)].pop();
  const right = [...letters(next.lines[0]!)][0];
  return left && right ? left + right : '';
}

/** The seams of the page (a headline-shaped item, then text) that the page prints as a word elsewhere (王家⏎⏎鹏, 目⏎标). */
export function seamWords(items: Item[]): Set<string> {
  const wanted = new Set<string>();
  items.forEach((item, i) => {
    const next = items[i + 1];
    if (item.type === 'head' && next?.type === 'text') wanted.add(seam(item, next));
  });
  wanted.delete('');
  // Each item is read alone, so the seam itself (between two items) is not counted.
  const index = pairIndex(wanted);
  const found = new Set<string>();
  for (const item of items) for (const gram of findPairs(item.lines, index)) found.add(gram);
  return found;
}

/**
 * True when the headline-shaped items before `next` are a printed headline, so an article boundary; false when they
 * are the start of a sentence that `next` continues: one block with a clause mark in it, or a word cut at
 * the gap that the page prints whole elsewhere. A next text opening with a date or time word always starts an article.
 */
export function isBoundary(heads: Item[], next: Item, words: Set<string>): boolean {
  if (heads.length === 0) return false;
  if (LEAD_OPENER.test(compact(next.lines.slice(0, 3).join('')))) return true;
  if (heads.length > 1) return true;
  const head = heads[0]!;
  if (head.lines.some((line) => CLAUSE.test(line))) return false;
  return !words.has(seam(head, next));
}

/** True when the last of several headline-shaped items is the start of the body below it: a word cut at the gap. */
export function opensBody(heads: Item[], next: Item, words: Set<string>): boolean {
  if (heads.length < 2 || LEAD_OPENER.test(compact(next.lines.slice(0, 3).join('')))) return false;
  return words.has(seam(heads[heads.length - 1]!, next));
}
