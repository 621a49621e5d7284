import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createInbox, INBOX_MIGRATION } from './inbox.ts';
import { StoreError } from './types.ts';
import type { Store, Subscription, SubscriptionKind, IngestedArticle } from './types.ts';

/** One schema step: SQL text or a function; each runs in its own transaction. */
export type Migration = string | ((db: Database.Database) => void);

/** Ordered schema migrations; `PRAGMA user_version` = how many have been applied. Only ever append. */
export const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE chats (
     id INTEGER PRIMARY KEY,
     type TEXT,
     title TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE subscriptions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('topic', 'query')),
     value TEXT NOT NULL COLLATE NOCASE CHECK (value <> ''),
     created_at INTEGER NOT NULL,
     last_digest_at INTEGER,
     UNIQUE (chat_id, kind, value)
   );
   CREATE TABLE ingested (
     article_id TEXT PRIMARY KEY,
     source TEXT NOT NULL,
     ingested_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX ingested_by_time ON ingested (ingested_at);
   CREATE TABLE deliveries (
     subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
     article_id TEXT NOT NULL,
     delivered_at INTEGER NOT NULL,
     PRIMARY KEY (subscription_id, article_id)
   ) WITHOUT ROWID;
   CREATE TABLE kv (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL CHECK (json_valid(value))
   ) WITHOUT ROWID;`,
  INBOX_MIGRATION,
];

interface SubscriptionRow {
  id: number; chat_id: number; kind: SubscriptionKind; value: string; created_at: number; last_digest_at: number | null;
}

const SUB_COLUMNS = 'id, chat_id, kind, value, created_at, last_digest_at';

const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: r.id, chatId: r.chat_id, kind: r.kind, value: r.value, createdAt: r.created_at, lastDigestAt: r.last_digest_at,
});

/** Normalises user text before storing or comparing: NFKC (full-width → ASCII), trimmed, single spaces. */
export function normalizeValue(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** Brings the schema up to date, one transaction per migration. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`schema version ${current} is newer than this program knows (${migrations.length}); upgrade jznews`);
  }
  for (let version = current; version < migrations.length; version++) {
    const step = migrations[version]!;
    db.transaction(() => {
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** How to recover a database file that cannot be trusted; names the file. */
const restoreHint = (file: string): string =>
  `Stop the bot and restore the latest backup: copy it over ${file} and delete ${file}-wal and ${file}-shm ` +
  '(see docs/operations.md), or point DATABASE_PATH at the right file. Only if there is no backup, move the file away ' +
  'to start with an empty database.';

/** Refuses a file that exists but is empty: a database in use is never 0 bytes, so it was truncated, not new. */
function refuseEmpty(file: string): void {
  const size = fs.statSync(file, { throwIfNoEntry: false })?.size;
  if (size === 0) throw new StoreError(`The database at ${file} is an empty file (0 bytes), so its data is gone; it will not be used as a new database. ${restoreHint(file)}`, file);
}

/** Runs PRAGMA quick_check; throws a StoreError naming the file and the fix when the file is damaged. */
function refuseDamaged(db: Database.Database, file: string): void {
  const problems = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((r) => r.quick_check);
  if (problems.join() !== 'ok') {
    throw new StoreError(`The database at ${file} is damaged (quick_check: ${problems.slice(0, 3).join('; ').slice(0, 300)}). ${restoreHint(file)}`, file);
  }
}

const DAMAGED = /SQLITE_(CORRUPT|NOTADB)|malformed|not a database/i;

function openDatabase(file: string): Database.Database {
  const inMemory = file === ':memory:' || file === '';
  let db: Database.Database | undefined;
  try {
    if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    if (!inMemory) refuseEmpty(file);
    db = new Database(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (!inMemory) refuseDamaged(db, file);
    migrate(db);
    db.transaction(() => {}).immediate(); // fails now, not on the first write, when the file is read-only
    return db;
  } catch (cause) {
    db?.close();
    if (cause instanceof StoreError) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const code = (cause as { code?: string }).code ?? '';
    if (DAMAGED.test(`${code} ${reason}`)) throw new StoreError(`The database at ${file} is damaged (${reason}). ${restoreHint(file)}`, file, { cause });
    throw new StoreError(
      `Cannot open the database at ${file}: ${reason}. ` +
        'Check that DATABASE_PATH points to a writable SQLite file (or to a new file in a writable folder), ' +
        'and move away any file there that is not a jznews database.',
      file,
      { cause },
    );
  }
}

/** Opens (creating and migrating if needed) the SQLite store at `file`; throws StoreError when it cannot. */
export function openSqliteStore(file: string): Store {
  const db = openDatabase(file);

  const q = {
    touchChat: db.prepare(
      `INSERT INTO chats (id, type, title, created_at, updated_at) VALUES (@id, @type, @title, @now, @now)
       ON CONFLICT (id) DO UPDATE SET type = coalesce(excluded.type, type),
         title = coalesce(excluded.title, title), updated_at = excluded.updated_at`,
    ),
    ensureChat: db.prepare('INSERT OR IGNORE INTO chats (id, created_at, updated_at) VALUES (?, ?, ?)'),
    copyChat: db.prepare(
      `INSERT OR IGNORE INTO chats (id, type, title, created_at, updated_at)
       SELECT ?, type, title, created_at, updated_at FROM chats WHERE id = ?`,
    ),
    deleteChat: db.prepare('DELETE FROM chats WHERE id = ?'),
    moveSubs: db.prepare('UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE chat_id = ?'),
    mergeDeliveries: db.prepare(
      `INSERT OR IGNORE INTO deliveries (subscription_id, article_id, delivered_at)
       SELECT t.id, d.article_id, d.delivered_at FROM deliveries d
       JOIN subscriptions f ON f.id = d.subscription_id
       JOIN subscriptions t ON t.chat_id = @to AND t.kind = f.kind AND t.value = f.value
       WHERE f.chat_id = @from`,
    ),
    findSub: db.prepare(`SELECT ${SUB_COLUMNS} FROM subscriptions WHERE chat_id = ? AND kind = ? AND value = ?`),
    subById: db.prepare(`SELECT ${SUB_COLUMNS} FROM subscriptions WHERE id = ?`),
    countSubs: db.prepare('SELECT count(*) AS n FROM subscriptions WHERE chat_id = ?').pluck(),
    insertSub: db.prepare('INSERT INTO subscriptions (chat_id, kind, value, created_at) VALUES (?, ?, ?, ?)'),
    listSubs: db.prepare(`SELECT ${SUB_COLUMNS} FROM subscriptions WHERE chat_id = ? ORDER BY created_at, id`),
    allSubs: db.prepare(`SELECT ${SUB_COLUMNS} FROM subscriptions ORDER BY id`),
    deleteSub: db.prepare('DELETE FROM subscriptions WHERE chat_id = ? AND id = ?'),
    deleteChatSubs: db.prepare('DELETE FROM subscriptions WHERE chat_id = ?'),
    subChats: db.prepare('SELECT DISTINCT chat_id FROM subscriptions ORDER BY chat_id').pluck(),
    ingest: db.prepare('INSERT OR IGNORE INTO ingested (article_id, source, ingested_at) VALUES (?, ?, ?)'),
    ingestedSince: db.prepare(
      `SELECT article_id AS articleId, ingested_at AS ingestedAt FROM ingested
       WHERE ingested_at > ? ORDER BY ingested_at, article_id`,
    ),
    isIngested: db.prepare('SELECT 1 FROM ingested WHERE article_id = ?').pluck(),
    pending: db.prepare(
      `SELECT i.article_id FROM subscriptions s
       JOIN ingested i ON i.ingested_at > s.created_at
         AND (s.last_digest_at IS NULL OR i.ingested_at >= s.last_digest_at)
       WHERE s.id = ? AND NOT EXISTS (
         SELECT 1 FROM deliveries d WHERE d.subscription_id = s.id AND d.article_id = i.article_id)
       ORDER BY i.ingested_at, i.article_id`,
    ).pluck(),
    deliver: db.prepare('INSERT OR IGNORE INTO deliveries (subscription_id, article_id, delivered_at) VALUES (?, ?, ?)'),
    setDigestAt: db.prepare('UPDATE subscriptions SET last_digest_at = ? WHERE id = ?'),
    kvRead: db.prepare('SELECT value FROM kv WHERE key = ?').pluck(),
    kvWrite: db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    kvDelete: db.prepare('DELETE FROM kv WHERE key = ?'),
  };

  const migrateChat = db.transaction((from: number, to: number): number => {
    if (from === to) return 0;
    q.copyChat.run(to, from);
    const moved = q.moveSubs.run(to, from).changes;
    // What is left under `from` duplicates a subscription `to` already has: keep its deliveries, drop it.
    q.mergeDeliveries.run({ from, to });
    const merged = q.deleteChatSubs.run(from).changes;
    q.deleteChat.run(from);
    return moved + merged;
  });

  const removeChat = db.transaction((chatId: number): number => {
    const removed = q.deleteChatSubs.run(chatId).changes;
    q.deleteChat.run(chatId);
    return removed;
  });

  const addSubscription = db.transaction(
    (chatId: number, kind: SubscriptionKind, raw: string, now: number, limit: number) => {
      const value = normalizeValue(raw);
      if (value === '') throw new RangeError('subscription value must not be empty');
      q.ensureChat.run(chatId, now, now);
      const existing = q.findSub.get(chatId, kind, value) as SubscriptionRow | undefined;
      if (existing) return { status: 'exists' as const, subscription: toSubscription(existing) };
      if ((q.countSubs.get(chatId) as number) >= limit) return { status: 'limit' as const };
      const id = Number(q.insertSub.run(chatId, kind, value, now).lastInsertRowid);
      const row = q.subById.get(id) as SubscriptionRow;
      return { status: 'created' as const, subscription: toSubscription(row) };
    },
  );

  const recordIngested = db.transaction((ids: string[], source: string, now: number): string[] => {
    const fresh: string[] = [];
    for (const id of new Set(ids.map((x) => x.trim()))) {
      if (id !== '' && q.ingest.run(id, source.trim(), now).changes === 1) fresh.push(id);
    }
    return fresh;
  });

  const markDelivered = db.transaction((subscriptionId: number, ids: string[], now: number) => {
    // A subscription removed while its digest was being sent: nothing to record.
    if (q.setDigestAt.run(now, subscriptionId).changes === 0) return;
    for (const id of ids) q.deliver.run(subscriptionId, id, now);
  });

  return {
    inbox: createInbox(db),
    touchChat(chatId, info, now) {
      const clean = (s?: string) => (s === undefined ? null : s.trim() || null);
      q.touchChat.run({ id: chatId, type: clean(info.type), title: clean(info.title), now });
    },
    migrateChat: (from, to) => migrateChat.immediate(from, to),
    removeChat: (chatId) => removeChat.immediate(chatId),
    addSubscription: (chatId, kind, value, now, limit) => addSubscription.immediate(chatId, kind, value, now, limit),
    listSubscriptions: (chatId) => (q.listSubs.all(chatId) as SubscriptionRow[]).map(toSubscription),
    removeSubscription: (chatId, id) => q.deleteSub.run(chatId, id).changes > 0,
    removeAllSubscriptions: (chatId) => q.deleteChatSubs.run(chatId).changes,
    allSubscriptions: () => (q.allSubs.all() as SubscriptionRow[]).map(toSubscription),
    chatsWithSubscriptions: () => q.subChats.all() as number[],
    recordIngested: (ids, source, now) => recordIngested.immediate(ids, source, now),
    ingestedSince: (since) => q.ingestedSince.all(since) as IngestedArticle[],
    isIngested: (articleId) => q.isIngested.get(articleId.trim()) !== undefined,
    pendingArticleIds: (subscriptionId) => q.pending.all(subscriptionId) as string[],
    markDelivered: (subscriptionId, ids, now) => markDelivered.immediate(subscriptionId, ids, now),
    read<T>(key: string): T | undefined {
      const text = q.kvRead.get(key) as string | undefined;
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    write<T>(key: string, value: T): void {
      const text = JSON.stringify(value);
      if (text === undefined) q.kvDelete.run(key);
      else q.kvWrite.run(key, text);
    },
    delete(key) {
      q.kvDelete.run(key);
    },
    integrityCheck: () =>
      (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('\n'),
    close() {
      if (db.open) db.close();
    },
  };
}
