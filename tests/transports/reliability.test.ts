// Crash safety of the whole program, and bad pages in SEEDS_DIR, through the real entry point.
import { copyFileSync, mkdirSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { askMain, sandbox, sentTo, spawnMain } from '../support/spawnMain.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('a crash right after /subscribe was acknowledged', () => {
  it('keeps the subscription, and the database passes integrity_check', async () => {
    const { api, dir, env } = await sandbox(cleanups, 'jznews-crash-');
    const first = spawnMain(env, cleanups);
    await first.logged('long polling started');
    api.sendText(71, '/subscribe 疫情防控');
    const ack = await api.waitFor(sentTo(71), 10_000);
    expect(String(ack.params.text)).toContain('已订阅');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(-1);

    const store = openSqliteStore(join(dir, 'db.sqlite'));
    expect(store.integrityCheck()).toBe('ok');
    expect(store.listSubscriptions(71).map((s) => s.value)).toEqual(['疫情防控']);
    store.close();

    const second = await askMain(api, env, cleanups, 71, '/subscriptions', (text) => text.includes('我的订阅'));
    expect(second.answer).toContain('「疫情防控」');
    expect(second.exitCode).toBe(0);
  }, 60_000);
});

describe('bad pages in SEEDS_DIR', () => {
  it('warns once for each and keeps the good pages searchable', async () => {
    const { api, dir, env } = await sandbox(cleanups, 'jznews-bad-');
    const seeds = join(dir, 'seeds');
    mkdirSync(seeds);
    for (const f of readdirSync('seeds')) copyFileSync(join('seeds', f), join(seeds, f));
    writeFileSync(join(seeds, 'empty.txt'), '');
    writeFileSync(join(seeds, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 0, 0, 0]));
    copyFileSync('tests/fixtures/2020-11-20-gb18030.txt', join(seeds, '2020-11-20-gb18030.txt'));
    writeFileSync(join(seeds, 'no-articles.txt'), '扫一扫 关注我们\n\n示范区头条\n微信公众号\n');
    writeFileSync(join(seeds, 'huge.txt'), '');
    truncateSync(join(seeds, 'huge.txt'), 50 * 1024 * 1024);
    const app = spawnMain({ ...env, SEEDS_DIR: seeds }, cleanups);
    await app.logged('long polling started');
    api.sendText(72, '杨楼村');
    const reply = await api.waitFor(sentTo(72), 10_000);
    expect(String(reply.params.text)).toContain('吕沛到杨楼村调研灾后重建土地复耕工作');
    app.child.kill('SIGTERM');
    await app.exited;
    const warnings = app.stderr().split('\n').filter((l) => l.includes('"level":40'));
    for (const name of ['empty.txt', 'binary.txt', '2020-11-20-gb18030.txt', 'no-articles.txt', 'huge.txt']) {
      expect(warnings.filter((l) => l.includes(`page ${name} `)), name).toHaveLength(1);
    }
  }, 60_000);
});
