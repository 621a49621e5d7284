/** One matcher for every known name, compiled once: leftmost-longest, non-overlapping hits in one pass over a text. */

/** Names grouped by length, longest first, with the characters a name can start with (a plain lookup table, not a closure). */
export interface NameMatcher {
  names: Set<string>;
  /** Name lengths present, longest first. */
  lengths: number[];
  starts: Set<string>;
}

export interface Hit {
  name: string;
  start: number;
  end: number;
}

/** Compiles the names (2–4 characters each in practice) into a matcher; linear in their number. */
export function compileMatcher(names: Iterable<string>): NameMatcher {
  const set = new Set<string>();
  const lengths = new Set<number>();
  const starts = new Set<string>();
  for (const n of names) {
    if (n.length === 0) continue;
    set.add(n);
    lengths.add(n.length);
    starts.add(n[0]!);
  }
  return { names: set, lengths: [...lengths].sort((a, b) => b - a), starts };
}

/** Every hit in `text`, left to right; at each position the longest name wins, and hits never overlap. O(text × distinct lengths). */
export function matchNames(m: NameMatcher, text: string): Hit[] {
  const out: Hit[] = [];
  let i = 0;
  while (i < text.length) {
    let hit = 0;
    if (m.starts.has(text[i]!)) {
      for (const len of m.lengths) {
        if (m.names.has(text.slice(i, i + len))) {
          hit = len;
          break;
        }
      }
    }
    if (hit > 0) {
      out.push({ name: text.slice(i, i + hit), start: i, end: i + hit });
      i += hit;
    } else i++;
  }
  return out;
}
