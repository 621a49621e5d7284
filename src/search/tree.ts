/**
 * MiniSearch 7.2.0's term tree (a radix tree of Maps, '' holding a term's postings) filled in one pass. Inserting
 * with `SearchableMap.set` scans every child of a node for the one sharing the next character; Chinese gives the
 * root thousands of children, so a large index took seconds to load. This builds the very same tree (same nodes,
 * same edge labels, same child order) as inserting the terms one by one in the same order, finding children by
 * their first character.
 */
import type MiniSearch from 'minisearch';
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
