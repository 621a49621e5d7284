// A page read again: its articles are replaced, so the library holds what a fresh build from the pages as now printed holds.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordStartup, watchSeeds, type IngestResult } from '../../src/app/ingest.ts';
import { createLibrary, type Library } from '../../src/app/library.ts';
import { loadCorpus, loadPage, readManifest } from '../../src/corpus/load.ts';
import { createLogger } from '../../src/logger.ts';
import { loadConfig } from '../../src/config.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';

const PAGE = '000_1ae64c17c2bdf7f5.txt';
const FULL = readFileSync(join('seeds', PAGE), 'utf8');
/** The page cut off part way, as a page still being written is. */
const HALF = FULL.split('\n').slice(0, Math.floor(FULL.split('\n').length * 0.55)).join('\n');

const EXTRA = 'extra.txt';
const BEES = `示范区召开智慧养蜂推进会
本报讯（记者 王小明）11月3日上午，示范区召开智慧养蜂推进会。示范区党工委委员、管委会副主任韩德胜出席会议并讲话。会议要求，各单位要把智慧养蜂工作抓实抓细。
`;
const BERRIES = `示范区开展蓝莓采摘节活动
本报讯（记者 李大成）11月4日，示范区蓝莓采摘节在文昌街道开幕。示范区管委会副主任邬春生出席开幕式并致辞。本届采摘节为期一个月，设有采摘体验、农产品展销、亲子研学等活动，预计接待游客两万人次。他指出，要以采摘节为契机，推动特色农业发展。
`;

const dirs: string[] = [];
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder with every seed page, `pages` written over them. */
function folder(pages: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'jznews-reread-'));
  dirs.push(dir);
  for (const f of readdirSync('seeds')) copyFileSync(join('seeds', f), join(dir, f));
  for (const [name, text] of Object.entries(pages)) writeFileSync(join(dir, name), text);
  return dir;
}

const read = (library: Library, dir: string, name: string) => library.readPage(loadPage(join(dir, name), readManifest(dir)));
const ids = (library: Library): string[] => library.articles().map((a) => a.id);
const hitIds = (library: Library, q: string): string[] => library.search(q).ids.slice().sort();
const people = (library: Library): string[] => library.directory().people.map((p) => `${p.name} ${p.appearances.map((x) => `${x.articleId}:${x.roles.join('+')}`).join(',')}`).sort();
const topics = (library: Library): string[] => library.topics().topics.map((t) => `${t.name} ${t.articleIds.length}`).sort();

describe('a page read again after it changed', () => {
  it('holds what a fresh build from the pages as now printed holds: articles in page order, search, people, meetings and topics', () => {
    const dir = folder({ [PAGE]: HALF });
    const library = createLibrary(loadCorpus(dir));
    const truncated = library.articles().filter((a) => a.source === PAGE);
    writeFileSync(join(dir, PAGE), FULL);
    const change = read(library, dir, PAGE);
    expect(change.added.length + change.replaced.length).toBeGreaterThan(0);

    const fresh = createLibrary(loadCorpus(folder()));
    expect(ids(library)).toEqual(ids(fresh));
    expect(library.articles().map((a) => a.body)).toEqual(fresh.articles().map((a) => a.body));
    expect(truncated.every((a) => fresh.article(a.id) === undefined || change.replaced.some((r) => r.id === a.id) || fresh.article(a.id)!.body === a.body)).toBe(true);
    expect(people(library)).toEqual(people(fresh));
    expect(library.meetings().map((m) => m.articleId)).toEqual(fresh.meetings().map((m) => m.articleId));
    expect(topics(library)).toEqual(topics(fresh));
    // Words printed only in the page's second half are found now, and every query finds the same articles as the fresh build.
    const lastBody = fresh.articles().filter((a) => a.source === PAGE).at(-1)!.body;
    for (const q of [lastBody.slice(20, 28), '疫情防控', '吕沛', '示范区 会议', '2021年11月']) expect(hitIds(library, q), q).toEqual(hitIds(fresh, q));
    expect(library.search(lastBody.slice(20, 28)).full).toBeGreaterThan(0);
  });

  it('takes an article the page no longer prints out of search and out of the directory', () => {
    const dir = folder({ [EXTRA]: `${BEES}\n${BERRIES}` });
    const library = createLibrary(loadCorpus(dir));
    expect(library.search('蓝莓采摘节').full).toBe(1);
    expect(library.directory().people.map((p) => p.name)).toContain('邬春生');

    writeFileSync(join(dir, EXTRA), BEES);
    const change = read(library, dir, EXTRA);
    expect(change.removed.map((a) => a.title)).toEqual(['示范区开展蓝莓采摘节活动']);
    expect(change.added).toEqual([]);
    expect(library.search('蓝莓采摘节').hits).toEqual([]);
    expect(library.article(change.removed[0]!.id)).toBeUndefined();
    expect(library.directory().people.map((p) => p.name)).not.toContain('邬春生');
    expect(library.search('智慧养蜂').hits.map((h) => h.title)).toEqual(['示范区召开智慧养蜂推进会']);
  });

  it('puts an article printed again with other words after its opening in place of the old one (same id)', () => {
    const dir = folder({ [EXTRA]: `${BEES}\n${BERRIES}` });
    const library = createLibrary(loadCorpus(dir));
    const before = library.articles().map((a) => a.id);
    writeFileSync(join(dir, EXTRA), `${BEES}\n${BERRIES.replace('推动特色农业发展', '推动特色农业和乡村旅游融合发展')}`);
    const change = read(library, dir, EXTRA);
    expect(change.replaced.map((a) => a.title)).toEqual(['示范区开展蓝莓采摘节活动']);
    expect(library.articles().map((a) => a.id)).toEqual(before);
    const tourism = library.search('乡村旅游融合');
    expect(tourism.hits.slice(0, tourism.full).map((h) => h.title)).toEqual(['示范区开展蓝莓采摘节活动']);
    expect(library.search('蓝莓采摘节').ids).toHaveLength(1);
  });

  it('changes nothing when the page is read again as it was', () => {
    const dir = folder();
    const library = createLibrary(loadCorpus(dir));
    const before = [...library.articles()];
    expect(read(library, dir, PAGE)).toEqual({ added: [], replaced: [], removed: [] });
    expect(library.articles()).toEqual(before);
    expect(library.articles().every((a, i) => a === before[i])).toBe(true);
  });
});

describe('the watched folder', () => {
  it('reads a page written in two halves a second apart as it ends up, without a restart', async () => {
    const dir = folder({ [PAGE]: HALF });
    const config = loadConfig({ BOT_TOKEN: '1:x', DATABASE_PATH: join(dir, 'db.sqlite'), SEEDS_DIR: dir });
    const store = openSqliteStore(config.databasePath);
    cleanups.push(() => store.close());
    const library = createLibrary(loadCorpus(dir));
    const log = createLogger({ ...config, logLevel: 'silent' });
    recordStartup({ library, store, clock: Date.now, log });
    const results: IngestResult[] = [];
    let seen = 0;
    const watcher = watchSeeds({ library, store, log, clock: Date.now, seedsDir: dir }, (r) => void results.push(r), 100);
    cleanups.push(() => watcher.close());
    const next = async (): Promise<IngestResult> => {
      while (results.length <= seen) await new Promise((resolve) => setTimeout(resolve, 20));
      return results[seen++]!;
    };
    const lines = FULL.split('\n');
    writeFileSync(join(dir, PAGE), lines.slice(0, Math.floor(lines.length * 0.7)).join('\n'));
    const first = await next();
    expect(first.added.length + first.replaced.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    writeFileSync(join(dir, PAGE), FULL);
    const second = await next();
    expect(second.source).toBe(PAGE);
    const fresh = createLibrary(loadCorpus(folder()));
    expect(ids(library)).toEqual(ids(fresh));
    expect(library.articles().map((a) => a.body)).toEqual(fresh.articles().map((a) => a.body));
    // Every article of the page as printed is recorded, so a digest can send the new ones.
    expect(fresh.articles().filter((a) => a.source === PAGE).every((a) => store.isIngested(a.id))).toBe(true);
  }, 20_000);
});
