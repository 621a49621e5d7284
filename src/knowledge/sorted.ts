/** Sorted string lists as plain arrays: cheap to copy (a slice), looked up by binary search, merged in one pass. */
import { byCode } from './compare.ts';
import type { Counted } from './types.ts';

export const emptyCounted = (): Counted => ({ names: [], counts: [] });

/** The index of `name` in sorted `names`, or -1. */
export function indexIn(names: readonly string[], name: string): number {
  let lo = 0;
  let hi = names.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = names[mid]!;
    if (at === name) return mid;
    if (at < name) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export const hasIn = (names: readonly string[], name: string): boolean => indexIn(names, name) !== -1;

/** A sorted list with `more` (any order, repeats allowed) merged in, each name once. */
export function withNames(names: readonly string[], more: Iterable<string>): string[] {
  const add = [...new Set(more)].filter((n) => !hasIn(names, n)).sort(byCode);
  if (add.length === 0) return names.slice();
  const out: string[] = [];
  let j = 0;
  for (const n of names) {
    while (j < add.length && add[j]! < n) out.push(add[j++]!);
    out.push(n);
  }
  for (; j < add.length; j++) out.push(add[j]!);
  return out;
}

/** Counts keyed by name, sorted. */
export function countedOf(counts: ReadonlyMap<string, number>): Counted {
  const names = [...counts.keys()].sort(byCode);
  return { names, counts: names.map((n) => counts.get(n)!) };
}

/** The counts with `delta` (sorted, as countedOf makes it) added, negative taking away; a name whose count reaches 0 is dropped. */
export function withCounts(held: Counted, delta: Counted): Counted {
  const out = emptyCounted();
  const push = (name: string, count: number): void => {
    if (count === 0) return;
    out.names.push(name);
    out.counts.push(count);
  };
  let j = 0;
  const more = delta.names;
  held.names.forEach((n, i) => {
    for (; j < more.length && more[j]! < n; j++) push(more[j]!, delta.counts[j]!);
    push(n, held.counts[i]! + (more[j] === n ? delta.counts[j++]! : 0));
  });
  for (; j < more.length; j++) push(more[j]!, delta.counts[j]!);
  return out;
}
