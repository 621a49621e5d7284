/** Chinese segmentation for search: jieba's search cut with the corpus dictionary, stop words dropped. */
import { readFileSync } from 'node:fs';
import jieba from 'nodejieba';

const inserted = new Set<string>();
let stopWords: Set<string> | null = null;

/** Words that carry no meaning for search: jieba's stop list plus common function characters. */
function stops(): Set<string> {
  if (!stopWords) {
    const file = (jieba as unknown as { DEFAULT_STOP_WORD_DICT: string }).DEFAULT_STOP_WORD_DICT;
    const list = readFileSync(file, 'utf8').split(/\r?\n/);
    stopWords = new Set([...list.map((w) => w.trim()).filter(Boolean), '的', '了', '和', '与', '及', '在', '是', '对', '把', '将', '等', '要', '并', '也', '又', '为', '以', '于']);
  }
  return stopWords;
}

/** Adds words to jieba's dictionary once each, so names and places are cut whole. */
export function addWords(words: Iterable<string>): number {
  let added = 0;
  for (const word of words) {
    if (inserted.has(word) || !/\p{Script=Han}/u.test(word)) continue;
    jieba.insertWord(word);
    inserted.add(word);
    added++;
  }
  return added;
}

const PUNCT = /^[\p{P}\p{S}\s]+$/u;
const SINGLE_HAN = /^\p{Script=Han}$/u;

/** Cuts text into search terms; runs of single characters also give their bigrams, so unknown words still match. */
export function segment(text: string): string[] {
  const cleaned = text.normalize('NFKC').replace(/\s+/g, ' ').toLowerCase();
  const out: string[] = [];
  let run: string[] = [];
  const flushRun = (): void => {
    for (let i = 0; i + 1 < run.length; i++) out.push(run[i]! + run[i + 1]!);
    run = [];
  };
  for (const token of jieba.cutForSearch(cleaned, false)) {
    const t = token.trim();
    if (t === '' || PUNCT.test(t)) {
      flushRun();
      continue;
    }
    if (SINGLE_HAN.test(t)) run.push(t);
    else flushRun();
    if (!stops().has(t)) out.push(t);
    // A corpus word such as a company name is also indexed by its bigrams, so part of it (京油润道) still finds it.
    if (inserted.has(t) && [...t].length >= 4) run.push(...t), flushRun();
  }
  flushRun();
  return out;
}
