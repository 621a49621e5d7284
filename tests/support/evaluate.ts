/** Measures ranking quality on a query set: precision at 1 and mean reciprocal rank. */

export interface LabelledQuery {
  q: string;
  /** The expected article's title, or the start of it. */
  expect: string;
}

export interface Quality {
  p1: number;
  mrr: number;
  misses: Array<{ q: string; rank: number | null; first: string | null }>;
}

/** Scores a search function that returns ranked article ids. */
export function evaluate(search: (q: string) => string[], queries: LabelledQuery[], titleOf: (id: string) => string): Quality {
  let p1 = 0;
  let rr = 0;
  const misses: Quality['misses'] = [];
  for (const { q, expect } of queries) {
    const ids = search(q).slice(0, 10);
    const rank = ids.findIndex((id) => titleOf(id).startsWith(expect));
    if (rank === 0) p1++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank !== 0) misses.push({ q, rank: rank < 0 ? null : rank + 1, first: ids[0] ? titleOf(ids[0]) : null });
  }
  return { p1: p1 / queries.length, mrr: rr / queries.length, misses };
}
