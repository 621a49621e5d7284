/** Online backup of the SQLite file (safe while the bot runs), checked before it is reported done. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './types.ts';

export interface BackupResult {
  source: string;
  dest: string;
  pages: number;
  bytes: number;
}

/** Copies the database at `source` to `dest` with SQLite's online backup API, then runs quick_check on the copy. */
export async function backupDatabase(source: string, dest: string): Promise<BackupResult> {
  if (path.resolve(source) === path.resolve(dest)) throw new StoreError(`The backup must go to another file than the database itself (${source}).`, source);
  if (!fs.existsSync(source) || fs.statSync(source).size === 0) throw new StoreError(`There is no database to back up at ${source} (missing or empty); check DATABASE_PATH.`, source);
  fs.mkdirSync(path.dirname(path.resolve(dest)), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const progress = await db.backup(dest);
    const copy = new Database(dest, { readonly: true });
    try {
      const check = (copy.pragma('quick_check') as Array<{ quick_check: string }>).map((r) => r.quick_check).join('; ');
      if (check !== 'ok') throw new StoreError(`The backup at ${dest} failed its check (${check.slice(0, 200)}); the database at ${source} may be damaged.`, dest);
    } finally {
      copy.close();
    }
    return { source, dest, pages: progress.totalPages, bytes: fs.statSync(dest).size };
  } finally {
    db.close();
  }
}
