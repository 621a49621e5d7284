/** Live ingestion: pages dropped into SEEDS_DIR are parsed, indexed and recorded within seconds, without a restart. */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { loadPage, pageFiles, PageError, readManifest, type PageWarning } from '../corpus/load.ts';
import type { Article } from '../corpus/types.ts';
import type { Library } from './library.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';

export interface IngestDeps {
  library: Library;
  store: Store;
  log: Logger;
  clock: () => number;
  seedsDir: string;
}

export interface IngestResult {
  source: string;
  added: Article[];
  warnings: PageWarning[];
}

/** Reads one page and adds its new articles to the library and the store; a bad page gives one warning. */
export function ingestFile(deps: IngestDeps, name: string): IngestResult {
  const warnings: PageWarning[] = [];
  try {
    const page = loadPage(join(deps.seedsDir, name), readManifest(deps.seedsDir, warnings), warnings);
    const added = deps.library.addPage(page);
    deps.store.recordIngested(added.map((a) => a.id), name, deps.clock());
    for (const w of warnings) deps.log.warn({ source: w.source }, `page ${w.source} ${w.message}`);
    if (added.length > 0) deps.log.info({ source: name, added: added.length }, 'page ingested');
    return { source: name, added, warnings };
  } catch (err) {
    const message = err instanceof PageError ? err.message : `could not be read: ${(err as Error).message}; skipped`;
    deps.log.warn({ source: name }, `page ${name} ${message}`);
    return { source: name, added: [], warnings: [...warnings, { source: name, message }] };
  }
}

/** Reads every page of the folder again (the admin's /reload); already known articles are skipped. */
export function reloadAll(deps: IngestDeps): { pages: number; added: number; warnings: PageWarning[] } {
  const results = pageFiles(deps.seedsDir).map((name) => ingestFile(deps, name));
  return { pages: results.length, added: results.reduce((n, r) => n + r.added.length, 0), warnings: results.flatMap((r) => r.warnings) };
}

/** Records the articles loaded at start-up, so only later arrivals count as new for digests. */
export function recordStartup(deps: Pick<IngestDeps, 'library' | 'store' | 'clock'>): number {
  return deps.store.recordIngested(deps.library.articles().map((a) => a.id), 'startup', deps.clock()).length;
}

/** Watches the folder; each new or changed .txt page is ingested once it has been quiet for `settleMs`. */
export function watchSeeds(deps: IngestDeps, onIngest: (result: IngestResult) => void = () => {}, settleMs = 400): FSWatcher {
  const timers = new Map<string, NodeJS.Timeout>();
  const watcher = watch(deps.seedsDir, (_event, filename) => {
    const name = filename?.toString();
    if (!name || !name.endsWith('.txt')) return;
    clearTimeout(timers.get(name));
    timers.set(
      name,
      setTimeout(() => {
        timers.delete(name);
        try {
          if (!pageFiles(deps.seedsDir).includes(name)) return;
          onIngest(ingestFile(deps, name));
        } catch (err) {
          deps.log.error({ err, source: name }, 'could not ingest a page that arrived');
        }
      }, settleMs),
    );
  });
  watcher.on('error', (err) => deps.log.error({ err }, 'watching the pages folder failed'));
  watcher.on('close', () => timers.forEach((t) => clearTimeout(t)));
  return watcher;
}
