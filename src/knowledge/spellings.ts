/** The directory's spelling records: what each article printed about each name, added and taken out article by article. */
import type { Article } from '../corpus/types.ts';
import { isCommonWord } from './common.ts';
import { byCode } from './compare.ts';
import { articleText, mentionsIn, sightingsIn } from './extract.ts';
import { compileMatcher } from './matcher.ts';
import { emptyCounted, withCounts, withNames } from './sorted.ts';
import { ROLES, type Counted, type Directory, type SpellingAppearance, type SpellingRecord } from './types.ts';

/** Titles that only say someone is a leader: shown when nothing better was printed. */
export const LEADER = /^[省市区县]领导$/u;

const dateOf = (a: Article): string | null => a.date ?? a.published;

/** The spellings after a change, which of them changed, and the press names. */
export interface SpellingChange {
  spellings: Record<string, SpellingRecord>;
  touched: Set<string>;
  press: Set<string>;
}

/** What a batch of articles adds to one spelling. */
interface Added {
  strong: boolean;
  titles: string[];
  appearances: SpellingAppearance[];
  sentence: string[];
}

/** The articles of `fresh` the directory does not hold yet, each once. */
export function unheld(dir: Directory, fresh: readonly Article[]): Article[] {
  const taken = new Set<string>();
  return fresh.filter((a) => dir.byArticle[a.id] === undefined && !taken.has(a.id) && taken.add(a.id) !== undefined);
}

/** New records for the spellings the (unheld) articles print: titled, listed or speech names first, then every known spelling; byArticle and pressBy gain their keys. */
export function ingest(dir: Directory, articles: readonly Article[]): SpellingChange {
  const press = new Set(dir.press);
  for (const a of articles) {
    const names = [...a.reporters, ...a.correspondents];
    for (const n of names) press.add(n);
    if (names.length > 0) dir.pressBy[a.id] = names;
  }
  const changes = new Map<string, Added>();
  const change = (name: string): Added => {
    let c = changes.get(name);
    if (!c) {
      const old = dir.spellings[name];
      c = { strong: old?.strong ?? false, titles: old ? [...old.titles] : [], appearances: [], sentence: [] };
      changes.set(name, c);
    }
    return c;
  };

  // Pass 1: names printed with a title, in a list, or opening a speech.
  const texts = articles.map(articleText);
  const sighted = texts.map((t) => sightingsIn(t).filter((s) => !press.has(s.name)));
  for (const list of sighted) {
    for (const s of list) {
      const c = change(s.name);
      if (s.via !== 'speech') c.strong = true;
      if (s.title && !c.titles.includes(s.title)) c.titles.push(s.title);
    }
  }
  // Pass 2: every known spelling, matched once per article by one compiled matcher.
  const matcher = compileMatcher([...Object.keys(dir.spellings), ...changes.keys()]);
  articles.forEach((a, i) => {
    const apps = new Map<string, SpellingAppearance>();
    const appOf = (name: string): SpellingAppearance => {
      let app = apps.get(name);
      if (!app) apps.set(name, (app = { articleId: a.id, date: dateOf(a), title: null, roles: [] }));
      return app;
    };
    const sentenceOf = new Map<number, string[]>();
    const named = new Set(sighted[i]!.map((s) => s.name));
    for (const m of mentionsIn(texts[i]!, matcher)) {
      // A name that is also a common word (金星) is that person only in an article that prints it as a name.
      if (press.has(m.name) || (isCommonWord(m.name) && !named.has(m.name))) continue;
      const app = appOf(m.name);
      app.roles = ROLES.filter((r) => app.roles.includes(r) || m.roles.has(r));
      const list = sentenceOf.get(m.sentence);
      if (list) list.push(m.name);
      else sentenceOf.set(m.sentence, [m.name]);
    }
    for (const s of sighted[i]!) {
      const app = appOf(s.name);
      if (s.title && (app.title === null || LEADER.test(app.title))) app.title = s.title;
      if (s.via !== 'speech') app.strong = true;
      if (s.title && !(app.titles ??= []).includes(s.title)) app.titles.push(s.title);
    }
    const together = new Map<string, Set<string>>();
    for (const names of sentenceOf.values()) {
      if (names.length < 2) continue;
      for (const n of names) for (const m of names) if (m !== n) together.set(n, (together.get(n) ?? new Set()).add(m));
    }
    const names = [...apps.keys()];
    for (const [name, app] of apps) {
      const c = change(name);
      const same = together.get(name);
      if (same) {
        app.sameSentence = [...same].sort(byCode);
        c.sentence.push(...app.sameSentence);
      }
      c.appearances.push(app);
    }
    dir.byArticle[a.id] = names;
  });
  const mates = pairCounts(articles.map((a) => dir.byArticle[a.id]!), 1);

  const spellings: Record<string, SpellingRecord> = { ...dir.spellings };
  for (const [name, c] of changes) {
    const old = dir.spellings[name];
    spellings[name] = {
      strong: c.strong,
      titles: c.titles,
      appearances: old ? old.appearances.concat(c.appearances) : c.appearances,
      sameSentence: withNames(old?.sameSentence ?? [], c.sentence),
      mates: withCounts(old?.mates ?? emptyCounted(), mates.get(name) ?? emptyCounted()),
    };
  }
  return { spellings, touched: new Set(changes.keys()), press };
}

/** How many of the lists (each article's spellings) hold each pair of names, times `sign`: each name's mates, counted. */
function pairCounts(lists: readonly string[][], sign: 1 | -1): Map<string, Counted> {
  const names = [...new Set(lists.flat())].sort(byCode);
  const id = new Map(names.map((n, i) => [n, i]));
  const size = names.length;
  // Every pair printed, as lower id × size + higher id, sorted: the sum over articles of their spellings squared is the build's hottest loop.
  let total = 0;
  for (const list of lists) total += (list.length * (list.length - 1)) / 2;
  const keys = new Float64Array(total);
  let at = 0;
  for (const list of lists) {
    const ids = list.map((n) => id.get(n)!).sort((x, y) => x - y);
    for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) keys[at++] = ids[x]! * size + ids[y]!;
  }
  keys.sort();
  // Runs of one key are one pair's count. Keys come by lower id, then higher: each name's mates arrive in id (so name) order.
  const mates = names.map((): Counted => ({ names: [], counts: [] }));
  for (let i = 0; i < keys.length;) {
    let j = i + 1;
    while (j < keys.length && keys[j] === keys[i]) j++;
    const low = Math.floor(keys[i]! / size);
    const high = keys[i]! - low * size;
    mates[low]!.names.push(names[high]!);
    mates[low]!.counts.push(sign * (j - i));
    mates[high]!.names.push(names[low]!);
    mates[high]!.counts.push(sign * (j - i));
    i = j;
  }
  return new Map(names.map((n, i) => [n, mates[i]!]));
}

/** A spelling's record from its appearances (each carrying what its article printed) and its counted mates. */
function recordOf(appearances: SpellingAppearance[], mates: Counted): SpellingRecord {
  const titles = new Set<string>();
  const same: string[] = [];
  for (const a of appearances) {
    for (const t of a.titles ?? []) titles.add(t);
    if (a.sameSentence) same.push(...a.sameSentence);
  }
  return { strong: appearances.some((a) => a.strong), titles: [...titles], appearances, sameSentence: withNames([], same), mates };
}

/** The spellings with the articles `gone` taken out: each record they touch is rebuilt from its other appearances. */
export function retract(dir: Directory, gone: ReadonlySet<string>): SpellingChange & Pick<Directory, 'byArticle' | 'pressBy'> {
  const byArticle = { ...dir.byArticle };
  const pressBy = { ...dir.pressBy };
  const deltas = pairCounts([...gone].map((id) => byArticle[id] ?? []), -1);
  for (const id of gone) {
    delete byArticle[id];
    delete pressBy[id];
  }
  const spellings: Record<string, SpellingRecord> = { ...dir.spellings };
  for (const [name, delta] of deltas) {
    const old = spellings[name];
    if (!old) continue;
    const appearances = old.appearances.filter((a) => !gone.has(a.articleId));
    if (appearances.length === 0) delete spellings[name];
    else spellings[name] = recordOf(appearances, withCounts(old.mates, delta));
  }
  const printed = new Set(Object.values(pressBy).flat());
  return { spellings, touched: new Set(deltas.keys()), press: new Set(dir.press.filter((n) => printed.has(n))), byArticle, pressBy };
}
