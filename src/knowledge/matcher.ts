/** One matcher for every known name, compiled once: leftmost-longest, non-overlapping hits in one pass over a text. */

/** Names grouped by length, longest first, with the character pairs a name can start with (plain lookup tables, not closures). */
export interface NameMatcher {
  names: Set<string>;
  /** Name lengths present, longest first. */
  lengths: number[];
  /** Which UTF-16 units a name can start with (1 = some name does). */
  starts: Uint8Array;
  /** The first two units of every name of two or more, as first × 65536 + second. */
  heads: Set<number>;
  /** Whether a one-unit name is known (then a position is tried without its pair). */
  single: boolean;
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
  const starts = new Uint8Array(65536);
  const heads = new Set<number>();
  let single = false;
  for (const n of names) {
    if (n.length === 0) continue;
    set.add(n);
    lengths.add(n.length);
    starts[n.charCodeAt(0)] = 1;
    if (n.length === 1) single = true;
    else heads.add(n.charCodeAt(0) * 65536 + n.charCodeAt(1));
  }
  return { names: set, lengths: [...lengths].sort((a, b) => b - a), starts, heads, single };
}

/** Whether a name can start at `i`: its first unit, and its first two, begin some name. */
function mayStartAt(m: NameMatcher, text: string, i: number): boolean {
  const first = text.charCodeAt(i);
  return m.starts[first] === 1 && (m.single || m.heads.has(first * 65536 + text.charCodeAt(i + 1)));
}

/** Every hit in `text`, left to right; at each position the longest name wins, and hits never overlap. O(text × distinct lengths). */
export function matchNames(m: NameMatcher, text: string): Hit[] {
  const out: Hit[] = [];
  let i = 0;
  while (i < text.length) {
    let hit = 0;
    if (mayStartAt(m, text, i)) {
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

/** Every name printed anywhere in `text`, overlapping ones too. */
export function printedNames(m: NameMatcher, text: string): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    if (!mayStartAt(m, text, i)) continue;
    for (const len of m.lengths) {
      const word = text.slice(i, i + len);
      if (word.length === len && m.names.has(word)) found.add(word);
    }
  }
  return found;
}
