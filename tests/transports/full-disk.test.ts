// A full disk, injected at the SQLite driver (every write statement fails with SQLITE_FULL), on the real bot stack.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { watchSeeds } from '../../src/app/ingest.ts';
import { STORAGE_FULL_MESSAGE } from '../../src/errors.ts';
import { sentTo, startBot, type Running } from '../support/harness.ts';

const NEW_PAGE = '004_4e959cd2f7aaf6b5.txt';
const NEW_TITLE = '示范区第三届诗词大会团体决赛举行';

/** Makes every write statement of every SQLite connection fail as a full disk does, while `full()` is true. */
function injectFullDisk(full: () => boolean): () => void {
  const scratch = new Database(':memory:');
  const proto = Object.getPrototypeOf(scratch.prepare('SELECT 1')) as { run: (...args: unknown[]) => unknown };
  scratch.close();
  const run = proto.run;
  proto.run = function (this: { reader: boolean }, ...args: unknown[]) {
    if (full() && !this.reader) throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    return run.apply(this, args);
  };
  return () => void (proto.run = run);
}

describe('a full disk', () => {
  let bot: Running;
  let seeds: string;
  let full = false;
  const arrived: number[] = [];
  beforeAll(async () => {
    seeds = mkdtempSync(join(tmpdir(), 'jznews-full-seeds-'));
    for (const f of readdirSync('seeds')) if (f !== NEW_PAGE) copyFileSync(join('seeds', f), join(seeds, f));
    bot = await startBot({ SEEDS_DIR: seeds });
    const watcher = watchSeeds({ ...bot.deps, seedsDir: seeds }, (r) => arrived.push(r.added.length), 100, 200);
    const restore = injectFullDisk(() => full);
    return async () => {
      restore();
      watcher.close();
      await bot.stop();
      rmSync(seeds, { recursive: true, force: true });
    };
  }, 90_000);

  let seen = 0;
  /** Sends a message and returns the texts of the bot's answers to it (waits for the first, then a moment for more). */
  const ask = async (chatId: number, text: string): Promise<string[]> => {
    const from = bot.api.calls.length;
    bot.api.sendText(chatId, text);
    await bot.api.waitFor((c) => sentTo(chatId)(c) && bot.api.calls.indexOf(c) >= from, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return bot.api.calls.slice(from).filter(sentTo(chatId)).map((c) => String(c.params.text));
  };
  const digestsOfNewPage = (chatId: number): number => bot.api.calls.filter((c) => sentTo(chatId)(c) && String(c.params.text).includes(NEW_TITLE)).length;

  it('says so plainly when a command cannot be saved, and saves nothing', async () => {
    expect((await ask(31, '/subscribe 诗词大会')).join()).toContain('诗词大会');
    full = true;
    expect(await ask(31, '/subscribe 冷链')).toEqual([STORAGE_FULL_MESSAGE]);
    expect(bot.deps.store.listSubscriptions(31).map((s) => s.value)).toEqual(['诗词大会']);
  });

  it('still answers searches, which write nothing', async () => {
    expect((await ask(32, '杨楼村')).join()).toContain('吕沛到杨楼村调研灾后重建土地复耕工作');
  });

  it('indexes a page that arrives, refuses /digest without sending it, and digests the page once space returns', async () => {
    copyFileSync(join('seeds', NEW_PAGE), join(seeds, NEW_PAGE));
    const until = Date.now() + 20_000;
    while (arrived.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(arrived).toEqual([11]);
    expect(bot.deps.library.search('诗词大会').hits[0]?.title).toBe(NEW_TITLE);
    expect(await ask(31, '/digest')).toEqual([STORAGE_FULL_MESSAGE]);
    expect(digestsOfNewPage(31)).toBe(0);

    full = false;
    await new Promise((resolve) => setTimeout(resolve, 600)); // the kept article ids are recorded now
    expect((await ask(31, '/digest')).join()).toContain(NEW_TITLE);
    expect((await ask(31, '/digest')).join()).toContain('没有新文章');
    expect(digestsOfNewPage(31)).toBe(1);
  });
});
