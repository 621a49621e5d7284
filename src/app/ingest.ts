/** Live ingestion: pages dropped into SEEDS_DIR are parsed, indexed and recorded within seconds, without a restart. */
import { lstatSync, readdirSync, realpathSync, watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { pageFiles, type PageWarning } from '../corpus/load.ts';
import { parseFile, parseOffThread, type ParseReply } from './parse-worker.ts';
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
  /** Articles new to the library. */
  added: Article[];
  /** Articles the page printed before with other text, or no longer prints (a page written again). */
  replaced: Article[];
  removed: Article[];
  warnings: PageWarning[];
}

/** Article ids the store could not record (a full disk), kept to record later so they are still digested. */
const unrecorded = new WeakMap<Store, Array<{ ids: string[]; source: string }>>();

/** Records ingested ids, with any left from earlier failures; on failure keeps them for the next try. Returns whether all were recorded. */
export function recordOrKeep(deps: Pick<IngestDeps, 'store' | 'log' | 'clock'>, ids: string[], source: string): boolean {
  const waiting = unrecorded.get(deps.store) ?? [];
  if (ids.length > 0) waiting.push({ ids, source });
  unrecorded.set(deps.store, waiting);
  while (waiting.length > 0) {
    const next = waiting[0]!;
    try {
      deps.store.recordIngested(next.ids, next.source, deps.clock());
    } catch (err) {
      deps.log.error({ err, source: next.source, articles: next.ids.length }, 'could not record new articles (is the disk full?); they are searchable now and will be digested once they are recorded');
      return false;
    }
    waiting.shift();
  }
  return true;
}

/** Adds a parsed page's new articles to the library and the store; a page that could not be used gives one warning. */
function addParsed(deps: IngestDeps, name: string, reply: ParseReply): IngestResult {
  for (const w of reply.warnings) deps.log.warn({ source: w.source }, `page ${w.source} ${w.message}`);
  if (!reply.ok) {
    deps.log.warn({ source: name }, `page ${name} ${reply.message}`);
    return { source: name, added: [], replaced: [], removed: [], warnings: [...reply.warnings, { source: name, message: reply.message }] };
  }
  const { added, replaced, removed } = deps.library.readPage(reply.page);
  recordOrKeep(deps, added.map((a) => a.id), name);
  if (replaced.length + removed.length > 0) deps.log.info({ source: name, added: added.length, replaced: replaced.length, removed: removed.length }, 'page read again: its articles replaced');
  else if (added.length > 0) deps.log.info({ source: name, added: added.length }, 'page ingested');
  return { source: name, added, replaced, removed, warnings: reply.warnings };
}

/** Reads one page on this thread and adds its new articles to the library and the store; a bad page gives one warning. */
export function ingestFile(deps: IngestDeps, name: string): IngestResult {
  return addParsed(deps, name, parseFile(join(deps.seedsDir, name)));
}

/** Like ingestFile, but the page is parsed on a worker thread while chats go on being answered. */
export async function ingestOffThread(deps: IngestDeps, name: string): Promise<IngestResult> {
  return addParsed(deps, name, await parseOffThread(join(deps.seedsDir, name)));
}

/** Why a .txt entry of the folder is a symlink that is not read (out of the folder, a loop, or a second name of a page); undefined for a plain file. */
export function symlinkProblem(dir: string, name: string): string | undefined {
  const path = join(dir, name);
  if (!lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) return undefined;
  let target: string;
  try {
    target = realpathSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ELOOP' ? 'is a symlink loop; skipped' : `is a symlink to nothing (${code ?? 'unreadable'}); skipped`;
  }
  const inside = relative(realpathSync(dir), target);
  if (inside.startsWith('..') || isAbsolute(inside)) return 'is a symlink to a file outside the pages folder; skipped';
  return `is a symlink to ${inside}; skipped (pages are read under their own names)`;
}

/** Warns once about each symlinked .txt entry of the folder, which the page loader does not read. */
export function warnSymlinks(dir: string, log: Logger): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((n) => n.endsWith('.txt'));
  } catch {
    return;
  }
  for (const name of entries) {
    const problem = symlinkProblem(dir, name);
    if (problem) log.warn({ source: name }, `page ${name} ${problem}`);
  }
}

/** Reads every page of the folder again (the admin's /reload): new articles added, those a changed page prints otherwise or no longer replaced. */
export function reloadAll(deps: IngestDeps): { pages: number; added: number; changed: number; warnings: PageWarning[] } {
  const results = pageFiles(deps.seedsDir).map((name) => ingestFile(deps, name));
  const count = (of: (r: IngestResult) => Article[]): number => results.reduce((n, r) => n + of(r).length, 0);
  return { pages: results.length, added: count((r) => r.added), changed: count((r) => [...r.replaced, ...r.removed]), warnings: results.flatMap((r) => r.warnings) };
}

/** Records the articles loaded at start-up, so only later arrivals count as new for digests. */
export function recordStartup(deps: Pick<IngestDeps, 'library' | 'store' | 'clock' | 'log'>): number {
  const ids = deps.library.articles().map((a) => a.id);
  try {
    return deps.store.recordIngested(ids, 'startup', deps.clock()).length;
  } catch {
    recordOrKeep(deps, ids, 'startup');
    return 0;
  }
}

/**
 * Watches the folder; each new or changed .txt page is parsed off the main thread once it has been quiet for `settleMs`.
 * Article ids the store could not record (a full disk) are tried again every `retryMs`.
 */
export function watchSeeds(deps: IngestDeps, onIngest: (result: IngestResult) => void = () => {}, settleMs = 400, retryMs = 30_000): FSWatcher {
  const timers = new Map<string, NodeJS.Timeout>();
  // One page at a time: a folder of new pages never runs many parsers at once.
  let chain = Promise.resolve();
  const ingest = (name: string): void => {
    const problem = symlinkProblem(deps.seedsDir, name);
    if (problem) return void deps.log.warn({ source: name }, `page ${name} ${problem}`);
    if (!pageFiles(deps.seedsDir).includes(name)) return;
    chain = chain.then(() => ingestOffThread(deps, name)).then(onIngest, (err: unknown) => deps.log.error({ err, source: name }, 'could not ingest a page that arrived'));
  };
  const retry = setInterval(() => recordOrKeep(deps, [], 'retry'), retryMs).unref();
  const watcher = watch(deps.seedsDir, (_event, filename) => {
    const name = filename?.toString();
    if (!name || !name.endsWith('.txt')) return;
    clearTimeout(timers.get(name));
    timers.set(
      name,
      setTimeout(() => {
        timers.delete(name);
        try {
          ingest(name);
        } catch (err) {
          deps.log.error({ err, source: name }, 'could not ingest a page that arrived');
        }
      }, settleMs),
    );
  });
  watcher.on('error', (err) => deps.log.error({ err }, 'watching the pages folder failed'));
  watcher.on('close', () => {
    timers.forEach((t) => clearTimeout(t));
    clearInterval(retry);
  });
  return watcher;
}
