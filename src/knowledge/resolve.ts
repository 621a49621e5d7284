/** Answers a user's query against the directory: a name, a misprint, part of a name, surname + title, or a title alone. */
import { byDateDesc } from './compare.ts';
import { isNameShape } from './extract.ts';
import { LEVEL_WORDS, POSTS, fullUnits, normalizeUnit, postOf, shortUnitOf } from './titles.ts';
import type { Directory, Level, Person, Resolution, TitleSpan } from './types.ts';

/** Levenshtein distance between two short strings. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[y.length] ?? 0;
}

const spellingsOf = (p: Person): string[] => [p.name, ...p.variants];
const POST_WORDS = [...POSTS, '领导'];

/** Whether a printed title unit is the title asked for: it ends with the words or they are its short form (财政局长), and 书记 does not match 副书记. */
function unitIs(unit: string, word: string): boolean {
  if (!unit.endsWith(word)) return postOf(word) !== word && shortUnitOf(word, unit);
  const before = unit.slice(0, unit.length - word.length);
  return word.startsWith('副') || !before.endsWith('副') && !before.endsWith('常务');
}

/** The people printed with a title ending in `word` (书记, 副市长, 区财政局局长), latest first, each with that title's span. */
export function holdersOf(dir: Pick<Directory, 'people'>, asked: string): Array<{ person: Person; span: TitleSpan }> {
  const word = normalizeUnit(asked);
  const out: Array<{ person: Person; span: TitleSpan }> = [];
  for (const person of dir.people) {
    const span = person.titles.find((t) => [t.title, ...t.forms].some((f) => fullUnits(f).some((u) => unitIs(u, word))));
    if (span) out.push({ person, span });
  }
  return out.sort((a, b) => byDateDesc(a.span.last, b.span.last) || b.person.articleIds.length - a.person.articleIds.length);
}

/** One person → partial match, several → ambiguous, none → null. */
function pick(found: Person[], matched: (p: Person) => string): Resolution | null {
  const unique = [...new Set(found)];
  if (unique.length === 1 && unique[0]) return { kind: 'partial', person: unique[0], matched: matched(unique[0]) };
  return unique.length > 1 ? { kind: 'ambiguous', candidates: unique } : null;
}

/** Up to three people whose names are close to the query: one character substituted, dropped or added. */
export function suggest(people: readonly Person[], query: string, limit = 3): Person[] {
  return people
    .map((p) => ({ p, distance: Math.min(...spellingsOf(p).map((s) => editDistance(query, s))) }))
    .filter((s) => s.distance <= 1 && [...query].length >= 2)
    .sort((a, b) => a.distance - b.distance || b.p.articleIds.length - a.p.articleIds.length)
    .slice(0, limit)
    .map((s) => s.p);
}

/** Resolves a query against the directory (whose people are sorted by prominence). */
export function resolvePerson(dir: Pick<Directory, 'people'>, query: string): Resolution {
  const people = dir.people;
  const q = query.replace(/\s+/g, '').replace(/同志$/u, '');
  if (q === '') return { kind: 'none', suggestions: [] };
  const exact = people.find((p) => p.name === q);
  if (exact) return { kind: 'exact', person: exact };
  const variant = people.find((p) => p.variants.includes(q));
  if (variant) return { kind: 'variant', person: variant, matched: q };

  // A full name inside the query, e.g. 吕沛书记, 市委书记葛巧红.
  const inside = people.filter((p) => spellingsOf(p).some((s) => q.includes(s)));
  const byInside = pick(inside, (p) => spellingsOf(p).find((s) => q.includes(s)) ?? p.name);
  if (byInside) return byInside;

  // Surname + title word, e.g. 宫主任, 吕书记, 李局长.
  const word = POST_WORDS.find((w) => q.length === 1 + w.length && q.endsWith(w) && isNameShape(`${q[0]}某`));
  if (word) {
    const same = people.filter((p) => spellingsOf(p).some((s) => s.startsWith(q[0]!)));
    const byTitle = pick(same.filter((p) => holdersOf({ people: [p] }, word).length > 0), (p) => p.name) ?? pick(same, (p) => p.name);
    if (byTitle) return byTitle;
  }

  // A title alone: who has been printed with it.
  if (postOf(q) !== null || q === '领导') {
    const holders = holdersOf(dir, q);
    if (holders.length > 0) return { kind: 'title', title: q, holders };
  }

  // Part of a name, e.g. 卫红; a single character only as a surname.
  const part = people.filter((p) => spellingsOf(p).some((s) => (q.length === 1 ? s.startsWith(q) : s.includes(q))));
  const byPart = pick(part, (p) => spellingsOf(p).find((s) => s.includes(q)) ?? p.name);
  if (byPart) return byPart;

  return { kind: 'none', suggestions: suggest(people, q) };
}

/** The level a user's word names (市 → city, 村 → village, 企业 → company), or null. */
export function levelWord(word: string): Level | null {
  return LEVEL_WORDS[word.trim().replace(/级$/u, '')] ?? LEVEL_WORDS[word.trim()] ?? null;
}

/** The people at a level, in the directory's order. */
export function peopleAtLevel(dir: Pick<Directory, 'people'>, level: Level): Person[] {
  return dir.people.filter((p) => p.level === level);
}
