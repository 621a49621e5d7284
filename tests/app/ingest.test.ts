// Hostile and odd pages through the real entry point: chats keep their latency while a page loads, and symlinks are named.
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PAGE_LINES } from '../../src/app/parse-worker.ts';
import { sandbox, sentTo, spawnMain } from '../support/spawnMain.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A copy of the seed pages in the sandbox. */
function seedsIn(dir: string): string {
  const seeds = join(dir, 'seeds');
  mkdirSync(seeds);
  for (const f of readdirSync('seeds')) copyFileSync(join('seeds', f), join(seeds, f));
  return seeds;
}

const warningsAbout = (stderr: string, name: string): string[] => stderr.split('\n').filter((l) => l.includes('"level":40') && l.includes(`page ${name} `));

describe('a page of a million one-letter lines dropped in while the bot runs', () => {
  it('is skipped with one warning naming it, and /start keeps answering within a second while a long page parses', async () => {
    const { api, dir, env } = await sandbox(cleanups, 'jznews-hostile-');
    const seeds = seedsIn(dir);
    const app = spawnMain({ ...env, SEEDS_DIR: seeds }, cleanups);
    await app.logged('long polling started');
    const lines = 1_000_000;
    writeFileSync(join(seeds, '2024-01-01-hostile.txt'), `本报讯（记者 某某）\n${'a\n'.repeat(lines - 1)}`);
    expect(lines).toBeGreaterThan(MAX_PAGE_LINES);
    // Under the line cap, but many short lines: the parser works on it (on its worker) while chats are answered.
    writeFileSync(join(seeds, '2024-01-02-long.txt'), `本报讯（记者 某某）\n${'字\n'.repeat(60_000)}`);
    const latencies: number[] = [];
    for (let i = 0; i < 12; i++) {
      const chat = 900 + i;
      const asked = Date.now();
      api.sendText(chat, '/start');
      await api.waitFor(sentTo(chat), 5000);
      latencies.push(Date.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await app.logged('page 2024-01-01-hostile.txt', 20_000);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(warningsAbout(app.stderr(), '2024-01-01-hostile.txt')).toHaveLength(1);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    console.log(`/start while a 1M-line and a 60k-line page load: slowest answer ${Math.max(...latencies)} ms (${latencies.join(', ')} ms)`);
  }, 90_000);
});

describe('symlinked pages', () => {
  it('warns once, naming each, about a link out of the folder, a loop and a second name of a page, and still answers', async () => {
    const { api, dir, env } = await sandbox(cleanups, 'jznews-links-');
    const seeds = seedsIn(dir);
    writeFileSync(join(dir, 'outside.txt'), '本报讯 outside\n');
    symlinkSync(join(dir, 'outside.txt'), join(seeds, 'out.txt'));
    symlinkSync(join(seeds, 'loop-b.txt'), join(seeds, 'loop-a.txt'));
    symlinkSync(join(seeds, 'loop-a.txt'), join(seeds, 'loop-b.txt'));
    const page = readdirSync(seeds).find((f) => f.endsWith('.txt') && !f.startsWith('loop') && f !== 'out.txt')!;
    symlinkSync(join(seeds, page), join(seeds, 'alias.txt'));
    const app = spawnMain({ ...env, SEEDS_DIR: seeds }, cleanups);
    await app.logged('long polling started');
    // One more link dropped in while running is named too.
    symlinkSync(join(dir, 'outside.txt'), join(seeds, 'late.txt'));
    await app.logged('page late.txt', 10_000);
    api.sendText(5, '/start');
    await api.waitFor(sentTo(5), 10_000);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    const log = app.stderr();
    expect(warningsAbout(log, 'out.txt')).toEqual([expect.stringContaining('outside the pages folder')]);
    expect(warningsAbout(log, 'loop-a.txt')).toEqual([expect.stringContaining('symlink loop')]);
    expect(warningsAbout(log, 'loop-b.txt')).toEqual([expect.stringContaining('symlink loop')]);
    expect(warningsAbout(log, 'alias.txt')).toEqual([expect.stringContaining(`symlink to ${page}`)]);
    expect(warningsAbout(log, 'late.txt')).toEqual([expect.stringContaining('outside the pages folder')]);
  }, 90_000);
});
