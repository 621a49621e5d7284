/**
 * MiniSearch 7.2.0's term tree (a radix tree of Maps, '' holding a term's postings) filled in one pass. Inserting
 * with `SearchableMap.set` scans every child of a node for the one sharing the next character; Chinese gives the
 * root thousands of children, so a large index took seconds to load. This builds the very same tree (same nodes,
 * same edge labels, same child order) as inserting the terms one by one in the same order, finding children by
 * their first character.
 */
import type MiniSearch from 'minisearch';
import { LazyMap } from './lazy-map.ts';
import type { TermPostings } from './postings.ts';

type Node = Map<string, unknown>;
const LEAF = '';

interface TreeMap {
  _tree: Node;
  _prefix: string;
  _size: number | undefined;
}

/** MiniSearch's term map as a tree; throws if its internals are not the ones this module was written for. */
function treeOf(mini: MiniSearch<any>): TreeMap {
  const map = (mini as unknown as { _index?: Partial<TreeMap> })._index;
  if (!map || !(map._tree instanceof Map) || map._prefix !== '' || !('_size' in map)) throw new Error('minisearch internals changed: _index is not a SearchableMap over _tree');
  return map as TreeMap;
}

/** Inserts keys into a radix tree exactly as SearchableMap's createPath does, with each node's children found by first character. */
class TreeInserter {
  private readonly firsts = new Map<Node, Map<string, string>>();

  /** A node's children by first character, read from the node the first time it is needed. */
  private childrenOf(node: Node): Map<string, string> {
    let index = this.firsts.get(node);
    if (!index) {
      index = new Map();
      for (const k of node.keys()) if (k !== LEAF) index.set(k[0]!, k);
      this.firsts.set(node, index);
    }
    return index;
  }

  /** The node for `key`, created (splitting an edge where needed) as createPath creates it. */
  path(root: Node, key: string): Node {
    let node = root;
    let pos = 0;
    while (pos < key.length) {
      const children = this.childrenOf(node);
      const k = children.get(key[pos]!);
      if (k === undefined) {
        const child: Node = new Map();
        node.set(key.slice(pos), child);
        children.set(key[pos]!, key.slice(pos));
        return child;
      }
      const len = Math.min(key.length - pos, k.length);
      let offset = 1;
      while (offset < len && key[pos + offset] === k[offset]) ++offset;
      const child = node.get(k) as Node;
      if (offset === k.length) node = child;
      else {
        const intermediate: Node = new Map();
        intermediate.set(k.slice(offset), child);
        const label = key.slice(pos, pos + offset);
        node.set(label, intermediate);
        node.delete(k);
        children.set(key[pos]!, label);
        this.firsts.set(intermediate, new Map([[k[offset]!, k.slice(offset)]]));
        node = intermediate;
      }
      pos += offset;
    }
    return node;
  }
}

/** Sets every term's postings into the index's term tree, in order, as `_index.set` would one by one. */
export function fillTerms(mini: MiniSearch<any>, terms: Iterable<[string, TermPostings]>): void {
  const map = treeOf(mini);
  const inserter = new TreeInserter();
  for (const [term, postings] of terms) inserter.path(map._tree, term).set(LEAF, postings);
  map._size = undefined;
}

/**
 * Sets terms given in the order a term tree iterates them (MiniSearch's toJSON order, as CompactIndex saves them) into
 * the index's empty term tree, making the very tree `fillTerms` makes of them, `leafAt(i)` the postings of `terms[i]`.
 * In that order the terms under one root child come together, and the root's children come in the order of their
 * first terms: the root is made at once, and each child's subtree (its nodes and postings) when first read.
 */
export function fillInTreeOrder(mini: MiniSearch<any>, terms: readonly string[], leafAt: (i: number) => TermPostings): void {
  const map = treeOf(mini);
  if (map._tree.size > 0) return fillTerms(mini, terms.map((t, i) => [t, leafAt(i)]));
  if (terms.includes('')) {
    insertInOrder(map._tree, terms, 0, terms.length, leafAt);
    map._size = undefined;
    return;
  }
  for (let from = 0; from < terms.length; ) {
    const first = terms[from]!;
    // The child's edge: what every term under it shares (all of a lone term).
    let shared = first.length;
    let to = from + 1;
    for (; to < terms.length && terms[to]!.charCodeAt(0) === first.charCodeAt(0); to++) shared = Math.min(shared, sharedLength(terms[to - 1]!, terms[to]!));
    map._tree.set(first.slice(0, shared), new Subtree(terms, from, to, leafAt));
    from = to;
  }
  map._size = terms.length;
}

/** Makes every subtree of a loaded term tree that no query has read yet (their postings still wait to be read). */
export function readSubtrees(mini: MiniSearch<any>): void {
  for (const child of treeOf(mini)._tree.values()) if (child instanceof LazyMap) child.read();
}

/** A root child of a loaded term tree, its nodes made when first read from the terms [from, to) under it. */
class Subtree extends LazyMap<string, unknown> {
  constructor(private readonly terms: readonly string[], private readonly from: number, private readonly to: number, private readonly leafAt: (i: number) => TermPostings) {
    super();
  }

  protected fill(set: (key: string, value: unknown) => void): void {
    const root: Node = new Map();
    insertInOrder(root, this.terms, this.from, this.to, this.leafAt);
    // The terms make one child of an empty root: this node, whose entries it takes over in their order.
    if (root.size !== 1) throw new Error('a loaded term tree’s terms were not in tree order');
    for (const [key, value] of root.values().next().value as Node) set(key, value);
  }
}

/** Characters two strings share from their start. */
function sharedLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/**
 * Inserts terms [from, to), given in tree order, below `root` as createPath inserts them one by one: each shares the
 * most with the term before it, so the node it hangs from lies on that term's path, kept on a stack, and no node's
 * children are ever searched.
 */
function insertInOrder(root: Node, terms: readonly string[], from: number, to: number, leafAt: (i: number) => TermPostings): void {
  /** The previous term's path: its nodes, and how many of its characters lie above each. */
  const nodes: Node[] = [root];
  const depths: number[] = [0];
  let prev = '';
  for (let i = from; i < to; i++) {
    const term = terms[i]!;
    const shared = sharedLength(term, prev);
    let top = depths.length - 1;
    while (depths[top]! > shared) top--;
    let node = nodes[top]!;
    const below = nodes[top + 1];
    const belowDepth = depths[top + 1]!;
    nodes.length = depths.length = top + 1;
    if (below !== undefined && depths[top]! < shared) {
      // The term leaves the previous one inside an edge: split it there, as createPath does.
      const edge = prev.slice(depths[top]!, belowDepth);
      const intermediate: Node = new Map();
      intermediate.set(edge.slice(shared - depths[top]!), below);
      node.set(edge.slice(0, shared - depths[top]!), intermediate);
      node.delete(edge);
      nodes.push((node = intermediate));
      depths.push(shared);
    }
    if (shared < term.length) {
      const child: Node = new Map();
      node.set(term.slice(shared), child);
      nodes.push((node = child));
      depths.push(term.length);
    }
    node.set(LEAF, leafAt(i));
    prev = term;
  }
}

/** Whether `term` is a key of the subtree under the root edge `edge` (a walk down, as SearchableMap's lookup does). */
function holds(child: Node, edge: string, term: string): boolean {
  if (!term.startsWith(edge)) return false;
  let node: Node | undefined = child;
  let rest = term.slice(edge.length);
  while (node && rest !== '') {
    let next: Node | undefined;
    for (const k of node.keys()) {
      if (k !== LEAF && rest.startsWith(k)) {
        next = node.get(k) as Node;
        rest = rest.slice(k.length);
        break;
      }
    }
    node = next;
  }
  return node !== undefined && node.has(LEAF);
}

type FuzzyGet = (this: { _tree: Node }, term: string, maxDistance: number) => Map<string, [unknown, number]>;

/**
 * Gives the index's term map a fuzzyGet that, at distance 1, leaves out the root's subtrees that cannot hold a term
 * one edit away, and runs MiniSearch's own search over the rest: the same terms, distances and order. A term whose
 * first character is neither of the word's first two can only be that character followed by the word less its first
 * character (a substitution) or by the whole word (an insertion), so such a subtree is kept only when it holds one.
 */
export function quickFuzzy(mini: MiniSearch<any>): void {
  const map = treeOf(mini) as TreeMap & { fuzzyGet: FuzzyGet };
  const own = Object.getPrototypeOf(map).fuzzyGet as FuzzyGet;
  if (typeof own !== 'function') throw new Error('minisearch internals changed: SearchableMap has no fuzzyGet');
  map.fuzzyGet = function (term: string, maxDistance: number) {
    if (maxDistance !== 1 || term.length < 2) return own.call(this, term, maxDistance);
    const kept: Node = new Map();
    for (const [k, v] of this._tree) {
      if (k === LEAF || k[0] === term[0] || k[0] === term[1] || holds(v as Node, k, k[0] + term.slice(1)) || holds(v as Node, k, k[0] + term)) kept.set(k, v);
    }
    return own.call({ _tree: kept }, term, maxDistance);
  };
}
