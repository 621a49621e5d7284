/** Sorted string lists as plain arrays: cheap to copy (a slice), looked up by binary search, merged in one pass. */
import { byCode } from './compare.ts';
import type { Counted } from './types.ts';

export const emptyCounted = (): Counted => ({ names: [], counts: [] });

/** The index of `name` in sorted `names` (or its sorted first `end` items), or -1. */
export function indexIn(names: readonly string[], name: string, end = names.length): number {
  let lo = 0;
  let hi = end - 1;
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

/** Where `name` is or would go in sorted `names`: the first index whose name is not below it. */
function lowerBound(names: readonly string[], name: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A sorted list with `more` (any order, repeats allowed) merged in, each name once; the held list is copied, never changed. */
export function withNames(names: readonly string[], more: Iterable<string>): string[] {
  if (names.length === 0) return [...new Set(more)].sort(byCode);
  const out = names.slice();
  for (const n of more) {
    const at = lowerBound(out, n);
    if (out[at] !== n) out.splice(at, 0, n);
  }
  return out;
}

/** The counts with `delta` added (negative takes away, a count of 0 is dropped); may share arrays with either, as none is ever changed in place. */
export function withCounts(held: Counted, delta: Counted): Counted {
  if (held.names.length === 0) return delta;
  let names = held.names;
  const counts = held.counts.slice();
  let dropped = false;
  delta.names.forEach((n, k) => {
    const at = lowerBound(names, n);
    if (names[at] === n) {
      counts[at] = counts[at]! + delta.counts[k]!;
      dropped ||= counts[at] === 0;
      return;
    }
    if (names === held.names) names = names.slice();
    names.splice(at, 0, n);
    counts.splice(at, 0, delta.counts[k]!);
  });
  if (!dropped) return { names, counts };
  const keep = counts.map((c) => c !== 0);
  return { names: names.filter((_, i) => keep[i]), counts: counts.filter((c) => c !== 0) };
}
