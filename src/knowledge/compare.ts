/** Orderings shared by the knowledge floor: one collator for names (a locale argument per call builds a collator each time). */

/** Chinese names and words in pinyin order. */
export const byZh: (a: string, b: string) => number = new Intl.Collator('zh').compare;

/** Plain code-unit order, for ISO dates and ids. */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first; undated last. */
export const byDateDesc = (x: string | null, y: string | null): number => byCode(y ?? '', x ?? '');

/** Two lists sorted by `order` merged into one (stable: on a tie the first list's item comes first); the second list's items are placed by binary search. */
export function mergeSorted<T>(first: readonly T[], second: readonly T[], order: (x: T, y: T) => number): T[] {
  if (second.length === 0) return [...first];
  const out: T[] = [];
  let from = 0;
  for (const item of second) {
    let lo = from;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(first[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    for (; from < lo; from++) out.push(first[from]!);
    out.push(item);
  }
  for (; from < first.length; from++) out.push(first[from]!);
  return out;
}
