/** The corpus's own words for jieba: officials, places, organisations and campaign terms in quotes. */
import { byZh } from './compare.ts';
import jieba from 'nodejieba';
import { deckText, type Article } from '../corpus/types.ts';

export type TermKind = 'name' | 'place' | 'org' | 'term';

export interface DictionaryEntry {
  word: string;
  kind: TermKind;
  /** Articles that print the word. */
  count: number;
}

const PLACE_SUFFIX = /村|街道|镇|乡|社区/gu;
/** Two-character words that end like a place but are not one. */
const NOT_PLACE = new Set(['城乡', '返乡', '农村', '乡村', '下乡', '城镇', '乡镇', '家乡', '故乡', '老乡', '村村', '进村', '全村', '该村', '本村', '各村', '全乡', '该乡', '全镇', '该镇', '重镇', '名镇', '小镇', '城中村']);
/** Part-of-speech tags of a place name's own part: unknown words, proper nouns, bound morphemes. */
const NAME_TAGS = new Set(['x', 'ns', 'nr', 'nz', 'nrt', 'zg', 'j']);
const ORG_SUFFIX = /(?:有限公司|公司|医院|大学|中学|小学|学校|产业园|服务中心|中心|集团)(?![组校])/gu;
/** Tags a name may be made of before an organisation suffix: proper and common nouns, unknown words, place names. */
const ORG_TAGS = new Set([...NAME_TAGS, 'n', 'nt', 'vn', 'an', 'eng', 'ng']);
const QUOTED = /“([^”“\s]{2,8})”/gu;

/** Places a text names (杨楼村, 文昌街道, 阳庙镇, 苏家作乡): the proper-noun words just before a place suffix. */
export function extractPlaces(text: string): string[] {
  const found = new Set<string>();
  const flat = text.replace(/\s+/g, '');
  for (const m of flat.matchAll(PLACE_SUFFIX)) {
    const at = m.index!;
    if (NOT_PLACE.has(flat.slice(at - 1, at + m[0].length)) || NOT_PLACE.has(flat.slice(at - 2, at + m[0].length))) continue;
    const tokens = jieba.tag(flat.slice(Math.max(0, at - 6), at));
    let name = '';
    for (let i = tokens.length - 1; i >= 0 && NAME_TAGS.has(tokens[i]!.tag) && /^\p{Script=Han}+$/u.test(tokens[i]!.word); i--) {
      name = tokens[i]!.word + name;
    }
    const len = [...name].length;
    if (len >= 1 && len <= 4) found.add(name + m[0]);
  }
  return [...found];
}

/** Organisations a text names (焦作同仁医院, 河南科彤科技有限公司): the run of noun-like words before a suffix. */
export function extractOrganisations(text: string): string[] {
  const found = new Set<string>();
  const flat = text.replace(/\s+/g, '');
  for (const m of flat.matchAll(ORG_SUFFIX)) {
    const at = m.index!;
    const tokens = jieba.tag(flat.slice(Math.max(0, at - 12), at));
    let name = '';
    for (let i = tokens.length - 1; i >= 0 && ORG_TAGS.has(tokens[i]!.tag) && /^[\p{Script=Han}A-Za-z0-9]+$/u.test(tokens[i]!.word); i--) {
      name = tokens[i]!.word + name;
    }
    const word = name + m[0];
    if ([...name].length >= 2 && [...word].length <= 16) found.add(word);
  }
  return [...found];
}

/** Campaign terms printed in quotes: “万人助万企”, “三个一批”, “四好农村路”. */
export function extractQuotedTerms(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(QUOTED)) if (/\p{Script=Han}/u.test(m[1]!) && !/[，。、]/.test(m[1]!)) found.add(m[1]!);
  return [...found];
}

/** Builds the user dictionary from the articles and the officials' names (with their variants). */
export function buildDictionary(articles: Article[], names: string[]): DictionaryEntry[] {
  const entries = new Map<string, DictionaryEntry>();
  const add = (word: string, kind: TermKind): void => {
    const held = entries.get(word);
    if (held) held.count++;
    else entries.set(word, { word, kind, count: 1 });
  };
  for (const name of new Set(names)) add(name, 'name');
  for (const a of articles) {
    const text = `${a.title}\n${deckText(a)}\n${a.body}`;
    for (const w of extractPlaces(text)) add(w, 'place');
    for (const w of extractOrganisations(text)) add(w, 'org');
    for (const w of extractQuotedTerms(text)) add(w, 'term');
  }
  return [...entries.values()].sort((a, b) => byZh(a.word, b.word));
}
