/** Orderings shared by the knowledge floor: one collator for names (a locale argument per call builds a collator each time). */

/** Chinese names and words in pinyin order. */
export const byZh: (a: string, b: string) => number = new Intl.Collator('zh').compare;

/** Plain code-unit order, for ISO dates and ids. */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first; undated last. */
export const byDateDesc = (x: string | null, y: string | null): number => byCode(y ?? '', x ?? '');
