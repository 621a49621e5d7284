/**
 * The index terms one edit away from a word, looked up in a map of every Han term's one-unit deletions instead of
 * walking MiniSearch's term tree: built once per index on first need, extended as terms arrive. It finds what
 * `_index.fuzzyGet(word, 1)` finds at distance 1 (edits counted in UTF-16 units, as MiniSearch counts them), in the
 * tree's order.
 */
import type MiniSearch from 'minisearch';
import { internals, postingsOf, stampOf, type TermPostings } from './postings.ts';

type Node = Map<string, unknown>;
const HAN = /^\p{Script=Han}+$/u;

/** `s` without its UTF-16 unit at `i`. */
const without = (s: string, i: number): string => s.slice(0, i) + s.slice(i + 1);

/** Whether `a` and `b` are exactly one edit apart (one unit substituted, added or dropped). */
export function oneEdit(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1) return false;
  let head = 0;
  while (head < b.length && a[head] === b[head]) head++;
  if (a.length === b.length) return head < a.length && a.slice(head + 1) === b.slice(head + 1);
  return a.slice(head + 1) === b.slice(head);
}

/** Per index: deletion → the terms it comes from, and the terms already in the map. */
export class Neighbours {
  private readonly byDeletion = new Map<string, string | string[]>();
  private readonly held = new Set<string>();

  /** Adds terms (any: only Han terms of two or more characters are kept, once each). */
  addTerms(terms: Iterable<string>): void {
    for (const term of terms) {
      if (term.length < 2 || this.held.has(term) || !HAN.test(term)) continue;
      this.held.add(term);
      for (let i = 0; i < term.length; i++) {
        const key = without(term, i);
        if (i > 0 && key === without(term, i - 1)) continue;
        const bucket = this.byDeletion.get(key);
        if (bucket === undefined) this.byDeletion.set(key, term);
        else if (typeof bucket === 'string') this.byDeletion.set(key, [bucket, term]);
        else bucket.push(term);
      }
    }
  }

  /** The Han terms of two or more characters one edit from `word` that `keep` keeps and the index holds now, each with its postings, in the tree's order. */
  near(mini: MiniSearch<any>, word: string, keep: (term: string) => boolean = () => true): Array<[string, TermPostings]> {
    const found = new Set<string>();
    const take = (bucket: string | string[] | undefined): void => {
      if (bucket === undefined) return;
      for (const t of typeof bucket === 'string' ? [bucket] : bucket) if (oneEdit(t, word)) found.add(t);
    };
    // Longer by one: the word is one of the term's deletions. Same length: they share a deletion. Shorter by one: a deletion of the word.
    take(this.byDeletion.get(word));
    for (let i = 0; i < word.length; i++) {
      const key = without(word, i);
      take(this.byDeletion.get(key));
      if (this.held.has(key)) found.add(key);
    }
    const out: Array<[string, TermPostings]> = [];
    for (const t of found) {
      if (!keep(t)) continue;
      const postings = postingsOf(mini, t);
      if (postings) out.push([t, postings]);
    }
    return out.length > 1 ? inTreeOrder(mini, out) : out;
  }
}

/** Entries sorted as a walk of MiniSearch's term tree meets their terms (each node's keys in insertion order, its own term where its '' key stands). */
function inTreeOrder<T>(mini: MiniSearch<any>, entries: Array<[string, T]>): Array<[string, T]> {
  const tree = (internals(mini)._index as unknown as { _tree: Node })._tree;
  const roots = rootPlaces(mini, tree);
  const paths = new Map(entries.map(([t]) => [t, pathOf(tree, roots.get(t[0]!), t)]));
  return [...entries].sort(([a], [b]) => comparePaths(paths.get(a)!, paths.get(b)!));
}

/** Per index: the root's keys by first unit (they start with distinct units), each with its place in the root's order, and the state it was read in. */
const rootOrders = new WeakMap<object, { tree: Node; stamp: string; places: Map<string, [string, number]> }>();

/** The root's keys and places by first unit, read again when the index changed. */
function rootPlaces(mini: MiniSearch<any>, tree: Node): Map<string, [string, number]> {
  const stamp = stampOf(mini, tree);
  const cached = rootOrders.get(mini);
  if (cached?.tree === tree && cached.stamp === stamp) return cached.places;
  const places = new Map<string, [string, number]>();
  let at = 0;
  for (const k of tree.keys()) places.set(k.slice(0, 1), [k, at++]);
  rootOrders.set(mini, { tree, stamp, places });
  return places;
}

/** The positions of the keys taken from the root down to `term`'s '' key, the root's own key and position given. */
function pathOf(tree: Node, root: [string, number] | undefined, term: string): number[] {
  if (!root || !term.startsWith(root[0])) return [];
  const path = [root[1]];
  let node = tree.get(root[0]) as Node;
  let rest = term.slice(root[0].length);
  for (;;) {
    let at = 0;
    let next: Node | undefined;
    for (const k of node.keys()) {
      if (k === '' ? rest === '' : rest.startsWith(k)) {
        path.push(at);
        if (k === '') return path;
        next = node.get(k) as Node;
        rest = rest.slice(k.length);
        break;
      }
      at++;
    }
    if (!next) return path;
    node = next;
  }
}

function comparePaths(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
