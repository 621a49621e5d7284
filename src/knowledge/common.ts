/** Common words shaped like names (data/common-words.json, derived from jieba's dictionary by bench/common-words.ts). */
import table from './data/common-words.json' with { type: 'json' };

const COMMON = new Set(table.words.split(' '));
const NOUNS = new Set(table.nouns.split(' '));

/** Whether a name-shaped string is a common word of the language (强调, 全国, 关系), not a name unless printed as one. */
export const isCommonWord = (s: string): boolean => COMMON.has(s);

/** Whether a common word is a noun (金星, 江山), as a person may be named; a verb or an adjective (强调, 平均) never is. */
export const isCommonNoun = (s: string): boolean => NOUNS.has(s);
