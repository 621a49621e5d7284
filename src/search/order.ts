/** A ranking's order made as far as it is read: the best hits picked first, the rest sorted when a page first reaches them. */

/** Per ranked position, what orders it: the packed tier key, the date as a number, the score, the candidate's place. */
export interface OrderKeys {
  rank: Float64Array;
  day: Float64Array;
  scores: number[];
  place: Uint32Array;
  /** Newest first before scores (a meetings question, or a date alone). */
  recent: boolean;
}

/** Whether position `x` ranks after position `y`: > 0 when it does. */
function after(k: OrderKeys, x: number, y: number): number {
  return k.rank[y]! - k.rank[x]! || (k.recent ? k.day[y]! - k.day[x]! : 0) || k.scores[y]! - k.scores[x]! || k.day[y]! - k.day[x]! || k.place[x]! - k.place[y]!;
}

/** The positions 0 … n-1. */
function positions(from: number, n: number): number[] {
  const out = new Array<number>(n - from);
  for (let i = from; i < n; i++) out[i - from] = i;
  return out;
}

/** Positions in order: all of them sorted, or (with `top` small) the best `top` sorted first and the rest as they came. */
export function arrange(keys: OrderKeys, top: number): { order: number[]; sorted: number } {
  const n = keys.rank.length;
  if (top * 8 >= n) return { order: positions(0, n).sort((x, y) => after(keys, x, y)), sorted: n };
  if (top <= 0) return { order: positions(0, n), sorted: 0 };
  // The best `top`, kept sorted by insertion: one comparison for most positions.
  const best: number[] = [];
  for (let p = 0; p < n; p++) {
    if (best.length === top && after(keys, p, best[top - 1]!) > 0) continue;
    let at = best.length;
    while (at > 0 && after(keys, p, best[at - 1]!) < 0) at--;
    best.splice(at, 0, p);
    if (best.length > top) best.pop();
  }
  const chosen = new Uint8Array(n);
  for (const p of best) chosen[p] = 1;
  const order = best.slice();
  for (let p = 0; p < n; p++) if (chosen[p] === 0) order.push(p);
  return { order, sorted: best.length };
}

/** The positions `from` on sorted, as arrange would have put them. */
export function sortRest(keys: OrderKeys, from: number): number[] {
  return [...positions(0, from), ...positions(from, keys.rank.length).sort((x, y) => after(keys, x, y))];
}

/** The keys taken in `order`. */
export function permuteKeys(keys: OrderKeys, order: readonly number[]): OrderKeys {
  const rank = new Float64Array(order.length);
  const day = new Float64Array(order.length);
  const place = new Uint32Array(order.length);
  const scores = new Array<number>(order.length);
  order.forEach((p, i) => {
    rank[i] = keys.rank[p]!;
    day[i] = keys.day[p]!;
    place[i] = keys.place[p]!;
    scores[i] = keys.scores[p]!;
  });
  return { rank, day, scores, place, recent: keys.recent };
}
