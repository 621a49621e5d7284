/** Parses pages on worker threads (the pure corpus parser): a page that arrives while chats go on, and a whole folder at a cold start, beside the main thread. */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { batchDone, claimBatches, collectFromWorker, moduleWorker, sharedClaims, workerBeside, type SharedClaims } from '../threads.ts';
import { corpusOf, loadPage, loadPageFile, PageError, pageFiles, readManifest, type Corpus, type LoadedPage, type Manifest, type PageOutcome, type PageWarning } from '../corpus/load.ts';

/** A real page has a few hundred lines; more than this is not a page. */
export const MAX_PAGE_LINES = 100_000;
/** A page that takes longer than this to parse is skipped, and its worker stopped. */
const PARSE_TIMEOUT_MS = 20_000;

/** What a worker answers: the page, or why it was skipped (a sentence that follows its name). */
export type ParseReply = { ok: true; page: LoadedPage; warnings: PageWarning[] } | { ok: false; message: string; warnings: PageWarning[] };

/** Reads and parses the page at `path` (dated by the manifest of its folder); never throws. */
export function parseFile(path: string): ParseReply {
  const warnings: PageWarning[] = [];
  try {
    const bytes = readFileSync(path);
    let lines = 1;
    for (let i = bytes.indexOf(10); i !== -1 && lines <= MAX_PAGE_LINES; i = bytes.indexOf(10, i + 1)) lines++;
    if (lines > MAX_PAGE_LINES) throw new PageError(basename(path), `has more than ${MAX_PAGE_LINES} lines, which no page has; skipped`);
    return { ok: true, page: loadPage(path, readManifest(dirname(path), warnings), warnings), warnings };
  } catch (err) {
    return { ok: false, message: err instanceof PageError ? err.message : `could not be read: ${(err as Error).message}; skipped`, warnings };
  }
}

/** A folder shared by the main thread and a worker: pages claimed one by one. */
interface FolderJob {
  dir: string;
  names: string[];
  manifest: Manifest;
  claims: SharedClaims;
  port: MessagePort;
}

const data = isMainThread ? undefined : (workerData as { jznewsParse?: string; jznewsFolder?: FolderJob } | null);
if (data?.jznewsParse !== undefined) parentPort?.postMessage(parseFile(data.jznewsParse));
if (data?.jznewsFolder !== undefined) {
  const job = data.jznewsFolder;
  claimBatches(job.claims, (at) => {
    job.port.postMessage([at, loadPageFile(job.dir, job.names[at]!, job.manifest)]);
    batchDone(job.claims);
  });
}

/** Parses the page at `path` on a worker thread; a page that takes over `timeoutMs` is skipped. Never rejects. */
export function parseOffThread(path: string, timeoutMs = PARSE_TIMEOUT_MS): Promise<ParseReply> {
  return new Promise((resolve) => {
    const worker = moduleWorker(import.meta.url, { workerData: { jznewsParse: path }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    let settled = false;
    const settle = (reply: ParseReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(reply);
    };
    const timer = setTimeout(() => settle({ ok: false, message: `took over ${timeoutMs / 1000} s to parse; skipped`, warnings: [] }), timeoutMs);
    worker.once('message', (reply: ParseReply) => settle(reply));
    worker.once('error', (err) => settle({ ok: false, message: `could not be parsed: ${err.message}; skipped`, warnings: [] }));
    worker.once('exit', (code) => settle({ ok: false, message: `could not be parsed (the parser stopped with code ${code}); skipped`, warnings: [] }));
  });
}

/** Below this many pages a folder is parsed on the main thread alone: starting a worker costs about as much as 100 pages. */
const PARALLEL_MIN_PAGES = 200;

/**
 * loadCorpus's corpus, parsed by the main thread and a worker at once (pages claimed one by one, so the faster takes
 * more); `meanwhile` runs on the main thread while the worker starts (jieba's dictionary load). A worker that cannot
 * start or stops leaves its pages to the main thread. `counts.worker` is set to the pages the worker parsed; with `own`
 * false the main thread leaves every page to the worker (unless it stops).
 */
export function loadCorpusInParallel(dir: string, meanwhile: () => void = () => {}, minPages = PARALLEL_MIN_PAGES, counts: { worker: number } = { worker: 0 }, own = true): Corpus {
  const warnings: PageWarning[] = [];
  const manifest = readManifest(dir, warnings);
  const names = pageFiles(dir);
  const outcomes: Array<PageOutcome | undefined> = new Array(names.length);
  if (names.length < minPages) {
    meanwhile();
    return corpusOf(names.map((name) => loadPageFile(dir, name, manifest)), warnings);
  }
  const claims = sharedClaims(names.length, 1);
  const beside = workerBeside(import.meta.url, 'jznewsFolder', { dir, names, manifest, claims });
  meanwhile();
  const mine = own ? claimBatches(claims, (at) => void (outcomes[at] = loadPageFile(dir, names[at]!, manifest))) : 0;
  // The worker's last pages, then whatever it left.
  for (const [at, outcome] of collectFromWorker<[number, PageOutcome]>(beside, claims, mine, PARSE_TIMEOUT_MS)) {
    outcomes[at] = outcome;
    counts.worker++;
  }
  return corpusOf(outcomes.map((o, at) => o ?? loadPageFile(dir, names[at]!, manifest)), warnings);
}
