/**
 * Derives src/knowledge/data/common-words.json from jieba's dictionary: `npx tsx bench/common-words.ts`.
 * Kept: words shaped like a name (a surname first, 2–3 Han characters, 3–4 after a compound surname) that jieba counts
 * at least MIN_FREQ times and does not tag as a person's name (nr, nrfg, nrt): 强调, 全国, 关系, 文化, 石首; `nouns` holds those
 * tagged as nouns (n, nz, ns: 金星, 江山), the only ones a person can be named.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isNameShape } from '../src/knowledge/extract.ts';

const DICT = 'node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8';
const MIN_FREQ = 30;
const NOUN_TAGS = new Set(['n', 'nz', 'ns']);
const rows = readFileSync(DICT, 'utf8').split('\n').map((line) => line.split(' '))
  .filter(([word, freq, tag]) => word && tag && !tag.startsWith('nr') && Number(freq) >= MIN_FREQ && isNameShape(word))
  .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
const words = rows.map(([word]) => word!);
const nouns = rows.filter(([, , tag]) => NOUN_TAGS.has(tag!)).map(([word]) => word!);
const derivation = `jieba.dict.utf8: name-shaped words (a surname first) counted >= ${MIN_FREQ} times, not tagged nr*; bench/common-words.ts`;
writeFileSync('src/knowledge/data/common-words.json', `${JSON.stringify({ derivation, words: words.join(' '), nouns: nouns.join(' ') }, null, 1)}\n`);
console.log(words.length, nouns.length);
