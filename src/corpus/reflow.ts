/** Reflows column lines into paragraphs: wrapped lines joined, paragraph ends kept, repeats dropped. */
import type { Region } from './regions.ts';
import { compact, endsSentence, joinWrapped, median, squeeze, width } from './text.ts';

const PARAGRAPH_MARK = /^(——|▲|■|●|◆|【)/;

/** Joins a region's lines into paragraphs. */
export function reflow(lines: Region['lines']): string[] {
  const full = median(lines.map((l) => width(l.text)));
  const paragraphs: string[] = [];
  let current = '';
  let previous = '';
  for (const line of lines) {
    const text = line.text.trim();
    if (text === '') continue;
    if (current === '') {
      current = text;
    } else {
      const ended = endsSentence(current);
      const short = width(previous) < full * 0.75;
      const brk = line.brk === 'hard' || (ended && (line.brk === 'blank' || short || PARAGRAPH_MARK.test(text)));
      if (brk) {
        paragraphs.push(current);
        current = text;
      } else current = joinWrapped(current, text);
    }
    previous = text;
  }
  if (current !== '') paragraphs.push(current);
  return dropRepeats(paragraphs.map(squeeze).filter((p) => p !== ''));
}

/** Drops a paragraph printed twice in a row. */
export function dropRepeats(paragraphs: string[]): string[] {
  return paragraphs.filter((p, i) => i === 0 || compact(p) !== compact(paragraphs[i - 1]!));
}
