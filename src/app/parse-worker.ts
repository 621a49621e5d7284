/** Parses a page on a worker thread (the pure corpus parser), so chats keep their latency while a page loads. */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadPage, PageError, readManifest, type LoadedPage, type PageWarning } from '../corpus/load.ts';

/** A real page has a few hundred lines; more than this is not a page. */
export const MAX_PAGE_LINES = 100_000;
/** A page that takes longer than this to parse is skipped, and its worker stopped. */
export const PARSE_TIMEOUT_MS = 20_000;

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

const job = isMainThread ? undefined : (workerData as { jznewsParse?: string } | null)?.jznewsParse;
if (job !== undefined) parentPort?.postMessage(parseFile(job));

/** A worker's entry cannot be TypeScript on Node 20: a small script registers tsx in the worker, then imports this file. */
const bootstrap = (): string =>
  `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;

/** Parses the page at `path` on a worker thread; a page that takes over `timeoutMs` is skipped. Never rejects. */
export function parseOffThread(path: string, timeoutMs = PARSE_TIMEOUT_MS): Promise<ParseReply> {
  return new Promise((resolve) => {
    const worker = new Worker(bootstrap(), { eval: true, workerData: { jznewsParse: path }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
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
