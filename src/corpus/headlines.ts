/** Decides which region each headline belongs to, from how much it shares with the text on either side. */
import type { Item } from './items.ts';
import type { Region, Run } from './regions.ts';
import { bigrams, compact, findPairs, pairIndex, phrases } from './text.ts';

/** Below this share of weighted bigrams a headline is not taken to name a region. */
const MIN_SHARE = 0.2;
/** A kicker (引题) names its article's theme more than its words: beside the main line it needs only this share. */
const KICKER_SHARE = 0.08;
const KICKER_CHARS = 8;

type Weights = (gram: string) => number;

/** Inverse document frequency of a bigram over the regions' texts. */
function idfWeights(texts: Array<Set<string>>): Weights {
  const df = new Map<string, number>();
  for (const grams of texts) for (const gram of grams) df.set(gram, (df.get(gram) ?? 0) + 1);
  const n = texts.length;
  return (gram) => Math.log(1 + (n + 1) / ((df.get(gram) ?? 0) + 0.5));
}

/** Headline bigrams of every run, for findPairs. */
function wantedGrams(runs: Run[]): Set<string> {
  const wanted = new Set<string>();
  for (const run of runs) for (const head of run.heads) for (const gram of bigrams(compact(head.lines.join('')))) wanted.add(gram);
  return wanted;
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
  const wanted = pairIndex(wantedGrams(runs));
  const texts = regions.map((r) => findPairs(r.lines.map((l) => l.text), wanted));
  const weight = idfWeights(texts);
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
    const prevSums = prefixSums(prev);
    const nextSums = prefixSums(next);
    let best = -Infinity;
    let split = after ? k : 0;
    for (let s = 0; s <= k; s++) {
      if ((run.prev === null && s > 0) || (run.next === null && s < k)) continue;
      const score = prevSums[s]! + (nextSums[k]! - nextSums[s]!);
      const better = score > best + 1e-9 || (Math.abs(score - best) <= 1e-9 && (after ? s > split : s < split));
      if (better) [best, split] = [score, s];
    }
    const toPrev = trim(run.heads.slice(0, split), prev.slice(0, split), 'end');
    const toNext = trim(run.heads.slice(split), next.slice(split), 'start');
    return { run, toPrev: toPrev.items, toNext: toNext.items, prevScore: toPrev.score, nextScore: toNext.score };
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

/** Drops headline items far from their region that share nothing with it (a headline printed without a body); returns the kept ones and their summed share. */
function trim(items: Item[], sims: number[], far: 'start' | 'end'): { items: Item[]; score: number } {
  let from = 0;
  let to = items.length;
  while (to > from) {
    const edge = far === 'end' ? sims[to - 1]! : sims[from]!;
    const alone = to - from === 1;
    const kicker = !alone && (edge > KICKER_SHARE || kickerShaped(items[far === 'end' ? to - 1 : from]!));
    if (edge >= MIN_SHARE || (alone && edge > 0.05) || kicker) break;
    if (far === 'end') to--;
    else from++;
  }
  return { items: items.slice(from, to), score: sum(sims.slice(from, to)) };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A kicker's shape: short (科技部传来好消息), or phrases set apart by a space (简洁顺畅 网上交易). */
function kickerShaped(item: Item): boolean {
  const text = phrases(item.lines);
  return text.includes(' ') || [...text].length <= KICKER_CHARS;
}

/** sums[i] is the sum of the first i values. */
function prefixSums(values: number[]): number[] {
  const sums = [0];
  for (const v of values) sums.push(sums[sums.length - 1]! + v);
  return sums;
}
