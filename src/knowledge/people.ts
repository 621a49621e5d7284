/** A directory of the zone's officials built from the articles: titles over time, roles, companions and misprinted names. */
import type { Article } from '../corpus/types.ts';
import { articleText, listSightings, occurrences, ROLES, speechSightings, titleSightings } from './extract.ts';
import type { Role, Sighting } from './extract.ts';
import { resolveQuery } from './resolve.ts';

export type { Role } from './extract.ts';

/** One article in which a person appears. */
export interface Appearance {
  articleId: string;
  date: string | null;
  title: string | null;
  roles: Role[];
}

/** A title and the first and last dates it was printed. */
export interface TitleSpan {
  title: string;
  first: string | null;
  last: string | null;
}

export interface Person {
  name: string;
  /** Misprinted spellings found in the pages, merged into this person. */
  variants: string[];
  /** Newest first. */
  titles: TitleSpan[];
  /** Newest first. */
  articleIds: string[];
  roles: Record<Role, number>;
  /** Newest first. */
  appearances: Appearance[];
  companions: Array<{ name: string; count: number }>;
}

export type Resolution =
  | { kind: 'exact'; person: Person }
  | { kind: 'variant'; person: Person; matched: string }
  | { kind: 'partial'; person: Person; matched: string }
  | { kind: 'ambiguous'; candidates: Person[] }
  | { kind: 'none'; suggestions: Person[] };

export interface Directory {
  /** Most articles first. */
  people: Person[];
  resolve(query: string): Resolution;
}

/** Per spelling: the articles it is printed in, its titles, the names beside it, and the names it shares a sentence with. */
export interface Spelling {
  articles: Set<string>;
  titles: Set<string>;
  neighbours: Set<string>;
  sameSentence: Set<string>;
}

const dateOf = (a: Article): string | null => a.date ?? a.published;
/** Newest first; undated last. */
export const byDateDesc = (x: string | null, y: string | null): number => (y ?? '').localeCompare(x ?? '');
const titleParts = (titles: Set<string>): Set<string> => new Set([...titles].flatMap((t) => t.split('、')));
const oneApart = (a: string, b: string): boolean => a.length === b.length && a !== b && [...a].filter((c, i) => c !== b[i]).length === 1;

/** Maps each misprinted spelling to the spelling it stands for, judged from counts, titles and neighbours only. */
export function findVariants(spellings: Map<string, Spelling>, known: Set<string>): Map<string, string> {
  const parent = new Map<string, string>();
  const names = [...spellings.keys()];
  for (const rare of names) {
    const r = spellings.get(rare) as Spelling;
    const fits = [...known].filter((common) => {
      const c = spellings.get(common) as Spelling;
      if (!oneApart(rare, common) || c.articles.size < 2 * r.articles.size || r.sameSentence.has(common)) return false;
      // 区领导 is too common a label to count as a shared title; such names must keep the same company.
      const shareTitle = [...titleParts(r.titles)].some((t) => t !== '区领导' && titleParts(c.titles).has(t));
      const a = [...r.neighbours].filter((n) => n !== common);
      const b = new Set([...c.neighbours].filter((n) => n !== rare));
      const shared = a.filter((n) => b.has(n)).length;
      const sameCompany = shared >= 2 && shared / Math.max(1, Math.min(a.length, b.size)) >= 0.5;
      return (shareTitle && shared >= 1) || sameCompany;
    });
    const best = fits.sort((x, y) => (spellings.get(y)?.articles.size ?? 0) - (spellings.get(x)?.articles.size ?? 0))[0];
    if (best) parent.set(rare, best);
  }
  const root = (n: string, depth = 0): string => (parent.has(n) && depth < 10 ? root(parent.get(n) as string, depth + 1) : n);
  return new Map([...parent.keys()].map((n) => [n, root(n)]));
}

/** Builds the directory of officials from the articles; reporters and correspondents are never listed. */
export function buildDirectory(articles: Article[]): Directory {
  const press = new Set(articles.flatMap((a) => [...a.reporters, ...a.correspondents]));
  const sightings = new Map<string, Sighting[]>();
  for (const a of articles) {
    const text = articleText(a);
    sightings.set(a.id, [...titleSightings(text), ...listSightings(text), ...speechSightings(text)].filter((s) => !press.has(s.name)));
  }
  const all = [...sightings.values()].flat();
  const strong = new Set(all.filter((s) => s.via !== 'speech').map((s) => s.name));
  const weak = new Set(all.filter((s) => s.via === 'speech' && !strong.has(s.name)).map((s) => s.name));
  const names = [...strong, ...weak];

  const spellings = new Map<string, Spelling>(names.map((n) => [n, { articles: new Set(), titles: new Set(), neighbours: new Set(), sameSentence: new Set() }]));
  const found = new Map<string, ReturnType<typeof occurrences>>();
  for (const a of articles) {
    const occ = occurrences(articleText(a), names);
    found.set(a.id, occ);
    const here = new Set(occ.map((o) => o.name));
    for (const o of occ) {
      const s = spellings.get(o.name) as Spelling;
      s.articles.add(a.id);
      for (const n of here) if (n !== o.name) s.neighbours.add(n);
      for (const p of occ) if (p.sentence === o.sentence && p.name !== o.name) s.sameSentence.add(p.name);
    }
    for (const s of sightings.get(a.id) ?? []) if (s.title) spellings.get(s.name)?.titles.add(s.title);
  }
  const variantOf = findVariants(spellings, strong);
  const canonical = (n: string): string => variantOf.get(n) ?? n;
  const kept = names.filter((n) => strong.has(canonical(n)));

  const people = new Map<string, Person>();
  for (const a of articles) {
    const byPerson = new Map<string, Appearance>();
    for (const o of found.get(a.id) ?? []) {
      if (!kept.includes(o.name)) continue;
      const name = canonical(o.name);
      const app = byPerson.get(name) ?? { articleId: a.id, date: dateOf(a), title: null, roles: [] };
      app.roles = ROLES.filter((r) => app.roles.includes(r) || o.roles.has(r));
      byPerson.set(name, app);
    }
    for (const s of sightings.get(a.id) ?? []) {
      const app = byPerson.get(canonical(s.name));
      if (app && s.title && (app.title === null || app.title === '区领导')) app.title = s.title;
    }
    for (const [name, app] of byPerson) {
      const person = people.get(name) ?? emptyPerson(name, kept.filter((n) => n !== name && canonical(n) === name));
      person.appearances.push(app);
      people.set(name, person);
    }
  }
  const list = [...people.values()].map(finish);
  for (const p of list) p.companions = companionsOf(p, list);
  list.sort((x, y) => y.articleIds.length - x.articleIds.length || x.name.localeCompare(y.name, 'zh'));
  return { people: list, resolve: (query: string) => resolveQuery(list, query) };
}

const emptyPerson = (name: string, variants: string[]): Person => ({
  name, variants, titles: [], articleIds: [], roles: { 主持: 0, 讲话: 0, 出席: 0, 调研: 0 }, appearances: [], companions: [],
});

/** Orders appearances, derives article ids, role counts and title spans. */
function finish(p: Person): Person {
  p.appearances.sort((x, y) => byDateDesc(x.date, y.date));
  p.articleIds = p.appearances.map((a) => a.articleId);
  for (const r of ROLES) p.roles[r] = p.appearances.filter((a) => a.roles.includes(r)).length;
  const real = p.appearances.some((a) => a.title !== null && a.title !== '区领导');
  const spans = new Map<string, TitleSpan>();
  for (const a of p.appearances) {
    if (a.title === null || (real && a.title === '区领导')) continue;
    const span = spans.get(a.title) ?? { title: a.title, first: a.date, last: a.date };
    if (a.date && (!span.first || a.date < span.first)) span.first = a.date;
    if (a.date && (!span.last || a.date > span.last)) span.last = a.date;
    spans.set(a.title, span);
  }
  p.titles = [...spans.values()].sort((x, y) => byDateDesc(x.last, y.last));
  return p;
}

/** Other officials in the same articles, most shared articles first. */
function companionsOf(p: Person, all: Person[]): Array<{ name: string; count: number }> {
  const mine = new Set(p.articleIds);
  return all
    .filter((q) => q !== p)
    .map((q) => ({ name: q.name, count: q.articleIds.filter((id) => mine.has(id)).length }))
    .filter((c) => c.count > 0)
    .sort((x, y) => y.count - x.count || x.name.localeCompare(y.name, 'zh'));
}

/** Every official's name and misprinted variant, for the search dictionary. */
export function officialNames(directory: Directory): string[] {
  return directory.people.flatMap((p) => [p.name, ...p.variants]);
}
