/** Resolves a user's query (full name, misprint, part of a name, or surname + title) to a person in the directory. */
import type { Person, Resolution } from './people.ts';

const TITLE_WORDS = ['副书记', '副主任', '书记', '主任', '总指挥', '委员', '领导'];

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

/** Whether a person has held a title ending in the given word (书记 does not match 副书记). */
function holds(p: Person, word: string): boolean {
  if (word === '领导') return true;
  return p.titles.some((t) => t.title.split('、').some((part) => part.endsWith(word) && (word.startsWith('副') || !part.endsWith(`副${word}`))));
}

/** One person → partial match, several → ambiguous, none → null. */
function pick(found: Person[], matched: (p: Person) => string): Resolution | null {
  const unique = [...new Set(found)];
  if (unique.length === 1 && unique[0]) return { kind: 'partial', person: unique[0], matched: matched(unique[0]) };
  return unique.length > 1 ? { kind: 'ambiguous', candidates: unique } : null;
}

/** Up to three people whose names are closest to the query (edit distance, then shared characters, then prominence). */
export function suggest(people: Person[], query: string, limit = 3): Person[] {
  return people
    .map((p) => ({
      p,
      distance: Math.min(...spellingsOf(p).map((s) => editDistance(query, s))),
      shared: Math.max(...spellingsOf(p).map((s) => [...new Set(query)].filter((c) => s.includes(c)).length)),
    }))
    .filter((s) => s.shared > 0)
    .sort((a, b) => a.distance - b.distance || b.shared - a.shared || b.p.articleIds.length - a.p.articleIds.length)
    .slice(0, limit)
    .map((s) => s.p);
}

/** Resolves a query against the people (which are sorted by prominence). */
export function resolveQuery(people: Person[], query: string): Resolution {
  const q = query.replace(/\s+/g, '').replace(/同志$/, '');
  if (q === '') return { kind: 'none', suggestions: [] };
  const exact = people.find((p) => p.name === q);
  if (exact) return { kind: 'exact', person: exact };
  const variant = people.find((p) => p.variants.includes(q));
  if (variant) return { kind: 'variant', person: variant, matched: q };

  // A full name inside the query, e.g. 吕沛书记.
  const inside = people.filter((p) => spellingsOf(p).some((s) => q.includes(s)));
  const byInside = pick(inside, (p) => spellingsOf(p).find((s) => q.includes(s)) ?? p.name);
  if (byInside) return byInside;

  // Surname + title word, e.g. 宫主任, 吕书记.
  const word = TITLE_WORDS.find((w) => q.length === 1 + w.length && q.endsWith(w));
  if (word) {
    const surname = q.slice(0, 1);
    const same = people.filter((p) => spellingsOf(p).some((s) => s.startsWith(surname)));
    const byTitle = pick(same.filter((p) => holds(p, word)), (p) => p.name) ?? pick(same, (p) => p.name);
    if (byTitle) return byTitle;
  }

  // Part of a name, e.g. 卫红; a single character only as a surname.
  const part = people.filter((p) => spellingsOf(p).some((s) => (q.length === 1 ? s.startsWith(q) : s.includes(q))));
  const byPart = pick(part, (p) => spellingsOf(p).find((s) => s.includes(q)) ?? p.name);
  if (byPart) return byPart;

  return { kind: 'none', suggestions: suggest(people, q) };
}
