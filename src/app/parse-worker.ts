/** Parses pages on worker threads (the pure corpus parser): a page that arrives while chats go on, and a whole folder at a cold start, beside the main thread. */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { isMainThread, MessageChannel, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { moduleWorker } from '../threads.ts';
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

/** A folder shared by the main thread and a worker: pages are claimed one by one through `claims` (next page, pages the worker finished). */
interface FolderJob {
  dir: string;
  names: string[];
  manifest: Manifest;
  claims: SharedArrayBuffer;
  port: MessagePort;
}
const NEXT = 0;
const FINISHED = 1;

/** Claims and loads pages until none is left, handing each outcome to `done` with its position. */
function claimPages(job: Omit<FolderJob, 'port'>, done: (at: number, outcome: PageOutcome) => void): void {
  const claims = new Int32Array(job.claims);
  for (let at = Atomics.add(claims, NEXT, 1); at < job.names.length; at = Atomics.add(claims, NEXT, 1)) done(at, loadPageFile(job.dir, job.names[at]!, job.manifest));
}

const data = isMainThread ? undefined : (workerData as { jznewsParse?: string; jznewsFolder?: FolderJob } | null);
if (data?.jznewsParse !== undefined) parentPort?.postMessage(parseFile(data.jznewsParse));
if (data?.jznewsFolder !== undefined) {
  const job = data.jznewsFolder;
  const claims = new Int32Array(job.claims);
  claimPages(job, (at, outcome) => {
    job.port.postMessage([at, outcome]);
    Atomics.add(claims, FINISHED, 1);
    Atomics.notify(claims, FINISHED);
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
  const job = { dir, names, manifest, claims: new SharedArrayBuffer(8) };
  const claims = new Int32Array(job.claims);
  const { port1, port2 } = new MessageChannel();
  const worker = moduleWorker(import.meta.url, { workerData: { jznewsFolder: { ...job, port: port2 } }, transferList: [port2], resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  worker.unref();
  worker.on('error', () => {}); // its pages fall back to the main thread below
  meanwhile();
  let mine = 0;
  if (own) claimPages(job, (at, outcome) => void ((outcomes[at] = outcome), mine++));
  // The worker's last pages: wait while it makes progress, then take over whatever it left.
  for (let seen = -1; mine + Atomics.load(claims, FINISHED) < names.length; ) {
    const finished = Atomics.load(claims, FINISHED);
    if (finished === seen) break;
    seen = finished;
    Atomics.wait(claims, FINISHED, finished, PARSE_TIMEOUT_MS);
  }
  for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
    const [at, outcome] = m.message as [number, PageOutcome];
    outcomes[at] = outcome;
    counts.worker++;
  }
  port1.close();
  void worker.terminate();
  return corpusOf(outcomes.map((o, at) => o ?? loadPageFile(dir, names[at]!, manifest)), warnings);
}
