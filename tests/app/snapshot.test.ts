// Snapshots: a library saved and loaded answers exactly as the one built from the pages; a bad file is never trusted.
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { createLibrary, libraryFromState, type Library } from '../../src/app/library.ts';
import MiniSearch from 'minisearch';
import { buildIndex, compactIndex, createIndex, indexOptions, loadCompactIndex, searchDefaults, type IndexedDoc } from '../../src/search/options.ts';
import { codeFingerprint, pageFingerprints, snapshotKey, sourceFiles } from '../../src/app/fingerprint.ts';
import { jsonPieces, loadSnapshot, saveSnapshot } from '../../src/app/format.ts';
import { openLibrary, snapshotPathFor, type SnapshotLog } from '../../src/app/snapshot.ts';
import { resolvePerson } from '../../src/knowledge/resolve.ts';
import { findTopic } from '../../src/knowledge/topics.ts';

const dir = mkdtempSync(join(tmpdir(), 'jznews-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpus = loadCorpus('seeds');
const built = createLibrary(corpus);
const key = snapshotKey(await pageFingerprints('seeds'));
const path = join(dir, 'snapshot.json');
const size = saveSnapshot(path, key, { ...built.snapshotState(), warnings: corpus.warnings });
const loaded = await loadSnapshot(path, key);
const restored = libraryFromState(loaded.state!);

const QUERIES = ['吕沛', '杨楼村', '官卫红', '万葵奎', '万人助万企', '“三个一批”', '杨楼村 灾后重建', '诗词大会', '京油润道', '5G', '疫情防控 调度会议', '不存在的词'];
/** Everything a search answers, excerpts included. */
const answer = (library: Library, q: string): unknown => JSON.parse(JSON.stringify(library.search(q)));
/** A copy of a file with one byte changed. */
const damaged = (at: number): string => {
  const bytes = readFileSync(path);
  bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
  const copy = join(dir, `damaged-${at}.json`);
  writeFileSync(copy, bytes);
  return copy;
};
const copyOf = (name: string): string => {
  const copy = join(dir, name);
  copyFileSync(path, copy);
  return copy;
};

describe('a saved and loaded library', () => {
  it('loads, with the file size saveSnapshot reported', async () => {
    expect(loaded.reason).toBeNull();
    expect(loaded.state).not.toBeNull();
    expect(readFileSync(path).length).toBe(size);
  });

  it('answers every search exactly as the library built from the pages, excerpts included', async () => {
    for (const q of QUERIES) expect(answer(restored, q), q).toEqual(answer(built, q));
    for (const q of QUERIES) expect(restored.suggest(q), q).toEqual(built.suggest(q));
  });

  it('has the same articles, stats and misprint aliases', async () => {
    expect(restored.articles()).toEqual(built.articles());
    expect(restored.stats()).toEqual(built.stats());
    expect(restored.article(' A76B7FAC00 ')).toEqual(built.article('a76b7fac00'));
    for (const w of ['官卫红', '万葵奎', '吕沛']) expect(restored.aliasOf(w)).toBe(built.aliasOf(w));
  });

  it('gives the same /who data: people, titles, appearances and every kind of resolution', async () => {
    expect(restored.directory().people).toEqual(built.directory().people);
    for (const q of ['宫卫红', '官卫红', '卫红', '宫主任', '吕书记', '王', '张三', '吕沛同志']) {
      expect(resolvePerson(restored.directory(), q), q).toEqual(resolvePerson(built.directory(), q));
    }
  });

  it('has the same topics and meetings', async () => {
    expect(restored.topics().topics).toEqual(built.topics().topics);
    for (const a of built.articles()) expect(restored.topicsOf(a.id)).toEqual(built.topicsOf(a.id));
    for (const w of ['疫情', '环保', '安全生产', '没有这个']) expect(findTopic(restored.topics(), w), w).toEqual(findTopic(built.topics(), w));
    expect(restored.meetings()).toEqual(built.meetings());
  });

  it('remembers the dictionary words, so they go back into jieba before a query is cut', async () => {
    const words = loaded.state!.words;
    for (const w of ['吕沛', '宫卫红', '杨楼村', '阳庙镇']) expect(words).toContain(w);
  });

  it('answers the same in a fresh process, whose jieba has only the snapshot’s words', async () => {
    const script = join(dir, 'fresh.mts');
    const src = (f: string): string => JSON.stringify(resolve('src', f));
    writeFileSync(script, [
      `import { libraryFromState } from ${src('app/library.ts')};`,
      `import { loadSnapshot } from ${src('app/format.ts')};`,
      `const library = libraryFromState((await loadSnapshot(${JSON.stringify(path)}, ${JSON.stringify(key)})).state!);`,
      `process.stdout.write(JSON.stringify(${JSON.stringify(QUERIES)}.map((q) => library.search(q))));`,
    ].join('\n'));
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(QUERIES.map((q) => answer(built, q)));
  });

  it('takes a new page as the built library does', async () => {
    const page = loadCorpus('seeds').pages[0]!;
    const fresh = { ...page, source: 'new.txt', articles: page.articles.slice(0, 2).map((a, i) => ({ ...a, id: `new${i}`, source: 'new.txt', title: `${a.title}（续）` })) };
    const a = libraryFromState((await loadSnapshot(path, key)).state!);
    const b = createLibrary(loadCorpus('seeds'));
    // (The words a build finds depend on what jieba already holds, which is process-wide: compare what the page adds.)
    const before = { a: new Set(a.snapshotState().words), b: new Set(b.snapshotState().words) };
    expect(a.addPage(fresh).map((x) => x.id)).toEqual(b.addPage(fresh).map((x) => x.id));
    for (const q of ['吕沛', '续']) expect(answer(a, q), q).toEqual(answer(b, q));
    const added = (l: Library, had: Set<string>): string[] => l.snapshotState().words.filter((w) => !had.has(w)).sort();
    expect(added(a, before.a)).toEqual(added(b, before.b));
    expect(a.snapshotState().knowledge).toEqual(b.snapshotState().knowledge);
  });
});

describe('a snapshot that cannot be trusted', () => {
  it('is missing', async () => {
    expect(await loadSnapshot(join(dir, 'nope.json'), key)).toMatchObject({ state: null, reason: 'missing' });
  });

  it('was built from other pages (stale key)', async () => {
    const other = snapshotKey([...(await pageFingerprints('seeds')), { source: 'new.txt', bytes: '本报讯 新的一页' }]);
    expect(other).not.toBe(key);
    expect(await loadSnapshot(path, other)).toMatchObject({ state: null, reason: 'stale', message: expect.stringMatching(/key/) });
  });

  it('answers a search before its directory of officials is parsed, and parses the same directory when first asked', async () => {
    const fresh = (await loadSnapshot(path, key)).state!;
    const parsed = (): boolean => Object.getOwnPropertyDescriptor(fresh.knowledge, 'directory')!.get === undefined;
    const library = libraryFromState(fresh);
    expect(answer(library, '官卫红')).toEqual(answer(built, '官卫红'));
    expect(parsed()).toBe(false);
    expect(library.directory()).toEqual(built.directory());
    expect(parsed()).toBe(true);
    expect(library.aliasOf('官卫红')).toBe(built.aliasOf('官卫红'));
  });

  it('parses the directory when settled, and answers the same after', async () => {
    const fresh = (await loadSnapshot(path, key)).state!;
    const library = libraryFromState(fresh);
    expect(Object.getOwnPropertyDescriptor(fresh.knowledge, 'directory')!.get).toBeDefined();
    library.settle();
    expect(Object.getOwnPropertyDescriptor(fresh.knowledge, 'directory')!.get).toBeUndefined();
    for (const q of QUERIES) expect(answer(library, q), q).toEqual(answer(built, q));
  });

  it('cuts the articles and the directory into as many sections as their size needs, and reads them back the same', async () => {
    const small = join(dir, 'small-sections.json');
    saveSnapshot(small, key, { ...built.snapshotState(), warnings: corpus.warnings }, 4_000);
    const names = (JSON.parse(readFileSync(small, 'utf8').trimEnd().split('\n').at(-1)!) as { sections: Array<{ name: string }> }).sections.map((s) => s.name);
    expect(names.filter((n) => n.startsWith('articles.')).length).toBeGreaterThan(1);
    expect(names.filter((n) => n.startsWith('bodies.')).length).toBeGreaterThan(5);
    expect(names.filter((n) => n.startsWith('directory.people.list.')).length).toBeGreaterThan(1);
    expect(names.filter((n) => n.startsWith('directory.spellings.record.')).length).toBeGreaterThan(1);
    const again = libraryFromState((await loadSnapshot(small, key)).state!);
    expect(again.articles()).toEqual(built.articles());
    expect(again.directory()).toEqual(built.directory());
    for (const q of QUERIES) expect(answer(again, q), q).toEqual(answer(built, q));
  });

  it('writes a mostly Chinese section as UTF-16 and a mostly ASCII one as UTF-8, and reads both back', async () => {
    const trailer = JSON.parse(readFileSync(path, 'utf8').trimEnd().split('\n').at(-1)!) as { sections: Array<{ name: string; text?: string }> };
    const text = new Map(trailer.sections.map((s) => [s.name, s.text ?? 'utf8']));
    expect(text.get('bodies.0')).toBe('utf16le');
    expect(text.get('terms')).toBe('utf16le');
    expect(text.get('index')).toBe('utf8');
    expect(restored.articles()).toEqual(built.articles());
    expect(restored.directory()).toEqual(built.directory());
  });

  it('refuses a section in an encoding it does not know', async () => {
    const copy = copyOf('unknown-encoding.json');
    const text = readFileSync(copy, 'latin1');
    const trailerAt = text.lastIndexOf('\n', text.length - 2) + 1;
    writeFileSync(copy, text.slice(0, trailerAt) + text.slice(trailerAt).replace('"text":"utf16le"', '"text":"ucs4"'), 'latin1');
    expect(await loadSnapshot(copy, key)).toMatchObject({ state: null, reason: 'corrupt', message: expect.stringMatching(/encoding/) });
  });

  it('writes each JSON section in pieces that join into exactly what JSON.stringify writes', async () => {
    const state = built.snapshotState();
    for (const value of [state.knowledge, state.articles, state.index.terms, { a: undefined, b: [1, undefined, 'x'], c: { d: null } }]) {
      for (const depth of [0, 1, 2, 3]) expect([...jsonPieces(value, depth)].join('')).toBe(JSON.stringify(value));
    }
    expect([...jsonPieces(state.articles, 1)].length).toBeGreaterThan(state.articles.length);
  });

  it('refuses an index whose postings do not fit its terms', async () => {
    const { head, terms, postings } = built.snapshotState().index;
    expect(() => loadCompactIndex({ head, terms, postings: postings.subarray(0, postings.length - 3) })).toThrow(/postings/);
    expect(() => loadCompactIndex({ head, terms: terms.slice(0, -1), postings })).toThrow(/postings/);
  });

  it('is keyed by the code that builds the library too (its sources were found)', async () => {
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{40}$/);
    // Every file below the app floor keys it, found by walking src/, so a renamed or added file cannot drop out.
    const files = sourceFiles(resolve('src')).map((f) => f.slice(resolve('src').length + 1).replace(/\\/g, '/'));
    for (const f of ['app/library.ts', 'app/format.ts', 'search/score.ts', 'search/data/aliases.json', 'knowledge/people.ts', 'knowledge/data/topics.json', 'corpus/parse.ts']) expect(files).toContain(f);
    expect(files.some((f) => /^(bot|digest|transports|cli)\//.test(f))).toBe(false);
  });

  it('was written by another index version', async () => {
    expect(snapshotKey(await pageFingerprints('seeds'), 999)).not.toBe(key);
    const copy = copyOf('old-version.json');
    const text = readFileSync(copy, 'utf8');
    const trailerAt = text.lastIndexOf('\n', text.length - 2) + 1;
    writeFileSync(copy, text.slice(0, trailerAt) + text.slice(trailerAt).replace(/"indexVersion":\d+/, '"indexVersion":999'));
    expect(await loadSnapshot(copy, key)).toMatchObject({ state: null, reason: 'version' });
  });

  it('has a damaged byte anywhere in its sections (checksum)', async () => {
    const total = readFileSync(path).length;
    for (const at of [10, Math.floor(total / 3), Math.floor(total / 2), total - 2000]) {
      const result = await loadSnapshot(damaged(at), key);
      expect(result.state, `byte ${at}`).toBeNull();
      expect(['corrupt', 'truncated'], `byte ${at}`).toContain(result.reason);
    }
    expect((await loadSnapshot(damaged(Math.floor(total / 2)), key))).toMatchObject({ reason: 'corrupt', message: expect.stringMatching(/checksum/) });
  });

  it('is not a snapshot at all', async () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"hello": "world"}\n');
    expect(await loadSnapshot(junk, key)).toMatchObject({ state: null, reason: 'corrupt' });
    writeFileSync(junk, 'not json at all\n');
    expect((await loadSnapshot(junk, key)).state).toBeNull();
    writeFileSync(junk, '');
    expect(await loadSnapshot(junk, key)).toMatchObject({ state: null, reason: 'truncated' });
  });

  it('is truncated, anywhere', async () => {
    const total = readFileSync(path).length;
    for (const keep of [1, 100, Math.floor(total / 2), total - 10, total - 1]) {
      const copy = copyOf(`truncated-${keep}.json`);
      truncateSync(copy, keep);
      const result = await loadSnapshot(copy, key);
      expect(result.state, `${keep} bytes`).toBeNull();
      expect(['truncated', 'corrupt'], `${keep} bytes`).toContain(result.reason);
    }
    const half = copyOf('half.json');
    truncateSync(half, Math.floor(total / 2));
    expect(await loadSnapshot(half, key)).toMatchObject({ reason: 'truncated' });
  });

  it('has bytes appended', async () => {
    const copy = copyOf('appended.json');
    appendFileSync(copy, '{"more": 1}\n');
    expect((await loadSnapshot(copy, key)).state).toBeNull();
  });
});

describe('openLibrary, as the bot starts', () => {
  const logged: Array<{ level: string; msg: string; reason?: unknown }> = [];
  const log: SnapshotLog = {
    info: (obj, msg) => void logged.push({ level: 'info', msg, ...obj }),
    warn: (obj, msg) => void logged.push({ level: 'warn', msg, ...obj }),
  };
  const seeds = join(dir, 'seeds');
  mkdirSync(seeds);
  for (const f of readdirSync('seeds')) copyFileSync(join('seeds', f), join(seeds, f));
  const at = join(dir, 'data', 'snapshot.json');

  it('builds and saves on the first start, loads on the next, rebuilds with a warning when a page changed or the file is damaged', async () => {
    const first = await openLibrary(seeds, at, log);
    expect(first.from).toBe('pages');
    expect(logged.filter((l) => l.level === 'warn')).toEqual([]);

    const second = await openLibrary(seeds, at, log);
    expect(second.from).toBe('snapshot');
    expect(second.warnings).toEqual(first.warnings);
    expect(answer(second.library, '杨楼村')).toEqual(answer(first.library, '杨楼村'));

    const name = readdirSync(seeds).find((f) => f.endsWith('.txt'))!;
    appendFileSync(join(seeds, name), '\n');
    const third = await openLibrary(seeds, at, log);
    expect(third.from).toBe('pages');
    expect(logged.filter((l) => l.level === 'warn').map((l) => l.reason)).toEqual(['stale']);
    expect((await openLibrary(seeds, at, log)).from).toBe('snapshot');

    const bytes = readFileSync(at);
    const mid = Math.floor(bytes.length / 2);
    bytes[mid] = bytes[mid]! ^ 1;
    writeFileSync(at, bytes);
    expect((await openLibrary(seeds, at, log)).from).toBe('pages');
    expect(logged.filter((l) => l.level === 'warn').map((l) => l.reason)).toEqual(['stale', 'corrupt']);
    expect((await openLibrary(seeds, at, log)).from).toBe('snapshot');
  });

  it('rebuilds when the manifest redates the pages', async () => {
    const manifest = join(seeds, 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('2021-11-09', '2021-11-10'));
    expect((await openLibrary(seeds, at, log)).from).toBe('pages');
  });

  it('keeps no snapshot for an in-memory database, and puts it beside a database file', async () => {
    expect(snapshotPathFor(':memory:')).toBeNull();
    expect(snapshotPathFor('./data/jznews.sqlite')).toBe(join('data', 'snapshot.json'));
    expect((await openLibrary(seeds, null, log)).from).toBe('pages');
  });
});

describe('the one-pass index build', () => {
  it('holds exactly what MiniSearch’s own addAll holds', async () => {
    const docs: IndexedDoc[] = corpus.articles.map((a, i) => ({
      id: a.id, title: a.title, subtitle: a.subtitle ?? '', body: a.body, people: i % 3 === 0 ? '吕沛 宫卫红' : '', places: i % 2 ? '杨楼村' : '', date: a.date ?? '', source: a.source,
    }));
    const reference = createIndex();
    reference.addAll(docs);
    expect(JSON.stringify(buildIndex(docs))).toBe(JSON.stringify(reference));
    expect(() => buildIndex([docs[0]!, docs[0]!])).toThrow(/duplicate ID/);
    // The term tree itself, node by node and in the same child order, as MiniSearch's one-by-one insertion makes it.
    expect(treeShape(buildIndex(docs))).toEqual(treeShape(reference));
  });

  it('saves the index compactly and loads it into the same term tree as MiniSearch’s own loadJS of its toJSON', async () => {
    const docs: IndexedDoc[] = corpus.articles.map((a) => ({ id: a.id, title: a.title, subtitle: a.subtitle ?? '', body: a.body, people: '', places: '', date: a.date ?? '', source: a.source }));
    const index = createIndex();
    index.addAll(docs);
    const own = MiniSearch.loadJS<IndexedDoc>(JSON.parse(JSON.stringify(index)), { ...indexOptions, searchOptions: searchDefaults });
    const fast = loadCompactIndex(structuredClone(compactIndex(index)));
    expect(treeShape(fast)).toEqual(treeShape(own));
    expect(JSON.stringify(fast)).toBe(JSON.stringify(own));
    expect(fast.search('疫情防控')).toEqual(own.search('疫情防控'));
  });
});

/** MiniSearch 7.2.0's term tree as nested [edge, subtree] lists, in the Maps' own order (a term's postings by field id, an order scoring never reads). */
function treeShape(mini: MiniSearch<IndexedDoc>): unknown {
  const tree = (mini as unknown as { _index: { _tree: Map<string, unknown> } })._index._tree;
  expect(tree).toBeInstanceOf(Map);
  const walk = (node: Map<string, unknown>): unknown[] => [...node].map(([k, v]) => (k === '' ? ['', [...(v as Map<number, Map<number, number>>)].sort(([a], [b]) => a - b).map(([f, m]) => [f, [...m]])] : [k, walk(v as Map<string, unknown>)]));
  return walk(tree);
}
