/** Decides which region each headline belongs to, from how much it shares with the text on either side. */
import type { Item } from './items.ts';
import type { Region, Run } from './regions.ts';
import { bigrams, compact } from './text.ts';

/** Below this share of weighted bigrams a headline is not taken to name a region. */
const MIN_SHARE = 0.2;

type Weights = (gram: string) => number;

function idfWeights(regions: Region[]): Weights {
  const df = new Map<string, number>();
  for (const region of regions) {
    for (const gram of new Set(bigrams(region.lines.map((l) => l.text).join('')))) df.set(gram, (df.get(gram) ?? 0) + 1);
  }
  const n = regions.length;
  return (gram) => Math.log(1 + (n + 1) / ((df.get(gram) ?? 0) + 0.5));
}

/** Share of a headline's weighted bigrams that a region's text contains. */
function share(head: Item, text: Set<string>, weight: Weights): number {
  const grams = [...new Set(bigrams(compact(head.lines.join(''))))];
  let total = 0;
  let hit = 0;
  for (const gram of grams) {
    const w = weight(gram);
    total += w;
    if (text.has(gram)) hit += w;
  }
  return total === 0 ? 0 : hit / total;
}

interface Choice {
  run: Run;
  toPrev: Item[];
  toNext: Item[];
  prevScore: number;
  nextScore: number;
}

/** Gives each region the headline items that belong to it; headlines that name no region are dropped. */
export function assignHeadlines(regions: Region[], runs: Run[]): void {
  const weight = idfWeights(regions);
  const texts = regions.map((r) => new Set(bigrams(r.lines.map((l) => l.text).join(''))));
  const sim = (head: Item, index: number | null): number => (index === null ? -1 : share(head, texts[index]!, weight));

  const scored = runs
    .filter((run) => run.heads.length > 0)
    .map((run) => ({ run, prev: run.heads.map((h) => sim(h, run.prev)), next: run.heads.map((h) => sim(h, run.next)) }));
  // Which way the page runs: headlines after their body, or before it.
  let vote = 0;
  for (const s of scored) if (s.run.prev !== null && s.run.next !== null) vote += Math.sign(sum(s.prev) - sum(s.next));
  const after = vote >= 0;

  const choices: Choice[] = scored.map(({ run, prev, next }) => {
    const k = run.heads.length;
    let best = -Infinity;
    let split = after ? k : 0;
    for (let s = 0; s <= k; s++) {
      if ((run.prev === null && s > 0) || (run.next === null && s < k)) continue;
      const score = sum(prev.slice(0, s)) + sum(next.slice(s));
      const better = score > best + 1e-9 || (Math.abs(score - best) <= 1e-9 && (after ? s > split : s < split));
      if (better) [best, split] = [score, s];
    }
    const toPrev = trim(run.heads.slice(0, split), prev.slice(0, split), 'end');
    const toNext = trim(run.heads.slice(split), next.slice(split), 'start');
    const score = (items: Item[], sims: number[], from: Item[]): number => sum(items.map((h) => sims[from.indexOf(h)]!));
    return {
      run,
      toPrev,
      toNext,
      prevScore: score(toPrev, prev.slice(0, split), run.heads.slice(0, split)),
      nextScore: score(toNext, next.slice(split), run.heads.slice(split)),
    };
  });

  // A region named by headlines on both sides keeps the stronger claim.
  const claims = new Map<number, { items: Item[]; score: number }>();
  const claim = (index: number | null, items: Item[], score: number): void => {
    if (index === null || items.length === 0) return;
    const held = claims.get(index);
    if (!held || score > held.score) claims.set(index, { items, score });
  };
  for (const c of choices) {
    claim(c.run.prev, c.toPrev, c.prevScore);
    claim(c.run.next, c.toNext, c.nextScore);
  }
  for (const [index, { items }] of claims) regions[index]!.heads = items;
}

/** Drops headline items far from their region that share nothing with it (a headline printed without a body). */
function trim(items: Item[], sims: number[], far: 'start' | 'end'): Item[] {
  const kept = items.map((item, i) => ({ item, sim: sims[i]! }));
  while (kept.length > 0) {
    const edge = far === 'end' ? kept[kept.length - 1]! : kept[0]!;
    const alone = kept.length === 1;
    if (edge.sim >= MIN_SHARE || (alone && edge.sim > 0.05)) break;
    if (far === 'end') kept.pop();
    else kept.shift();
  }
  return kept.map((k) => k.item);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
