/** Chinese segmentation for search: jieba's search cut with the corpus dictionary, stop words dropped. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jieba from 'nodejieba';

/** The files nodejieba's first call loads by default (each call loads them when nothing was loaded yet). */
const files = jieba as unknown as { DEFAULT_IDF_DICT: string; DEFAULT_STOP_WORD_DICT: string };
/** jieba's stop word list (8 KB; its native side reads it too), read here once for search (stops()). */
const STOP_WORD_FILE = files.DEFAULT_STOP_WORD_DICT;
/** One line standing in for the keyword extractor's 6 MB idf table: nothing here extracts keywords, and cutting does not read it. An empty file aborts jieba. */
export const LEAN_TABLE = fileURLToPath(new URL('./data/jieba-lean.utf8', import.meta.url));
// Set before any jieba call of the program (they all follow module evaluation): its load takes ~0.5 s of CPU and ~18 MB less.
if (existsSync(LEAN_TABLE)) files.DEFAULT_IDF_DICT = LEAN_TABLE;

/** Loads jieba's dictionaries now (any first call would). */
export function loadJieba(): void {
  jieba.cut('', false);
}

/** nodejieba as the project's postinstall patches it: its dictionaries built on a thread of libuv's pool. */
const offThread = jieba as unknown as { loadAsync?: (options: object, done: (err: Error | null) => void) => void };
let loading: Promise<void> | undefined;

/** Starts building jieba's dictionaries off this thread, which goes on meanwhile (with a stock nodejieba, loads them now); resolves once cutting uses them. Call it before anything cuts. */
export function loadJiebaSoon(): Promise<void> {
  return (loading ??= new Promise<void>((resolve, reject) => {
    if (typeof offThread.loadAsync !== 'function') return void (loadJieba(), resolve());
    offThread.loadAsync({}, (err) => (err ? reject(err) : resolve()));
  }));
}

const inserted = new Set<string>();
let stopWords: Set<string> | null = null;

/** Words that carry no meaning for search: jieba's stop list plus common function characters. */
function stops(): Set<string> {
  if (!stopWords) {
    const list = readFileSync(STOP_WORD_FILE, 'utf8').split(/\r?\n/);
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

/** Every word put into jieba's dictionary so far, in the order it was put in: another thread's jieba given them cuts as this one does. */
export function insertedWords(): string[] {
  return [...inserted];
}

/** Whether `word` is one of the corpus's own words put into jieba: an official's name, a place, an organisation, a campaign term. */
export function isCorpusWord(word: string): boolean {
  return inserted.has(word);
}

const PUNCT = /^[\p{P}\p{S}\s]+$/u;
const SINGLE_HAN = /^\p{Script=Han}$/u;

/** A number (2021, 1.75) or code (pm2.5, 5g, g207) printed in Latin letters and digits, with a percent sign. */
export const ALNUM = /[a-z]*\d+(?:\.\d+)*[a-z]*%?|[a-z]+/gu;
/** A unit printed right after a number: 2021年, 12.6亿元, 1200余人, 30多家. */
const UNIT = /^(?:[余多]?(?:[万亿]?(?:元|人次|人|户|家|个|项|名|吨|亩|辆|次|所|座|场|条|件|台|套|岁|公里|平方米|米|天|批|届|期|位|起|处|栋|间|例|支|只|株|棵|万|亿)|[年月日号倍]))/u;

/** Cuts text into search terms; runs of single characters also give their bigrams, so unknown words still match. Numbers and codes stay whole, a number also with its unit. */
export function segment(text: string): string[] {
  const cleaned = text.normalize('NFKC').replace(/\s+/g, ' ').toLowerCase();
  const out: string[] = [];
  let at = 0;
  for (const m of cleaned.matchAll(ALNUM)) {
    const from = m.index!;
    if (from > at) segmentHan(cleaned.slice(at, from), out);
    const token = m[0];
    out.push(token);
    const unit = /\d$/.test(token) ? UNIT.exec(cleaned.slice(from + token.length, from + token.length + 4)) : null;
    if (unit) out.push(token + unit[0]);
    at = from + token.length;
  }
  if (at < cleaned.length) segmentHan(cleaned.slice(at), out);
  return out;
}

/** Cuts a stretch without Latin letters or digits with jieba, into `out`. */
function segmentHan(cleaned: string, out: string[]): void {
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
}
