/** The rank loop: per candidate, which query words it prints (proven by the index or read in its text) and the keys that order it. */
import type { Article } from '../corpus/types.ts';
import type { OrderKeys } from './order.ts';
import type { Candidates } from './score.ts';
import type { Days, FormCheck, Signatures } from './signatures.ts';

/** What a query asks of each candidate, worked out once per query. */
export interface Plan {
  /** Per word: the query term bits whose match proves the article prints it. */
  proofs: number[];
  /** Per word: its forms, compiled for reading in the text. */
  checks: FormCheck[][];
  /** Per word: the bit sets of its forms' parts (all matched: a partial match). */
  looseMasks: number[][];
  /** The articles where the asked person has the asked role. */
  inRole: ReadonlySet<string>;
  /** Newest first before scores. */
  recent: boolean;
  /** Whether an article is in the query's months and kind, or null when every article is. */
  inScope: ((a: Article) => boolean) | null;
}

/** Where the loop reads articles and what it knows of them, by index short id. */
export interface Shelf {
  byShortId: ReadonlyArray<Article | undefined>;
  articleAt(shortId: number): Article | undefined;
  signatures: Signatures;
  days: Days;
}

/** The kept candidates (those printing a word, or all parts of one): their order keys, words printed, and per word how many print it. */
export interface Judged {
  keys: OrderKeys;
  covered: number[];
  full: number;
  printedBy: number[];
}

export function judge(candidates: Candidates, plan: Plan, shelf: Shelf): Judged {
  const { shortIds, printed, scores } = candidates;
  const { proofs, checks, looseMasks, inRole, inScope } = plan;
  const n = shortIds.length;
  const count = proofs.length;
  const printedBy = proofs.map(() => 0);
  const place = new Uint32Array(n);
  const rank = new Float64Array(n);
  const day = new Float64Array(n);
  const keptScores: number[] = [];
  const covers: number[] = [];
  let full = 0;
  for (let c = 0; c < n; c++) {
    const shortId = shortIds[c]!;
    const a = shelf.byShortId[shortId] ?? shelf.articleAt(shortId);
    if (a === undefined || (inScope !== null && !inScope(a))) continue;
    const matched = printed[c]!;
    let covered = 0;
    let loose = 0;
    for (let i = 0; i < count; i++) {
      // Whether the article prints the word (any of its forms): proven by the index when the form is one of its terms, else read in the text.
      if ((matched & proofs[i]!) !== 0 || shelf.signatures.printsAny(shortId, a, checks[i]!)) {
        covered++;
        printedBy[i]!++;
      } else if (allOf(matched, looseMasks[i]!)) loose++;
    }
    const tier = covered === count ? 2 : covered + loose > 0 ? 1 : 0;
    if (tier === 0) continue;
    if (tier === 2) full++;
    const role = tier === 2 && inRole.size > 0 && inRole.has(a.id) ? 1 : 0;
    const k = keptScores.length;
    place[k] = c;
    rank[k] = ((tier * 2 + role) * 64 + covered) * 64 + loose;
    day[k] = shelf.days.of(shortId, a);
    keptScores.push(scores[c]!);
    covers.push(covered);
  }
  const k = keptScores.length;
  // Views only when some candidates were dropped: a view costs more than the small arrays themselves.
  const cut = <T extends Uint32Array | Float64Array>(xs: T): T => (k === n ? xs : (xs.subarray(0, k) as T));
  return { keys: { rank: cut(rank), day: cut(day), scores: keptScores, place: cut(place), recent: plan.recent }, covered: covers, full, printedBy };
}

/** Whether `matched` holds every bit of one of the masks. */
function allOf(matched: number, masks: readonly number[]): boolean {
  for (const mask of masks) if ((matched & mask) === mask) return true;
  return false;
}
