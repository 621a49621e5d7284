import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openSqliteStore } from '../../src/store/sqlite.ts';
import { StoreError } from '../../src/store/types.ts';
import type { Store } from '../../src/store/types.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const T0 = 1_700_000_000_000;

let dir: string;
let file: string;
const opened: Store[] = [];

/** Opens a store on the test's file and closes it after the test. */
function open(at = file): Store {
  const store = openSqliteStore(at);
  opened.push(store);
  return store;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jznews-store-'));
  file = path.join(dir, 'nested', 'bot.sqlite');
});

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite store', () => {
  it('creates its folder and schema, sets user_version, and uses WAL with foreign keys', () => {
    open().close();
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['chats', 'deliveries', 'ingested', 'kv', 'subscriptions']));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    // Reopening an up-to-date file applies nothing and keeps the version.
    open().close();
    const again = new Database(file, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });

  it('keeps a subscription across close and reopen', () => {
    const store = open();
    store.touchChat(42, { type: 'private', title: 'Li' }, T0);
    const { status, subscription } = store.addSubscription(42, 'topic', '  教育 ', T0, 20);
    expect(status).toBe('created');
    store.close();
    store.close(); // idempotent
    const again = open();
    expect(again.listSubscriptions(42)).toEqual([
      { id: subscription!.id, chatId: 42, kind: 'topic', value: '教育', createdAt: T0, lastDigestAt: null },
    ]);
    expect(again.chatsWithSubscriptions()).toEqual([42]);
  });

  it('answers "exists" for a duplicate, ignoring case and spacing of Latin text', () => {
    const store = open();
    const first = store.addSubscription(1, 'query', 'AI  Park', T0, 20);
    const dup = store.addSubscription(1, 'query', ' ai park ', T0 + 1, 20);
    expect(dup.status).toBe('exists');
    expect(dup.subscription?.id).toBe(first.subscription?.id);
    expect(store.addSubscription(1, 'topic', 'AI Park', T0, 20).status).toBe('created');
    expect(store.addSubscription(2, 'query', 'AI Park', T0, 20).status).toBe('created');
    expect(store.allSubscriptions()).toHaveLength(3);
  });

  it('refuses the 21st subscription when the limit is 20', () => {
    const store = open();
    for (let i = 0; i < 20; i++) expect(store.addSubscription(7, 'query', `q${i}`, T0, 20).status).toBe('created');
    expect(store.addSubscription(7, 'query', 'q20', T0, 20)).toEqual({ status: 'limit' });
    expect(store.addSubscription(7, 'query', 'q3', T0, 20).status).toBe('exists');
    expect(store.listSubscriptions(7)).toHaveLength(20);
  });

  it('records ingested ids once and returns only the new ones', () => {
    const store = open();
    expect(store.recordIngested(['a', 'b', 'a'], 'p1.txt', T0)).toEqual(['a', 'b']);
    expect(store.recordIngested(['b', 'c'], 'p2.txt', T0 + 5)).toEqual(['c']);
    expect(store.recordIngested(['a', 'b', 'c'], 'p2.txt', T0 + 9)).toEqual([]);
    expect(store.isIngested('c')).toBe(true);
    expect(store.isIngested('zzz')).toBe(false);
    expect(store.ingestedSince(T0)).toEqual([{ articleId: 'c', ingestedAt: T0 + 5 }]);
  });

  it('lists as pending exactly the articles ingested strictly after subscribing and not yet delivered', () => {
    const store = open();
    store.recordIngested(['old'], 's', T0 - 1);
    const sub = store.addSubscription(5, 'topic', '交通', T0, 20).subscription!;
    store.recordIngested(['same-ms'], 's', T0); // same millisecond as createdAt: not new
    store.recordIngested(['n1', 'n2'], 's', T0 + 10);
    store.recordIngested(['n3'], 's', T0 + 20);
    expect(store.pendingArticleIds(sub.id)).toEqual(['n1', 'n2', 'n3']);
    expect(store.pendingArticleIds(9999)).toEqual([]);
  });

  it('marks articles delivered so they stop being pending, and that survives reopen', () => {
    const store = open();
    const sub = store.addSubscription(5, 'topic', '交通', T0, 20).subscription!;
    store.recordIngested(['n1', 'n2'], 's', T0 + 10);
    store.markDelivered(sub.id, ['n1', 'n2'], T0 + 100);
    store.recordIngested(['n3'], 's', T0 + 200);
    store.close();
    const again = open();
    expect(again.pendingArticleIds(sub.id)).toEqual(['n3']);
    expect(again.listSubscriptions(5)[0]?.lastDigestAt).toBe(T0 + 100);
    expect(() => again.markDelivered(12345, ['n3'], T0 + 300)).not.toThrow();
  });

  it('moves subscriptions and deliveries when a group becomes a supergroup', () => {
    const store = open();
    store.touchChat(-100, { type: 'group', title: 'Newsroom' }, T0);
    const a = store.addSubscription(-100, 'topic', '教育', T0, 20).subscription!;
    const park = store.addSubscription(-100, 'query', 'park', T0, 20).subscription!;
    const kept = store.addSubscription(-1001, 'query', 'PARK', T0 + 1, 20).subscription!; // duplicate: merged
    store.recordIngested(['x', 'y'], 's', T0 + 10);
    store.markDelivered(a.id, ['x'], T0 + 10);
    store.markDelivered(park.id, ['x'], T0 + 10);
    expect(store.migrateChat(-100, -1001)).toBe(2);
    expect(store.listSubscriptions(-100)).toEqual([]);
    const moved = store.listSubscriptions(-1001);
    expect(moved.map((s) => [s.id, s.kind, s.value])).toEqual([[a.id, 'topic', '教育'], [kept.id, 'query', 'PARK']]);
    expect(store.pendingArticleIds(a.id)).toEqual(['y']);
    expect(store.pendingArticleIds(kept.id)).toEqual(['y']); // 'x' came along from the merged subscription
    expect(store.chatsWithSubscriptions()).toEqual([-1001]);
  });

  it('removes a chat with its subscriptions and their deliveries', () => {
    const store = open();
    const sub = store.addSubscription(9, 'topic', 'a', T0, 20).subscription!;
    store.addSubscription(9, 'topic', 'b', T0, 20);
    store.addSubscription(10, 'topic', 'a', T0, 20);
    store.recordIngested(['x'], 's', T0 + 1);
    store.markDelivered(sub.id, ['x'], T0 + 2);
    expect(store.removeChat(9)).toBe(2);
    expect(store.removeChat(9)).toBe(0);
    expect(store.chatsWithSubscriptions()).toEqual([10]);
    store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM deliveries').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM chats WHERE id = 9').pluck().get()).toBe(0);
    db.close();
  });

  it('removes one or all subscriptions only for the owning chat', () => {
    const store = open();
    const sub = store.addSubscription(1, 'topic', 'a', T0, 20).subscription!;
    store.addSubscription(1, 'topic', 'b', T0, 20);
    expect(store.removeSubscription(2, sub.id)).toBe(false);
    expect(store.removeSubscription(1, sub.id)).toBe(true);
    expect(store.removeAllSubscriptions(1)).toBe(1);
    expect(store.allSubscriptions()).toEqual([]);
  });

  it('round-trips JSON values in the key/value state', () => {
    const store = open();
    store.write('page:1', { ids: ['a', 'b'], at: 3 });
    store.write('n', 0);
    store.close();
    const again = open();
    expect(again.read('page:1')).toEqual({ ids: ['a', 'b'], at: 3 });
    expect(again.read<number>('n')).toBe(0);
    again.delete('page:1');
    expect(again.read('page:1')).toBeUndefined();
  });

  it('throws a helpful StoreError for a file that is not a database', () => {
    const bad = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(bad, 'these are not the pages you are looking for\n'.repeat(200));
    let error: unknown;
    try {
      open(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).path).toBe(bad);
    expect((error as StoreError).message).toMatch(/DATABASE_PATH/);
    expect((error as StoreError).cause).toBeInstanceOf(Error);
  });

  it('lets a second process see committed data while the store is open', () => {
    const store = open();
    store.addSubscription(77, 'query', '焦作', T0, 20);
    const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1], { readonly: true });
      console.log(JSON.stringify(db.prepare('SELECT chat_id, value FROM subscriptions').all()));`;
    const out = execFileSync(process.execPath, ['-e', script, file], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([{ chat_id: 77, value: '焦作' }]);
  });

  it('reports "ok" from the integrity check', () => {
    expect(open().integrityCheck()).toBe('ok');
  });

  it('keeps acknowledged writes and stays intact when the process is killed with SIGKILL', async () => {
    const script = path.join(dir, 'crash.ts');
    const storeUrl = pathToFileURL(path.join(ROOT, 'src/store/sqlite.ts')).href;
    fs.writeFileSync(
      script,
      `import { openSqliteStore } from ${JSON.stringify(storeUrl)};
       const store = openSqliteStore(process.argv[2]!);
       store.addSubscription(99, 'topic', '安全', ${T0}, 20);
       console.log('ACK');
       for (let i = 0; ; i++) { store.recordIngested(['a' + i], 'loop', ${T0} + i); store.write('tick', i); }`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('ACK')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`child exited before ACK: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');
    const store = open();
    expect(store.listSubscriptions(99).map((s) => s.value)).toEqual(['安全']);
    expect(store.integrityCheck()).toBe('ok');
    // The loop's writes that did commit form an unbroken prefix: a0, a1, … with no gaps.
    const loop = store.ingestedSince(T0 - 1).map((a) => a.ingestedAt - T0);
    expect(loop).toEqual(loop.map((_, i) => i));
  });
});

describe('the update inbox', () => {
  it('keeps updates until they are handled, oldest first, and recognises a repeated update_id', () => {
    const { inbox } = open();
    expect(inbox.receive(12, '7', '{"update_id":12}', T0)).toBe(true);
    expect(inbox.receive(11, '8', '{"update_id":11}', T0)).toBe(true);
    expect(inbox.receive(12, '7', '{"update_id":12}', T0 + 1)).toBe(false);
    expect(inbox.unfinished().map((u) => u.updateId)).toEqual([11, 12]);
    inbox.finish(11, T0 + 2);
    expect(inbox.unfinished().map((u) => u.updateId)).toEqual([12]);
    expect(inbox.pendingCount()).toBe(1);
    expect(inbox.receive(11, '8', '{"update_id":11}', T0 + 3)).toBe(false);
  });

  it('remembers what an update sent until it is handled, across a reopen', () => {
    const first = open();
    first.inbox.receive(5, '7', '{"update_id":5}', T0);
    first.inbox.beginSend(5, 1, 'sendMessage');
    first.inbox.confirmSend(5, 1, { message_id: 9 });
    first.inbox.beginSend(5, 2, 'sendMessage');
    first.close();
    const again = open();
    expect(again.inbox.recordedSend(5, 1)).toEqual({ method: 'sendMessage', confirmed: true, result: { message_id: 9 } });
    expect(again.inbox.recordedSend(5, 2)).toEqual({ method: 'sendMessage', confirmed: false });
    expect(again.inbox.recordedSend(5, 3)).toBeUndefined();
    again.inbox.dropSend(5, 2);
    expect(again.inbox.recordedSend(5, 2)).toBeUndefined();
    again.inbox.finish(5, T0 + 1);
    expect(again.inbox.recordedSend(5, 1)).toBeUndefined();
  });

  it('forgets handled updates older than the bound, and never one still waiting', () => {
    const { inbox } = open();
    inbox.receive(1, '7', '{"update_id":1}', T0);
    inbox.receive(2, '7', '{"update_id":2}', T0);
    inbox.finish(1, T0 + 10);
    expect(inbox.prune(T0 + 1000)).toBe(1);
    expect(inbox.receive(1, '7', '{"update_id":1}', T0 + 2000)).toBe(true);
    expect(inbox.unfinished().map((u) => u.updateId)).toEqual([1, 2]);
  });
});

describe('a database file that cannot be trusted', () => {
  it('refuses a 0-byte file, naming it and the fix', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
    expect(() => open()).toThrow(StoreError);
    expect(() => open()).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is an empty file.*restore the latest backup`));
    expect(fs.statSync(file).size).toBe(0);
  });
});

