// The database file at start: an empty or damaged one is refused with the fix, never used as a new one; backup and restore.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { openDeps } from '../../src/transports/wire.ts';
import { askMain, sandbox, spawnMain } from '../support/spawnMain.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const T0 = 1_700_000_000_000;

/** A database with 60 subscriptions and enough rows to span many pages. */
function fill(file: string): void {
  const store = openSqliteStore(file);
  for (let i = 0; i < 60; i++) store.addSubscription(100 + (i % 6), 'query', `关键词${i}`, T0, 20);
  for (let i = 0; i < 40; i++) store.recordIngested(Array.from({ length: 100 }, (_, j) => `article-${i}-${j}-${'x'.repeat(40)}`), 'test', T0 + i);
  store.close();
}

/** Overwrites `bytes` bytes in the middle of the file with garbage. */
function damage(file: string, bytes = 8192): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(bytes, 0xa5), 0, bytes, Math.floor(statSync(file).size / 2));
  closeSync(fd);
}

describe('a database file that cannot be trusted', () => {
  it('refuses a 0-byte file with a message naming it and the fix, and leaves it as it was', async () => {
    const { dir, env } = await sandbox(cleanups, 'jznews-empty-');
    writeFileSync(env.DATABASE_PATH!, '');
    const app = spawnMain(env, cleanups);
    expect(await app.exited).toBe(1);
    expect(app.stderr()).toContain(`The database at ${join(dir, 'db.sqlite')} is an empty file (0 bytes)`);
    expect(app.stderr()).toMatch(/restore the latest backup/);
    expect(statSync(env.DATABASE_PATH!).size).toBe(0);
  }, 60_000);

  it('refuses a file with 8 KB of garbage in the middle, and starts with every subscription once the backup is restored', async () => {
    const { api, dir, env } = await sandbox(cleanups, 'jznews-damaged-');
    const file = env.DATABASE_PATH!;
    fill(file);
    const backup = join(dir, 'backups', 'jznews.sqlite');
    const made = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', backup], { env: { PATH: process.env.PATH ?? '', DATABASE_PATH: file }, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/quick_check ok/);

    damage(file);
    const refused = spawnMain(env, cleanups);
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toContain(`The database at ${file} is damaged`);
    expect(refused.stderr()).toMatch(/restore the latest backup: copy it over/);

    // The documented restore: copy the backup over the file and remove the -wal and -shm files.
    copyFileSync(backup, file);
    for (const extra of ['-wal', '-shm']) rmSync(`${file}${extra}`, { force: true });
    const restored = await askMain(api, env, cleanups, 100, '/subscriptions');
    expect(restored.answer).toContain('关键词54');
    expect(restored.exitCode).toBe(0);
  }, 90_000);
});

describe('npm run backup', () => {
  it('copies a database that is open and being written, and refuses to overwrite the database itself', async () => {
    const { env, dir } = await sandbox(cleanups, 'jznews-backup-');
    const store = openSqliteStore(env.DATABASE_PATH!);
    store.addSubscription(7, 'topic', '疫情防控', T0, 20);
    const backup = (dest: string) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', dest], { env: { PATH: process.env.PATH ?? '', DATABASE_PATH: env.DATABASE_PATH! }, encoding: 'utf8' });
    const made = backup(join(dir, 'copy.sqlite'));
    store.addSubscription(7, 'query', '冷链', T0 + 1, 20);
    store.close();
    expect(made.status, made.stderr).toBe(0);
    const copy = openSqliteStore(join(dir, 'copy.sqlite'));
    expect(copy.listSubscriptions(7).map((s) => s.value)).toEqual(['疫情防控']);
    copy.close();
    const self = backup(env.DATABASE_PATH!);
    expect(self.status).toBe(1);
    expect(self.stderr).toMatch(/another file than the database itself/);
  }, 30_000);
});

describe('a snapshot path that cannot be read', () => {
  it('is named in one warning and left aside, and the library is built from the pages', async () => {
    const { dir, env } = await sandbox(cleanups, 'jznews-snapdir-');
    mkdirSync(join(dir, 'snapshot.json'));
    const lines: string[] = [];
    const config = loadConfig(env);
    const deps = await openDeps(config, createLogger({ ...config, logLevel: 'warn' }, { write: (line) => lines.push(line) }));
    cleanups.push(() => deps.store.close());
    expect(deps.library.search('杨楼村').hits.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes(`the snapshot at ${join(dir, 'snapshot.json')} cannot be used`))).toHaveLength(1);
  }, 60_000);
});

