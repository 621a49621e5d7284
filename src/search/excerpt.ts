/** Excerpts: the passage of an article around the best hit, with the query words marked. */
import { escapeHtml } from '../bot/html.ts';

export interface Excerpt {
  text: string;
  /** [start, end) offsets of marked words inside `text`. */
  marks: Array<[number, number]>;
}

/** Finds the window of about `width` characters that holds the most query words. */
export function excerpt(body: string, words: string[], width = 80): Excerpt {
  const text = body.replace(/\s*\n\s*/g, ' ');
  const needles = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  const hits: Array<[number, number]> = [];
  const lower = text.toLowerCase();
  for (const w of needles) {
    for (let at = lower.indexOf(w.toLowerCase()); at >= 0; at = lower.indexOf(w.toLowerCase(), at + w.length)) {
      if (!hits.some(([s, e]) => at < e && at + w.length > s)) hits.push([at, at + w.length]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  if (hits.length === 0) return { text: clip(text, 0, width), marks: [] };
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < hits.length; i++) {
    const inside = hits.filter(([s, e]) => s >= hits[i]![0] && e <= hits[i]![0] + width);
    const score = new Set(inside.map(([s, e]) => lower.slice(s, e))).size * 10 + inside.length;
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  const start = Math.max(0, Math.min(hits[best]![0] - Math.floor(width / 4), text.length - width));
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const marks = hits
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s - start + prefix.length, e - start + prefix.length] as [number, number]);
  return { text: clip(text, start, width), marks };
}

function clip(text: string, start: number, width: number): string {
  const end = Math.min(text.length, start + width);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** The excerpt as Telegram HTML, the marked words in bold. */
export function excerptHtml(ex: Excerpt): string {
  let out = '';
  let at = 0;
  for (const [s, e] of ex.marks) {
    out += `${escapeHtml(ex.text.slice(at, s))}<b>${escapeHtml(ex.text.slice(s, e))}</b>`;
    at = e;
  }
  return out + escapeHtml(ex.text.slice(at));
}
