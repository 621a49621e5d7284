/** Cuts a page into items: runs of lines between blank lines, split again where a new item plainly starts. */
import { NEWS_START, parsePhotoCredit, parseStandaloneByline } from './byline.ts';
import { LEAD_CLAUSE } from './dateline.ts';
import { compact, endsSentence, normalizeLine } from './text.ts';

export type ItemType = 'start' | 'byline' | 'credit' | 'head' | 'label' | 'text';

export interface Item {
  type: ItemType;
  lines: string[];
  /** True when a blank line stands before the item. */
  blankBefore: boolean;
  /** True for a headline printed on the same line as the next 本报讯. */
  glued: boolean;
}

const FOOTER = /(扫一扫|关注我们|公众号|二维码|客户端|版式设计|责任编辑|本版编辑)/;
const NO_HEAD_START = /^[，、。；：！？”’）)》,.;:]/;
const NO_HEAD_END = /[，、：；:,;（(“‘《]$/;

/** Splits raw page text into items and types each one. */
export function toItems(text: string): Item[] {
  const items: Item[] = [];
  let current: Item | null = null;
  let blank = true;
  const open = (line: string, glued = false): void => {
    current = { type: 'text', lines: [line], blankBefore: blank, glued };
    items.push(current);
    blank = false;
  };
  for (const raw of mendBreaks(text).split('\n')) {
    const normal = normalizeLine(raw);
    // Most lines hold neither an editor code nor a 本报讯: they skip both look-ups (a 2 MB page has a million lines).
    const { line, ends } = CIRCLED.test(normal) ? dropEditorCode(normal) : { line: normal, ends: false };
    if (line === '') {
      current = null;
      blank = true;
      continue;
    }
    for (const piece of line.includes('讯') ? unglue(line) : [{ text: line, glued: false }]) {
      if (current !== null && NEWS_START.test(piece.text)) splitHeadlineTail(current, items);
      const press = piece.text.startsWith('本报');
      const startsItem =
        piece.glued || piece.text.startsWith('▲') || (press && (NEWS_START.test(piece.text) || parseStandaloneByline(piece.text) !== null));
      const afterCredit = current !== null && endsWithCredit(current);
      const afterGlued = current !== null && (current as Item).glued;
      if (current === null || startsItem || afterCredit || afterGlued) {
        if (piece.glued && current !== null && isHeadlineShaped(current)) {
          (current as Item).lines.push(piece.text);
          (current as Item).glued = true;
          continue;
        }
        open(piece.text, piece.glued);
      } else (current as Item).lines.push(piece.text);
    }
    // An editor code closes its article: what follows starts a new item.
    if (ends) {
      current = null;
      blank = true;
    }
  }
  items.forEach((item, i) => (item.type = classify(item, items[i - 1])));
  return items;
}

const CIRCLED = /[\u2460-\u2473\u24EA\u2776-\u277F]/u;
/** An editor's code (①5, ②) at the end of a body or on a line of its own: never text. */
const EDITOR_CODE = /(^|[。！？!?”’」』）)])\s*[\u2460-\u2473\u24EA\u2776-\u277F]\s*\d{0,3}$/u;

/** The line without its editor code, and whether it had one (the article ends there). */
export function dropEditorCode(line: string): { line: string; ends: boolean } {
  const m = EDITOR_CODE.exec(line);
  return m ? { line: line.slice(0, m.index + m[1]!.length).trim(), ends: true } : { line, ends: false };
}

/**
 * A headline printed straight above the next 本报讯 with no blank line sits at the end of the item before it: its
 * last lines after the last sentence end, when they are headline-shaped, become an item of their own.
 */
function splitHeadlineTail(item: Item, items: Item[]): void {
  if (item !== items[items.length - 1] || item.lines.length < 2) return;
  let cut = item.lines.length;
  while (cut > 0 && !endsSentence(item.lines[cut - 1]!) && item.lines.length - cut < 6) cut--;
  if (cut === 0 || cut === item.lines.length || !endsSentence(item.lines[cut - 1]!)) return;
  const tail: Item = { type: 'text', lines: item.lines.slice(cut), blankBefore: false, glued: false };
  if (!isHeadlineShaped(tail)) return;
  item.lines.length = cut;
  items.push(tail);
}

/** Splits "headline 本报讯（…）" printed on one line into the headline and the news start. */
function unglue(line: string): Array<{ text: string; glued: boolean }> {
  const at = line.search(/本报\p{Script=Han}{0,4}讯\s*[（(]/u);
  if (at <= 0) return [{ text: line, glued: false }];
  const head = line.slice(0, at).trim();
  if (head === '') return [{ text: line, glued: false }];
  return [
    { text: head, glued: !endsSentence(head) },
    { text: line.slice(at), glued: false },
  ];
}

/** Rejoins the few markers that must sit on one line but that a column wrapped: 本报讯, 本报记者, a photo credit. */
export function mendBreaks(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/本\s*报\s*讯/g, (m) => (m.includes('\n') ? '\n本报讯' : m))
    .replace(/本报讯[ \t]*\n\s*(?=[（(])/g, '本报讯')
    .replace(/本\s*报\s*记\s*者/g, (m) => (m.includes('\n') ? '本报记者' : m))
    .replace(/记者((?:\s*\p{Script=Han}){2,4}\s*摄)(?=[ \t]*(?:\n|$))/gu, (m) => m.replace(/\n/g, ''));
}

/** How many of an item's last lines a photo credit can span once mendBreaks has rejoined it. */
const CREDIT_LINES = 3;

/** True when the item ends with a photographer's credit (only its last lines are read, so a long item costs no more). */
export function endsWithCredit(item: Item): boolean {
  if (!/摄\s*[)）]?$/.test(lastLine(item))) return false;
  return parsePhotoCredit(item.lines.slice(-CREDIT_LINES).join('')) !== null;
}

function lastLine(item: Item): string {
  return item.lines[item.lines.length - 1]!;
}

/** A block that could be all or part of a headline: short, and no sentence in it. */
function isHeadlineShaped(item: Item): boolean {
  const t = compact(item.lines.join(''));
  const len = [...t].length;
  return len >= 4 && len <= 70 && !/[。！？!?；;]/.test(t) && !NO_HEAD_START.test(t) && !NO_HEAD_END.test(t) && !/本报/.test(t);
}

/** True when the text before this item left a sentence open, so the item continues it. */
function continuesSentence(prev: Item | undefined): boolean {
  if (!prev) return false;
  if (prev.type === 'head' || prev.type === 'label' || prev.type === 'credit' || prev.type === 'byline') return false;
  return !endsSentence(lastLine(prev));
}

function classify(item: Item, prev: Item | undefined): ItemType {
  const first = item.lines[0]!;
  const joined = item.lines.join('');
  if (NEWS_START.test(first)) return 'start';
  if (item.lines.length === 1 && parseStandaloneByline(first)) return 'byline';
  if (endsWithCredit(item)) return 'credit';
  if (item.glued) return 'head';
  if (continuesSentence(prev)) return 'text';
  const t = compact(joined);
  if (LEAD_CLAUSE.test(t)) return 'text';
  if (FOOTER.test(t) && [...t].length <= 16) return 'label';
  if ([...t].length <= 6 && !/[\p{P}]/u.test(t)) return 'label';
  if (isHeadlineShaped(item)) return 'head';
  return 'text';
}
