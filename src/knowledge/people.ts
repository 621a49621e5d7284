/** The directory of everyone the paper prints with a title or role, built in one pass and updated article by article. */
import { byCode, byDateDesc, byZh } from './compare.ts';
import type { Article } from '../corpus/types.ts';
import { articleText, mentionsIn, sightingsIn } from './extract.ts';
import { compileMatcher } from './matcher.ts';
import { fullUnits, levelOf, postOf, shortFormOf } from './titles.ts';
import { ROLES, type Appearance, type Directory, type Person, type Role, type Sighting, type SpellingRecord, type TitleSpan } from './types.ts';

/** How many companions a person keeps (the card shows five). */
export const COMPANIONS_KEPT = 12;
/** Titles that only say someone is a leader: shown when nothing better was printed. */
const LEADER = /^[省市区县]领导$/u;

const dateOf = (a: Article): string | null => a.date ?? a.published;

export function emptyDirectory(): Directory {
  return { people: [], spellings: {}, byArticle: {}, press: [] };
}

/** The directory of officials in the articles; reporters, correspondents and photographers are never listed. */
export function buildDirectory(articles: readonly Article[]): Directory {
  return addToDirectory(emptyDirectory(), articles);
}

/**
 * The directory with `fresh` articles added: only their text is read, only the people they name are re-derived.
 * Returns a new Directory; the old one's people and spellings are not changed (byArticle only gains keys).
 * A name first learned from a fresh article is matched in fresh articles only; a full build reads it everywhere.
 */
export function addToDirectory(dir: Directory, fresh: readonly Article[]): Directory {
  const taken = new Set<string>();
  const articles = fresh.filter((a) => dir.byArticle[a.id] === undefined && !taken.has(a.id) && taken.add(a.id) !== undefined);
  if (articles.length === 0) return dir;
  const press = new Set(dir.press);
  for (const a of articles) for (const n of [...a.reporters, ...a.correspondents]) press.add(n);
  const spellings: Record<string, SpellingRecord> = { ...dir.spellings };
  const touched = new Set<string>();
  const own = (name: string): SpellingRecord => {
    if (!touched.has(name)) {
      const old = spellings[name];
      spellings[name] = old ? { ...old, titles: [...old.titles], appearances: [...old.appearances], sameSentence: [...old.sameSentence] }
        : { strong: false, titles: [], appearances: [], sameSentence: [] };
      touched.add(name);
    }
    return spellings[name]!;
  };

  // Pass 1: names printed with a title, in a list, or opening a speech.
  const texts = articles.map(articleText);
  const sighted = texts.map((t) => sightingsIn(t).filter((s) => !press.has(s.name)));
  for (const list of sighted) {
    for (const s of list) {
      const rec = own(s.name);
      if (s.via !== 'speech') rec.strong = true;
      if (s.title && !rec.titles.includes(s.title)) rec.titles.push(s.title);
    }
  }
  // Pass 2: every known spelling, matched once per article by one compiled matcher.
  const matcher = compileMatcher(Object.keys(spellings));
  const byArticle = dir.byArticle;
  articles.forEach((a, i) => {
    const mentions = mentionsIn(texts[i]!, matcher).filter((m) => !press.has(m.name));
    const apps = new Map<string, Appearance>();
    const sentenceOf = new Map<number, string[]>();
    for (const m of mentions) {
      const app = apps.get(m.name) ?? { articleId: a.id, date: dateOf(a), title: null, roles: [] };
      app.roles = ROLES.filter((r) => app.roles.includes(r) || m.roles.has(r));
      apps.set(m.name, app);
      sentenceOf.set(m.sentence, [...(sentenceOf.get(m.sentence) ?? []), m.name]);
    }
    for (const s of sighted[i]!) {
      const app = apps.get(s.name) ?? { articleId: a.id, date: dateOf(a), title: null, roles: [] };
      if (s.title && (app.title === null || LEADER.test(app.title))) app.title = s.title;
      apps.set(s.name, app);
    }
    for (const [name, app] of apps) own(name).appearances.push(app);
    for (const names of sentenceOf.values()) {
      for (const n of names) for (const m of names) if (m !== n && !own(n).sameSentence.includes(m)) own(n).sameSentence.push(m);
    }
    byArticle[a.id] = [...apps.keys()];
  });

  const aliases = variantMap(spellings, byArticle, touched, Object.fromEntries(aliasesOf(dir)));
  const canonical = (n: string): string => aliases[n] ?? n;
  const previous = new Map(dir.people.map((p) => [p.name, p]));
  const redo = new Set([...touched].map(canonical));
  const regrouped = new Set<string>();
  for (const p of dir.people) {
    // A person whose spellings are now grouped differently is rebuilt too.
    const spelled = [p.name, ...p.variants];
    if (spelled.some((n) => canonical(n) !== p.name)) for (const n of spelled) regrouped.add(n).add(canonical(n));
  }
  for (const n of regrouped) redo.add(canonical(n));
  for (const [v, c] of Object.entries(aliases)) {
    if (previous.get(c)?.variants.includes(v)) continue;
    redo.add(c);
    regrouped.add(v);
  }
  // People who list a spelling now grouped differently among their companions list them under its person's name now.
  if (regrouped.size > 0) for (const p of dir.people) if (p.companions.some((m) => regrouped.has(m.name))) redo.add(canonical(p.name));
  const groups = new Map<string, string[]>();
  for (const name of Object.keys(spellings)) {
    const c = canonical(name);
    if (redo.has(c)) groups.set(c, [...(groups.get(c) ?? []), name]);
  }
  const people = new Map(dir.people.filter((p) => !redo.has(p.name) && canonical(p.name) === p.name && !press.has(p.name)).map((p) => [p.name, p]));
  const freshIds = new Set(articles.map((a) => a.id));
  for (const [name, group] of groups) {
    if (!spellings[name]?.strong || press.has(name)) continue;
    const held = previous.get(name);
    const same = held !== undefined && held.variants.length === group.length - 1 && group.every((n) => n === name || held.variants.includes(n));
    people.set(name, personOf(name, group, spellings, byArticle, canonical, same ? { held, freshIds } : undefined));
  }
  const list = [...people.values()].sort((x, y) => y.articleIds.length - x.articleIds.length || byZh(x.name, y.name));
  return { people: list, spellings, byArticle, press: [...press] };
}

const appearanceOrder = (x: Appearance, y: Appearance): number => byDateDesc(x.date, y.date) || byCode(x.articleId, y.articleId);

/** Two lists in appearance order merged into one. */
function mergeAppearances(held: readonly Appearance[], added: readonly Appearance[]): Appearance[] {
  if (added.length === 0) return [...held];
  const out: Appearance[] = [];
  let i = 0;
  let j = 0;
  while (i < held.length || j < added.length) {
    if (j >= added.length || (i < held.length && appearanceOrder(held[i]!, added[j]!) <= 0)) out.push(held[i++]!);
    else out.push(added[j++]!);
  }
  return out;
}

/**
 * One person from the spellings that stand for them: appearances merged per article, titles folded, companions counted.
 * With `since` (the person as held, spelled the same way), only the appearances in the fresh articles are merged in.
 */
function personOf(name: string, group: string[], spellings: Record<string, SpellingRecord>, byArticle: Record<string, string[]>, canonical: (n: string) => string,
  since?: { held: Person; freshIds: ReadonlySet<string> }): Person {
  const byId = new Map<string, Appearance>();
  for (const spelling of group) {
    const all = spellings[spelling]!.appearances;
    // A fresh article's appearances were appended last.
    let from = 0;
    if (since) for (from = all.length; from > 0 && since.freshIds.has(all[from - 1]!.articleId);) from--;
    for (let k = from; k < all.length; k++) {
      const app = all[k]!;
      const held = byId.get(app.articleId);
      if (!held) byId.set(app.articleId, spelling === name ? { ...app } : { ...app, spelling });
      else {
        held.roles = ROLES.filter((r) => held.roles.includes(r) || app.roles.includes(r));
        if (app.title && (held.title === null || LEADER.test(held.title))) held.title = app.title;
      }
    }
  }
  const added = [...byId.values()].sort(appearanceOrder);
  const appearances = since ? mergeAppearances(since.held.appearances, added) : added;
  const roles = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  for (const a of appearances) for (const r of a.roles) roles[r]++;
  const titles = titleHistory(appearances);
  // Mates are counted by spelling, so a misprint folded later needs no recount: it is summed under its person below.
  const mates: Record<string, number> = since ? { ...since.held.mates } : {};
  const own = new Set(group);
  for (const a of since ? added : appearances) for (const m of byArticle[a.articleId] ?? []) if (!own.has(m)) mates[m] = (mates[m] ?? 0) + 1;
  const byPerson = new Map<string, number>();
  for (const [m, count] of Object.entries(mates)) {
    const c = canonical(m);
    if (c !== name && spellings[c]?.strong) byPerson.set(c, (byPerson.get(c) ?? 0) + count);
  }
  const strong = [...byPerson];
  // Only the mates counted at least as often as the last one kept are ordered by name.
  const floor = strong.map(([, count]) => count).sort((x, y) => y - x)[COMPANIONS_KEPT - 1] ?? 0;
  const companions = strong.filter(([, count]) => count >= floor).map(([n, count]) => ({ name: n, count }))
    .sort((x, y) => y.count - x.count || byZh(x.name, y.name)).slice(0, COMPANIONS_KEPT);
  return {
    name,
    variants: group.filter((n) => n !== name).sort(),
    level: levelOf(titles[0]?.title ?? '区领导'),
    titles,
    articleIds: appearances.map((a) => a.articleId),
    roles,
    appearances,
    companions,
    mates,
  };
}

/** 见报职务: each printed title with its first and last dates, short forms folded into the full form, 区领导 only when nothing else was printed. */
export function titleHistory(appearances: readonly Appearance[]): TitleSpan[] {
  const spans = new Map<string, TitleSpan>();
  for (const a of appearances) {
    if (a.title === null) continue;
    const span = spans.get(a.title) ?? { title: a.title, first: a.date, last: a.date, forms: [] };
    if (a.date && (!span.first || a.date < span.first)) span.first = a.date;
    if (a.date && (!span.last || a.date > span.last)) span.last = a.date;
    spans.set(a.title, span);
  }
  const real = [...spans.values()].filter((s) => !LEADER.test(s.title));
  const all = real.length > 0 ? real : [...spans.values()];
  // Longest first: a title folds into the longest kept title it is a short form of.
  all.sort((x, y) => y.title.split('、').length - x.title.split('、').length || y.title.length - x.title.length);
  const kept: TitleSpan[] = [];
  for (const s of all) {
    const full = kept.find((k) => shortFormOf(s.title, k.title));
    if (!full) {
      kept.push(s);
      continue;
    }
    if (s.first && (!full.first || s.first < full.first)) full.first = s.first;
    if (s.last && (!full.last || s.last > full.last)) full.last = s.last;
    full.forms.push(s.title, ...s.forms);
  }
  return kept.sort((x, y) => byDateDesc(x.last, y.last));
}

/** A post one person holds at a time: an organisation's head (区住建局局长), not a deputy or a member. */
const headOfOffice = (unit: string): boolean => {
  const post = postOf(unit);
  return post !== null && post.length < unit.length && !/^(?:副|常务)|委员$|常委$|成员$/u.test(post);
};

const titleUnits = (r: SpellingRecord): Set<string> => new Set(r.titles.flatMap(fullUnits).filter((t) => !LEADER.test(t)));

/** The keys of the spellings one character away from `name`: that character blanked. */
const blanked = (name: string): string[] => [...name].map((_, i) => `${name.slice(0, i)}\u0000${name.slice(i + 1)}`);

/**
 * Maps each misprinted spelling to the spelling it stands for: one character apart, printed at most half as often, never in
 * the same sentence, with the same title and a shared colleague (for a two-character name: the head of the same office, or two colleagues) or the same company. Only spellings near a `touched` one are
 * judged again (a pair's evidence changes only when one of them is printed again); the others keep their `previous` answer.
 */
export function variantMap(spellings: Record<string, SpellingRecord>, byArticle: Record<string, string[]>, touched?: ReadonlySet<string>, previous: Readonly<Record<string, string>> = {}): Record<string, string> {
  // Spellings one character apart share a key with that character blanked: linear in the spellings.
  const buckets = new Map<string, string[]>();
  for (const name of Object.keys(spellings)) {
    for (const key of blanked(name)) {
      const bucket = buckets.get(key);
      if (bucket) bucket.push(name);
      else buckets.set(key, [name]);
    }
  }
  const judge = new Set<string>();
  for (const names of buckets.values()) if (names.length > 1 && (!touched || names.some((n) => touched.has(n)))) for (const n of names) judge.add(n);
  const seen = new Map<string, Set<string>>();
  const neighbours = (n: string): Set<string> => {
    let set = seen.get(n);
    if (set) return set;
    set = new Set<string>();
    for (const a of spellings[n]!.appearances) for (const m of byArticle[a.articleId] ?? []) if (m !== n) set.add(m);
    seen.set(n, set);
    return set;
  };
  const fits = (rare: string, common: string): boolean => {
    const r = spellings[rare]!;
    const c = spellings[common]!;
    if (!c.strong || c.appearances.length < 2 * r.appearances.length || r.sameSentence.includes(common)) return false;
    const units = titleUnits(c);
    const sharedUnits = [...titleUnits(r)].filter((t) => units.has(t));
    const shareTitle = sharedUnits.length > 0;
    const mine = neighbours(rare);
    const theirs = neighbours(common);
    let shared = 0;
    for (const n of mine) if (n !== common && n !== rare && theirs.has(n)) shared++;
    const sameCompany = shared >= 2 && shared / Math.max(1, Math.min(mine.size - (mine.has(common) ? 1 : 0), theirs.size - (theirs.has(rare) ? 1 : 0))) >= 0.5;
    // Two-character names one character apart are half different: they need the head of the same office, or two shared colleagues.
    if (rare.length === 2) return (shared >= 1 && sharedUnits.some(headOfOffice)) || (shareTitle && shared >= 2);
    return (shareTitle && shared >= 1) || sameCompany;
  };
  const parent: Record<string, string> = {};
  for (const [n, root] of Object.entries(previous)) if (!judge.has(n) && spellings[n] && spellings[root]) parent[n] = root;
  for (const rare of judge) {
    const near = new Set(blanked(rare).flatMap((k) => buckets.get(k) ?? []));
    // Untouched, with an untouched answer: only a touched spelling can be a better one.
    const was = previous[rare];
    const anew = !touched || touched.has(rare) || (was !== undefined && touched.has(was)) || (was !== undefined && !spellings[was]);
    let best = anew ? undefined : was;
    for (const common of near) {
      if (common === rare || (!anew && !touched!.has(common)) || !fits(rare, common)) continue;
      if (!best || spellings[common]!.appearances.length > spellings[best]!.appearances.length) best = common;
    }
    if (best) parent[rare] = best;
  }
  const root = (n: string, depth = 0): string => (parent[n] && depth < 10 ? root(parent[n], depth + 1) : n);
  return Object.fromEntries(Object.keys(parent).map((n) => [n, root(n)]));
}

/** Every listed person's name and misprinted variant, for the search dictionary. */
export function officialNames(directory: Pick<Directory, 'people'>): string[] {
  return directory.people.flatMap((p) => [p.name, ...p.variants]);
}

/** Misprinted spelling → the person's name (官卫红 → 宫卫红). */
export function aliasesOf(directory: Pick<Directory, 'people'>): Map<string, string> {
  return new Map(directory.people.flatMap((p) => p.variants.map((v) => [v, p.name] as [string, string])));
}

export type { Sighting };
