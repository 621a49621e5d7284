/** The directory of everyone the paper prints with a title or role, built in one pass and updated article by article. */
import { byCode, byDateDesc, byZh, mergeSorted } from './compare.ts';
import type { Article } from '../corpus/types.ts';
import { ingest, LEADER, retract, unheld, type SpellingChange } from './spellings.ts';
import { levelOf, shortFormOf } from './titles.ts';
import { indexIn } from './sorted.ts';
import { ROLES, type Appearance, type Counted, type Directory, type Person, type Role, type Sighting, type SpellingAppearance, type SpellingRecord, type TitleSpan } from './types.ts';
import { variantMap } from './variants.ts';

/** How many companions a person keeps (the card shows five). */
export const COMPANIONS_KEPT = 12;

export function emptyDirectory(): Directory {
  return { people: [], spellings: {}, byArticle: {}, press: [], pressBy: {} };
}

/** The directory of officials in the articles; reporters, correspondents and photographers are never listed. */
export function buildDirectory(articles: readonly Article[]): Directory {
  return addToDirectory(emptyDirectory(), articles);
}

/**
 * The directory with `fresh` articles added: only their text is read, only the people they name are re-derived.
 * Returns a new Directory; the old one's people and spellings are not changed (byArticle and pressBy only gain keys).
 * A name first learned from a fresh article is matched in fresh articles only; a full build reads it everywhere.
 */
export function addToDirectory(dir: Directory, fresh: readonly Article[]): Directory {
  const articles = unheld(dir, fresh);
  if (articles.length === 0) return dir;
  const change = ingest(dir, articles);
  return regroup(dir, change, dir.byArticle, dir.pressBy, new Set(articles.map((a) => a.id)));
}

/** The directory with the articles `ids` taken out: their appearances, roles, titles, companions and press names, as if never added. */
export function removeFromDirectory(dir: Directory, ids: readonly string[]): Directory {
  const gone = new Set(ids.filter((id) => dir.byArticle[id] !== undefined));
  if (gone.size === 0) return dir;
  const { byArticle, pressBy, ...change } = retract(dir, gone);
  return regroup(dir, change, byArticle, pressBy);
}

/** The people after a change of spellings: only those whose spellings, grouping or companions changed are rebuilt (from their fresh appearances alone, given `freshIds`). */
function regroup(dir: Directory, change: SpellingChange, byArticle: Record<string, string[]>, pressBy: Record<string, string[]>, freshIds?: ReadonlySet<string>): Directory {
  const { spellings, touched, press } = change;
  const aliases = variantMap(spellings, touched, aliasesOf(dir), dir.spellings);
  const canonical = (n: string): string => aliases.get(n) ?? n;
  const persons = new Map<string, string | null>();
  /** The person a spelling is counted under: its canonical spelling when that is strong. */
  const personFor = (m: string): string | null => {
    let c = persons.get(m);
    if (c === undefined) {
      c = canonical(m);
      if (!spellings[c]?.strong) c = null;
      persons.set(m, c);
    }
    return c;
  };
  const previous = new Map(dir.people.map((p) => [p.name, p]));
  const redo = new Set([...touched].map(canonical));
  const regrouped = new Set<string>();
  for (const p of dir.people) {
    // A person whose spellings are now grouped differently is rebuilt too.
    const spelled = [p.name, ...p.variants];
    if (spelled.some((n) => canonical(n) !== p.name)) for (const n of spelled) regrouped.add(n).add(canonical(n));
  }
  for (const n of regrouped) redo.add(canonical(n));
  for (const [v, c] of aliases) {
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
  const kept = dir.people.filter((p) => !redo.has(p.name) && canonical(p.name) === p.name && !press.has(p.name));
  const rebuilt = new Map<string, Person>();
  for (const [name, group] of groups) {
    if (!spellings[name]?.strong || press.has(name)) continue;
    const held = previous.get(name);
    const same = freshIds !== undefined && held !== undefined && held.variants.length === group.length - 1 && group.every((n) => n === name || held.variants.includes(n));
    rebuilt.set(name, personOf(name, group, spellings, byArticle, personFor, same ? { held, freshIds } : undefined));
  }
  // The people kept are in order already: only the rebuilt ones are sorted, then merged in.
  const list = mergeSorted(kept, [...rebuilt.values()].sort(byProminence), byProminence);
  return { people: list, spellings, byArticle, press: [...press], pressBy };
}

/** Most articles first, then by name. */
const byProminence = (x: Person, y: Person): number => y.articleIds.length - x.articleIds.length || byZh(x.name, y.name);

const appearanceOrder = (x: Appearance, y: Appearance): number => byDateDesc(x.date, y.date) || byCode(x.articleId, y.articleId);

/** A person's appearance from a spelling's: the article's evidence left on the spelling. */
const personal = (app: SpellingAppearance, spelling: string | null): Appearance => {
  const out: Appearance = { articleId: app.articleId, date: app.date, title: app.title, roles: app.roles };
  if (spelling !== null) out.spelling = spelling;
  return out;
};

/**
 * One person from the spellings that stand for them: appearances merged per article, titles folded, companions counted.
 * With `since` (the person as held, spelled the same way), only the appearances in the fresh articles are merged in.
 */
function personOf(name: string, group: string[], spellings: Record<string, SpellingRecord>, byArticle: Record<string, string[]>, personFor: (spelling: string) => string | null,
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
      if (!held) byId.set(app.articleId, personal(app, spelling === name ? null : spelling));
      else {
        held.roles = ROLES.filter((r) => held.roles.includes(r) || app.roles.includes(r));
        if (app.title && (held.title === null || LEADER.test(held.title))) held.title = app.title;
      }
    }
  }
  const added = [...byId.values()].sort(appearanceOrder);
  const appearances = since ? mergeSorted(since.held.appearances, added, appearanceOrder) : added;
  const roles = since ? { ...since.held.roles } : Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  for (const a of added) for (const r of a.roles) roles[r]++;
  // Appearances without a title change no span: the held history stands.
  const titles = since && added.every((a) => a.title === null) ? since.held.titles : titleHistory(appearances);
  return {
    name,
    variants: group.filter((n) => n !== name).sort(),
    level: levelOf(titles[0]?.title ?? '区领导'),
    titles,
    articleIds: appearances.map((a) => a.articleId),
    roles,
    appearances,
    companions: companionsOf(name, group, spellings, byArticle, personFor),
  };
}

/** Mates summed by person, with the misprinted spellings folded into each. */
interface Totals extends Counted {
  misprints: Map<string, Set<string>>;
}

/** The people most often printed in the person's articles (at most COMPANIONS_KEPT), counted by person. */
function companionsOf(name: string, group: string[], spellings: Record<string, SpellingRecord>, byArticle: Record<string, string[]>, personFor: (spelling: string) => string | null): Person['companions'] {
  const totals = group.length === 1 ? soleTotals(name, spellings[name]!.mates, personFor) : groupTotals(name, group, spellings, byArticle, personFor);
  foldOnce(totals, new Set(group), spellings, byArticle);
  // Only the mates counted at least as often as the last one kept are ordered by name.
  const floor = nthLargest(totals.counts, COMPANIONS_KEPT);
  const kept: Person['companions'] = [];
  totals.counts.forEach((count, i) => {
    if (count >= floor) kept.push({ name: totals.names[i]!, count });
  });
  return kept.sort((x, y) => y.count - x.count || byZh(x.name, y.name) || byCode(x.name, y.name)).slice(0, COMPANIONS_KEPT);
}

/** A person printed one way: each mate is its own person but for misprints, whose counts are folded into their person's (parallel arrays: no object per mate). */
function soleTotals(name: string, mates: Counted, personFor: (spelling: string) => string | null): Totals {
  const totals: Totals = { names: [], counts: [], misprints: new Map() };
  const folded = new Map<string, number>();
  for (let i = 0; i < mates.names.length; i++) {
    const m = mates.names[i]!;
    const c = personFor(m);
    if (c === null || c === name) continue;
    if (c === m) {
      totals.names.push(m);
      totals.counts.push(mates.counts[i]!);
    } else {
      folded.set(c, (folded.get(c) ?? 0) + mates.counts[i]!);
      totals.misprints.set(c, (totals.misprints.get(c) ?? new Set()).add(m));
    }
  }
  // The totals are in name order (the mates' order) until the folded ones not among them are appended.
  const sorted = totals.names.length;
  for (const [c, count] of folded) {
    const i = indexIn(totals.names, c, sorted);
    if (i === -1) {
      totals.names.push(c);
      totals.counts.push(count);
    } else totals.counts[i] = totals.counts[i]! + count;
  }
  return totals;
}

/** A person printed several ways: the spellings' mates summed by person, an article printing two of them counted once. */
function groupTotals(name: string, group: string[], spellings: Record<string, SpellingRecord>, byArticle: Record<string, string[]>, personFor: (spelling: string) => string | null): Totals {
  const own = new Set(group);
  const byPerson = new Map<string, number>();
  const misprints = new Map<string, Set<string>>();
  const add = (m: string, count: number): void => {
    const c = personFor(m);
    if (c === null || c === name || own.has(m)) return;
    byPerson.set(c, (byPerson.get(c) ?? 0) + count);
    if (c !== m) misprints.set(c, (misprints.get(c) ?? new Set()).add(m));
  };
  for (const spelling of group) {
    const { names, counts } = spellings[spelling]!.mates;
    for (let i = 0; i < names.length; i++) add(names[i]!, counts[i]!);
  }
  const shared = new Set<string>();
  for (const spelling of group) if (spelling !== name) for (const a of spellings[spelling]!.appearances) shared.add(a.articleId);
  for (const id of shared) {
    const names = byArticle[id] ?? [];
    const twice = names.filter((m) => own.has(m)).length - 1;
    if (twice > 0) for (const m of names) add(m, -twice);
  }
  return { names: [...byPerson.keys()], counts: [...byPerson.values()], misprints };
}

/** An article that prints a mate's name and its misprint was counted once per spelling: counts it once, under the person (misprints are rare, so only their articles are read). */
function foldOnce(totals: Totals, own: ReadonlySet<string>, spellings: Record<string, SpellingRecord>, byArticle: Record<string, string[]>): void {
  if (totals.misprints.size === 0) return;
  const at = new Map(totals.names.map((n, i) => [n, i]));
  // The person's articles, to walk whichever side is smaller: a misprint's articles, or the person's.
  const ownArticles = new Set<string>();
  for (const o of own) for (const { articleId } of spellings[o]?.appearances ?? []) ownArticles.add(articleId);
  for (const [c, ms] of totals.misprints) {
    let over = 0;
    const alone = new Set<string>();
    for (const m of ms) {
      const appearances = spellings[m]!.appearances;
      const shared = appearances.length <= ownArticles.size
        ? appearances.map((x) => x.articleId).filter((id) => ownArticles.has(id))
        : [...ownArticles].filter((id) => (byArticle[id] ?? []).includes(m));
      for (const articleId of shared) {
        over++;
        // Without the name itself, the article still counts once: for the first of its misprints.
        if (!(byArticle[articleId] ?? []).includes(c) && !alone.has(articleId)) {
          alone.add(articleId);
          over--;
        }
      }
    }
    const i = at.get(c)!;
    totals.counts[i] = totals.counts[i]! - over;
  }
}

/** The n-th largest of the numbers (0 when there are fewer): one pass keeping the n largest. */
function nthLargest(values: readonly number[], n: number): number {
  const top: number[] = [];
  for (const v of values) {
    if (top.length === n && v <= top[n - 1]!) continue;
    let i = top.length < n ? top.length : n - 1;
    for (; i > 0 && top[i - 1]! < v; i--) top[i] = top[i - 1]!;
    top[i] = v;
  }
  return top.length === n ? top[n - 1]! : 0;
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

/** Every listed person's name and misprinted variant, for the search dictionary. */
export function officialNames(directory: Pick<Directory, 'people'>): string[] {
  return directory.people.flatMap((p) => [p.name, ...p.variants]);
}

/** Misprinted spelling → the person's name (官卫红 → 宫卫红). */
export function aliasesOf(directory: Pick<Directory, 'people'>): Map<string, string> {
  return new Map(directory.people.flatMap((p) => p.variants.map((v) => [v, p.name] as [string, string])));
}

export type { Sighting };
