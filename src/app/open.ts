/** The application's data, opened once at start: the library (from its snapshot when fresh), the store, and the clock. */
import type { Config } from '../config.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import type { Store } from '../store/types.ts';
import { recordStartup, warnSymlinks } from './ingest.ts';
import type { Library } from './library.ts';
import { openLibrary, snapshotPathFor } from './snapshot.ts';

/** What every layer above the app shares. */
export interface App {
  library: Library;
  store: Store;
  /** Current time in epoch milliseconds. */
  clock: () => number;
  config: Config;
  log: Logger;
}

/** Where the library's snapshot, the database and the clock come from; tests override them. */
export interface OpenOverrides {
  databasePath?: string;
  clock?: () => number;
  /** null: no snapshot at all. */
  snapshotPath?: string | null;
}

/** The library from its snapshot or the pages; a snapshot path that cannot even be read (a folder, no permission) is named and left aside. */
async function loadLibrary(seedsDir: string, snapshotPath: string | null, log: Logger): ReturnType<typeof openLibrary> {
  try {
    return await openLibrary(seedsDir, snapshotPath, log);
  } catch (err) {
    if (snapshotPath === null) throw err;
    log.warn({ err, path: snapshotPath }, `the snapshot at ${snapshotPath} cannot be used (${describeError(err)}); building the library from the pages without it. Move that path away.`);
    return openLibrary(seedsDir, null, log);
  }
}

/** Opens the store, loads the library (logging the pages' warnings) and records the articles present at start. */
export async function openApp(config: Config, log: Logger, overrides: OpenOverrides = {}): Promise<App> {
  const databasePath = overrides.databasePath ?? config.databasePath;
  // snapshot.json beside the database; loaded when it was built from these pages, else rebuilt and saved (a warning says why).
  const snapshotPath = overrides.snapshotPath !== undefined ? overrides.snapshotPath : snapshotPathFor(databasePath);
  // The store first: a damaged database refuses to start at once, before the pages are read.
  const store = openSqliteStore(databasePath);
  let opened: Awaited<ReturnType<typeof openLibrary>>;
  try {
    opened = await loadLibrary(config.seedsDir, snapshotPath, log);
  } catch (err) {
    store.close();
    throw err;
  }
  const { library, warnings } = opened;
  for (const w of warnings) log.warn({ source: w.source }, `page ${w.source} ${w.message}`);
  log.info({ ...library.stats(), dir: config.seedsDir }, 'corpus loaded');
  const clock = overrides.clock ?? Date.now;
  warnSymlinks(config.seedsDir, log);
  recordStartup({ library, store, clock, log });
  return { library, store, clock, config, log };
}
