/** Opens the library of a folder of pages: from its snapshot when that was built from exactly these pages by this code, else from the pages (and saves one). */
import { join, dirname } from 'node:path';
import type { PageWarning } from '../corpus/load.ts';
import { loadJiebaSoon } from '../search/tokenize.ts';
import { loadSnapshot, saveSnapshot, type SnapshotLoad, type SnapshotProblem } from './format.ts';
import { pageFingerprints, snapshotKey } from './fingerprint.ts';
import { createLibrary, libraryFromState, type Library } from './library.ts';
import { loadCorpusInParallel } from './parse-worker.ts';

/** The snapshot's file name, beside the database. */
export const SNAPSHOT_FILE = 'snapshot.json';

/** How long after a snapshot start the rest of the library loads. */
const SETTLE_AFTER_MS = 300;

const fail = (reason: SnapshotProblem, message: string): SnapshotLoad => ({ state: null, reason, message });

/** What the bot logs with. */
export interface SnapshotLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface OpenedLibrary {
  library: Library;
  /** The page warnings of the load the library was built from (remembered in the snapshot). */
  warnings: PageWarning[];
  /** Whether the library came from the snapshot or was built from the pages. */
  from: 'snapshot' | 'pages';
}

/**
 * The library of a folder of pages: loaded from the snapshot at `path` when it was built from exactly these pages by
 * this version, else built from the pages (a warning says why, unless there was no snapshot yet) and saved for the
 * next start. `path` null: no snapshot at all.
 */
export async function openLibrary(dir: string, path: string | null, log: SnapshotLog): Promise<OpenedLibrary> {
  const started = performance.now();
  // jieba's dictionaries are built on a thread of libuv's pool, the pages' fingerprints and the snapshot's sections read and checked on worker threads, while this thread parses.
  const jiebaReady = loadJiebaSoon();
  const keyed = path ? pageFingerprints(dir).then((pages) => snapshotKey(pages)) : Promise.resolve('');
  // Their failures (no pages folder) are thrown where they are awaited, below, not reported as unhandled meanwhile.
  keyed.catch(() => undefined);
  jiebaReady.catch(() => undefined);
  if (path) {
    let loaded = await loadSnapshot(path, keyed);
    if (loaded.state) {
      try {
        await jiebaReady;
        const loadMs = Math.round(performance.now() - started);
        const library = libraryFromState(loaded.state);
        // What the first answers do not need (the directory, the rest of the term tree) loads a moment later, if nothing asked for it first: questions already waiting (a pipe's lines, Telegram's queued updates) are answered before it.
        setTimeout(() => library.settle(), SETTLE_AFTER_MS).unref();
        // loadMs: the pages' key, the sections read, checked and parsed, and jieba loaded; the rest made the library.
        log.info({ path, ms: Math.round(performance.now() - started), loadMs, bytes: loaded.bytes }, 'library loaded from snapshot');
        return { library, warnings: loaded.state.warnings, from: 'snapshot' };
      } catch (err) {
        loaded = fail('corrupt', `could not be turned into a library (${(err as Error).message})`);
      }
    }
    if (loaded.reason === 'missing') log.info({ path }, 'no snapshot yet; building the library from the pages');
    else if (loaded.reason !== null) log.warn({ path, reason: loaded.reason }, `snapshot ${path} ${loaded.message}; rebuilding the library from the pages`);
  }
  const key = await keyed;
  // Pages parse on a worker and the main thread while jieba loads, which the build needs next.
  const corpus = loadCorpusInParallel(dir, () => {});
  await jiebaReady;
  const library = createLibrary(corpus);
  if (path) {
    try {
      const bytes = saveSnapshot(path, key, { ...library.snapshotState(), warnings: corpus.warnings });
      log.info({ path, ms: Math.round(performance.now() - started), bytes }, 'library built and snapshot saved');
    } catch (err) {
      log.warn({ path, err }, `could not save the snapshot to ${path}: ${(err as Error).message}`);
    }
  }
  return { library, warnings: corpus.warnings, from: 'pages' };
}

/** The snapshot path for a database path: snapshot.json in the same folder; none for an in-memory database. */
export function snapshotPathFor(databasePath: string): string | null {
  return databasePath === ':memory:' || databasePath === '' ? null : join(dirname(databasePath), SNAPSHOT_FILE);
}
