/** Misprints: which printed spellings stand for another person's name (官卫红 → 宫卫红). */
import { LEADER } from './spellings.ts';
import { hasIn } from './sorted.ts';
import { fullUnits, postOf } from './titles.ts';
import type { SpellingRecord } from './types.ts';

/** A post one person holds at a time: an organisation's head (区住建局局长), not a deputy or a member. */
const headOfOffice = (unit: string): boolean => {
  const post = postOf(unit);
  return post !== null && post.length < unit.length && !/^(?:副|常务)|委员$|常委$|成员$/u.test(post);
};

/** A record's title units but 区领导, read once per record (records are never changed in place). */
const unitsOf = new WeakMap<SpellingRecord, Set<string>>();
const titleUnits = (r: SpellingRecord): Set<string> => {
  let units = unitsOf.get(r);
  if (!units) unitsOf.set(r, (units = new Set(r.titles.flatMap(fullUnits).filter((t) => !LEADER.test(t)))));
  return units;
};

/** The keys of the spellings one character away from `name`: that character blanked. */
const blanked = (name: string): string[] => [...name].map((_, i) => `${name.slice(0, i)}\u0000${name.slice(i + 1)}`);

/** Whether `rare` is a misprint of `common`: printed at most half as often, never in one sentence with it, sharing a title and colleagues. */
function fits(spellings: Record<string, SpellingRecord>, rare: string, common: string): boolean {
  const r = spellings[rare]!;
  const c = spellings[common]!;
  if (!c.strong || c.appearances.length < 2 * r.appearances.length || hasIn(r.sameSentence, common)) return false;
  const units = titleUnits(c);
  const sharedUnits = [...titleUnits(r)].filter((t) => units.has(t));
  const shareTitle = sharedUnits.length > 0;
  // Two-character names one character apart are half different: they need the head of the same office, or two shared colleagues.
  if (rare.length === 2 && !shareTitle) return false;
  const mine = r.mates.names;
  const theirs = c.mates.names;
  let shared = 0;
  for (const n of mine) if (n !== common && hasIn(theirs, n)) shared++;
  if (rare.length === 2) return (shared >= 1 && sharedUnits.some(headOfOffice)) || shared >= 2;
  const fewer = Math.min(mine.length - (hasIn(mine, common) ? 1 : 0), theirs.length - (hasIn(theirs, rare) ? 1 : 0));
  const sameCompany = shared >= 2 && shared / Math.max(1, fewer) >= 0.5;
  return (shareTitle && shared >= 1) || sameCompany;
}

/** Spellings by key, a character blanked (spellings one character apart share a key), per spellings record; never stored on the data. */
const bucketsOf = new WeakMap<Record<string, SpellingRecord>, Map<string, string[]>>();

/** Adds `name` under its keys (sign 1) or takes it out (sign -1). */
function file(buckets: Map<string, string[]>, name: string, sign: 1 | -1): void {
  for (const key of blanked(name)) {
    const bucket = buckets.get(key);
    if (sign === -1) {
      if (bucket) bucket.splice(bucket.indexOf(name), 1);
      if (bucket?.length === 0) buckets.delete(key);
    } else if (bucket) bucket.push(name);
    else buckets.set(key, [name]);
  }
}

/** The buckets of `spellings`: taken over from the record `before` it when only `touched` names came or went (a page costs what it prints), else built (linear in the spellings). */
function bucketsFor(spellings: Record<string, SpellingRecord>, touched?: ReadonlySet<string>, before?: Record<string, SpellingRecord>): Map<string, string[]> {
  let buckets = bucketsOf.get(spellings);
  if (buckets) return buckets;
  buckets = before && touched ? bucketsOf.get(before) : undefined;
  if (buckets && before && touched) {
    // The older record gives its buckets up: it rebuilds them if it is ever judged again.
    bucketsOf.delete(before);
    for (const name of touched) {
      const [was, is] = [before[name] !== undefined, spellings[name] !== undefined];
      if (was !== is) file(buckets, name, is ? 1 : -1);
    }
  } else {
    buckets = new Map();
    for (const name of Object.keys(spellings)) file(buckets, name, 1);
  }
  bucketsOf.set(spellings, buckets);
  return buckets;
}

/**
 * Maps each misprinted spelling to the spelling it stands for: one character apart, printed at most half as often, never in
 * the same sentence, with the same title and a shared colleague (for a two-character name: the head of the same office, or two colleagues) or the same company. Only spellings near a `touched` one are
 * judged again (a pair's evidence changes only when one of them is printed again); the others keep their `previous` answer.
 */
export function variantMap(spellings: Record<string, SpellingRecord>, touched?: ReadonlySet<string>, previous: ReadonlyMap<string, string> = new Map(),
  before?: Record<string, SpellingRecord>): Map<string, string> {
  const buckets = bucketsFor(spellings, touched, before);
  const judge = new Set<string>();
  for (const names of buckets.values()) if (names.length > 1 && (!touched || names.some((n) => touched.has(n)))) for (const n of names) judge.add(n);
  const parent = new Map<string, string>();
  for (const [n, root] of previous) if (!judge.has(n) && spellings[n] && spellings[root]) parent.set(n, root);
  for (const rare of judge) {
    const near = new Set(blanked(rare).flatMap((k) => buckets.get(k) ?? []));
    // Untouched, with an untouched answer: only a touched spelling can be a better one.
    const was = previous.get(rare);
    const anew = !touched || touched.has(rare) || (was !== undefined && touched.has(was)) || (was !== undefined && !spellings[was]);
    let best = anew ? undefined : was;
    for (const common of near) {
      if (common === rare || (!anew && !touched!.has(common)) || !fits(spellings, rare, common)) continue;
      if (!best || spellings[common]!.appearances.length > spellings[best]!.appearances.length) best = common;
    }
    if (best) parent.set(rare, best);
  }
  const root = (n: string, depth = 0): string => (parent.has(n) && depth < 10 ? root(parent.get(n)!, depth + 1) : n);
  return new Map([...parent.keys()].map((n) => [n, root(n)]));
}
