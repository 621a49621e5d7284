/** Common words shaped like names (data/common-words.json, derived from jieba's dictionary by bench/common-words.ts). */
import table from './data/common-words.json' with { type: 'json' };

const COMMON = new Set(table.words.split(' '));

/** Whether a name-shaped string is a common word of the language (强调, 全国, 关系), not a name unless printed as one. */
export const isCommonWord = (s: string): boolean => COMMON.has(s);
