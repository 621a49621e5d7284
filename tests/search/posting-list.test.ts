// PostingList stands in for the Map MiniSearch keeps per term and field: it must behave as that Map does.
import { describe, expect, it } from 'vitest';
import { PostingList } from '../../src/search/posting-list.ts';
import { createIndex } from '../../src/search/options.ts';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sorted = (m: Map<number, number>): Array<[number, number]> => [...m].sort((a, b) => a[0] - b[0]);

describe('PostingList', () => {
  it('holds what a Map holds after any mix of sets and deletes', () => {
    const next = random(7);
    for (let round = 0; round < 50; round++) {
      const list = new PostingList();
      const map = new Map<number, number>();
      for (let op = 0; op < 200; op++) {
        const id = Math.floor(next() * 60);
        if (next() < 0.3) expect(list.delete(id)).toBe(map.delete(id));
        else {
          const tf = 1 + Math.floor(next() * 9);
          list.set(id, tf);
          map.set(id, tf);
        }
        expect(list.size).toBe(map.size);
        expect(list.get(id)).toBe(map.get(id));
        expect(list.has(id)).toBe(map.has(id));
      }
      expect([...list]).toEqual(sorted(map));
      expect([...list.keys()]).toEqual(sorted(map).map(([k]) => k));
      expect([...list.values()]).toEqual(sorted(map).map(([, v]) => v));
    }
  });

  it('keeps ids in the order MiniSearch adds them, which is a Map’s insertion order', () => {
    const list = new PostingList();
    const map = new Map<number, number>();
    for (const id of [0, 3, 4, 9, 12, 40, 41]) (list.set(id, id % 5 + 1), map.set(id, id % 5 + 1));
    list.set(4, 7);
    map.set(4, 7);
    expect([...list.entries()]).toEqual([...map.entries()]);
  });

  it('goes on after the entry it visited when entries are deleted while iterating, as a Map does', () => {
    const ids = [1, 2, 5, 8, 9, 13, 21, 22, 30];
    const visit = (m: Map<number, number>): number[] => {
      const seen: number[] = [];
      for (const [id] of m) {
        seen.push(id);
        if (id % 2 === 1) m.delete(id);
        if (id === 8) m.delete(2);
        if (id === 13) m.delete(22);
      }
      return seen;
    };
    const list = PostingList.of(ids, ids.map(() => 1));
    const map = new Map(ids.map((id) => [id, 1]));
    expect(visit(list)).toEqual(visit(map));
    expect([...list]).toEqual([...map]);
    const viaForEach = PostingList.of(ids, ids.map(() => 1));
    const seen: number[] = [];
    viaForEach.forEach((_, id) => (seen.push(id), id % 3 === 0 && viaForEach.delete(id)));
    expect(seen).toEqual(ids);
    expect([...viaForEach.keys()]).toEqual(ids.filter((id) => id % 3 !== 0));
  });

  it('keeps a long list and the postings appended after it as one list, through deletes while iterating', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => 3 * i);
    const list = PostingList.of(ids, ids.map(() => 1));
    const map = new Map(ids.map((id) => [id, 1]));
    for (let id = 3000; id < 3400; id += 2) (list.set(id, 2), map.set(id, 2));
    list.set(3, 9);
    map.set(3, 9);
    expect([...list]).toEqual([...map]);
    const visit = (m: Map<number, number>): number[] => {
      const seen: number[] = [];
      m.forEach((_, id) => {
        seen.push(id);
        if (id % 4 === 0) m.delete(id);
        if (id === 2997) m.delete(3002);
      });
      return seen;
    };
    expect(visit(list)).toEqual(visit(map));
    expect([...list.entries()]).toEqual([...map.entries()]);
    expect(list.size).toBe(map.size);
  });

  it('gives up the room it kept for growth when trimmed, and its pairs as one array', () => {
    const list = new PostingList();
    for (let id = 0; id < 100; id++) list.set(id, 2);
    list.trim();
    expect(list.pairs()).toHaveLength(200);
    expect(new PostingList(list.pairs()).get(99)).toBe(2);
    const out = new Uint32Array(203);
    expect(list.writeTo(out, 3)).toBe(203);
    expect([...out.subarray(3, 7)]).toEqual([0, 2, 1, 2]);
  });
});

describe('an index made with posting lists', () => {
  const docs = ['示范区召开疫情防控工作会议', '疫情防控工作会议在示范区召开', '示范区开展安全生产检查', '安全生产月活动启动'].map((body, i) => ({ id: `a${i}`, title: '', subtitle: '', body, people: '', places: '', date: '2021-01-0' + (i + 1), source: 'p' }));

  it('stores its postings as PostingLists and finds what MiniSearch finds', () => {
    const mini = createIndex();
    mini.addAll(docs);
    const byField = (mini as unknown as { _index: { get(t: string): Map<number, unknown> } })._index.get('示范区')!;
    expect([...byField.values()].every((l) => l instanceof PostingList)).toBe(true);
    expect(mini.search('示范区 疫情').map((r) => r.id)).toEqual(['a0', 'a1', 'a2']);
  });

  it('drops a discarded document’s postings when vacuumed, and finds the rest', async () => {
    const mini = createIndex();
    mini.addAll(docs);
    mini.discard('a0');
    await mini.vacuum();
    const byField = (mini as unknown as { _index: { get(t: string): Map<number, Map<number, number>> } })._index.get('示范区')!;
    expect([...byField.values()].flatMap((l) => [...l.keys()])).toEqual([1, 2]);
    expect(mini.search('疫情').map((r) => r.id)).toEqual(['a1']);
    mini.add({ ...docs[0]!, id: 'a9' });
    expect(mini.search('疫情').map((r) => r.id).sort()).toEqual(['a1', 'a9']);
  });
});
