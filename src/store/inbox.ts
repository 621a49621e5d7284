/** The durable inbox: updates kept from receipt until handled, and the sends each one made, so a replay repeats none. */
import type Database from 'better-sqlite3';
import type { InboxStore, RecordedSend } from './types.ts';

/** Schema step that adds the inbox and the per-update send log. */
export const INBOX_MIGRATION = `
  CREATE TABLE inbox (
    update_id INTEGER PRIMARY KEY,
    chat_key TEXT NOT NULL,
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    received_at INTEGER NOT NULL,
    done_at INTEGER,
    replays INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX inbox_unfinished ON inbox (update_id) WHERE done_at IS NULL;
  CREATE INDEX inbox_done ON inbox (done_at) WHERE done_at IS NOT NULL;
  CREATE TABLE update_sends (
    update_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    method TEXT NOT NULL,
    result TEXT,
    PRIMARY KEY (update_id, seq)
  ) WITHOUT ROWID;`;

/** The inbox over an open, migrated database. */
export function createInbox(db: Database.Database): InboxStore {
  const q = {
    receive: db.prepare('INSERT OR IGNORE INTO inbox (update_id, chat_key, payload, received_at) VALUES (?, ?, ?, ?)'),
    // A handled update keeps only its id (to recognise a repeat), not its payload.
    finish: db.prepare("UPDATE inbox SET done_at = ?, payload = '{}' WHERE update_id = ? AND done_at IS NULL"),
    forgetSends: db.prepare('DELETE FROM update_sends WHERE update_id = ?'),
    unfinished: db.prepare('SELECT update_id AS updateId, payload, replays FROM inbox WHERE done_at IS NULL ORDER BY update_id'),
    replayed: db.prepare('UPDATE inbox SET replays = replays + 1 WHERE done_at IS NULL'),
    pending: db.prepare('SELECT count(*) FROM inbox WHERE done_at IS NULL').pluck(),
    send: db.prepare('SELECT method, result FROM update_sends WHERE update_id = ? AND seq = ?'),
    begin: db.prepare('INSERT OR IGNORE INTO update_sends (update_id, seq, method) VALUES (?, ?, ?)'),
    confirm: db.prepare('UPDATE update_sends SET result = ? WHERE update_id = ? AND seq = ?'),
    drop: db.prepare('DELETE FROM update_sends WHERE update_id = ? AND seq = ?'),
    prune: db.prepare('DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?'),
  };
  const finish = db.transaction((updateId: number, now: number) => {
    q.finish.run(now, updateId);
    q.forgetSends.run(updateId);
  });
  return {
    receive: (updateId, chatKey, payload, now) => q.receive.run(updateId, chatKey, payload, now).changes === 1,
    finish: (updateId, now) => finish.immediate(updateId, now),
    unfinished: () => q.unfinished.all() as Array<{ updateId: number; payload: string; replays: number }>,
    countReplay: () => void q.replayed.run(),
    pendingCount: () => q.pending.get() as number,
    recordedSend(updateId, seq) {
      const row = q.send.get(updateId, seq) as { method: string; result: string | null } | undefined;
      if (!row) return undefined;
      const recorded: RecordedSend = { method: row.method, confirmed: row.result !== null };
      return row.result === null ? recorded : { ...recorded, result: JSON.parse(row.result) as unknown };
    },
    beginSend: (updateId, seq, method) => void q.begin.run(updateId, seq, method),
    confirmSend: (updateId, seq, result) => void q.confirm.run(JSON.stringify(result ?? null), updateId, seq),
    dropSend: (updateId, seq) => void q.drop.run(updateId, seq),
    prune: (before) => q.prune.run(before).changes,
  };
}
