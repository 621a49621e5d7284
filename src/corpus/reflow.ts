/** Reflows column lines into paragraphs: wrapped lines joined, a paragraph ends only where a sentence ends, repeats dropped. */
import type { Region } from './regions.ts';
import { compact, endsSentence, joinLines, median, width } from './text.ts';

const PARAGRAPH_MARK = /^(——|▲|■|●|◆|【)/;
/** How many of a paragraph's last characters decide whether it ends a sentence (a full stop and its closing quotes). */
const TAIL = 12;

/**
 * Joins a region's lines into paragraphs in one pass. A blank line or a short line starts a paragraph only after a
 * sentence end: a column gap inside a sentence or a word (王家⏎⏎鹏) is not a paragraph break.
 */
export function reflow(lines: Region['lines']): string[] {
  const full = median(lines.map((l) => width(l.text)));
  const paragraphs: string[] = [];
  let parts: string[] = [];
  let previous = '';
  const close = (): void => {
    const paragraph = joinLines(parts);
    if (paragraph !== '') paragraphs.push(paragraph);
    parts = [];
  };
  for (const line of lines) {
    const text = line.text.trim();
    if (text === '') continue;
    const mayBreak = line.brk !== 'none' || width(previous) < full * 0.75 || PARAGRAPH_MARK.test(text);
    if (parts.length > 0 && mayBreak && endsSentence(tail(parts))) close();
    parts.push(text);
    previous = text;
  }
  if (parts.length > 0) close();
  return dropRepeats(paragraphs);
}

/** The last characters of a paragraph's lines, enough to see a full stop and its closing quotes. */
function tail(parts: string[]): string {
  let text = '';
  for (let i = parts.length - 1; i >= 0 && text.length < TAIL; i--) text = compact(parts[i]!) + text;
  return text;
}

/** Drops a paragraph printed twice in a row. */
export function dropRepeats(paragraphs: string[]): string[] {
  return paragraphs.filter((p, i) => i === 0 || compact(p) !== compact(paragraphs[i - 1]!));
}
