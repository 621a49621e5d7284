/** Cuts a whole archive's texts into search terms on the main thread and a worker thread at once: at a cold start jieba's cutting is most of the build. */
import { isMainThread, workerData, type MessagePort } from 'node:worker_threads';
import { batchDone, claimBatches, collectFromWorker, sharedClaims, workerBeside, type SharedClaims } from '../threads.ts';
import { addWords, insertedWords, loadJieba, segment } from './tokenize.ts';

/** Below this many characters in all, texts are cut on the main thread alone: the worker's own jieba load (~0.7 s of CPU) would cost about as much as it saves. */
const PARALLEL_MIN_CHARS = 2_000_000;
/** Texts claimed at a time. */
const CHUNK = 64;
/** How long the main thread waits for a worker that stopped making progress before it cuts the worker's texts itself. */
const STALL_MS = 30_000;
/** Joins one text's terms for the trip back (a term never holds it; one that does is sent as a list). */
const SEP = '\u0000';

interface SegmentJob {
  texts: string[];
  /** The words the main thread's jieba was given, for the worker's to cut the same way. */
  words: string[];
  claims: SharedClaims;
  port?: MessagePort;
}

/** Claims chunks of texts until none is left; `done` gets each chunk's first position and its texts' terms. */
const claimChunks = (job: SegmentJob, done: (start: number, terms: string[][]) => void): number =>
  claimBatches(job.claims, (start) => done(start, job.texts.slice(start, start + CHUNK).map(segment)));

const job = isMainThread ? undefined : (workerData as { jznewsSegment?: SegmentJob } | null)?.jznewsSegment;
if (job?.port) {
  const { port } = job;
  loadJieba();
  addWords(job.words);
  claimChunks(job, (start, terms) => {
    port.postMessage([start, terms.map((t) => (t.some((w) => w.includes(SEP)) ? t : t.join(SEP)))]);
    batchDone(job.claims);
  });
}

/**
 * Each text's terms, as `segment` cuts it, in order: for a large archive half of them are cut on a worker thread whose
 * jieba is given the same words as this one. A worker that cannot start or stops leaves its texts to this thread.
 * `counts.worker` is set to the texts the worker cut; with `own` false this thread leaves every text to the worker.
 */
export function segmentAll(texts: string[], minChars = PARALLEL_MIN_CHARS, counts: { worker: number } = { worker: 0 }, own = true): string[][] {
  const out: string[][] = new Array(texts.length);
  let chars = 0;
  for (const t of texts) chars += t.length;
  if (chars < minChars) return texts.map(segment);
  const shared: SegmentJob = { texts, words: insertedWords(), claims: sharedClaims(texts.length, CHUNK) };
  const beside = workerBeside(import.meta.url, 'jznewsSegment', shared);
  const mine = own ? claimChunks(shared, (start, terms) => terms.forEach((t, i) => (out[start + i] = t))) : 0;
  // The worker's last chunks, then whatever it left.
  for (const [start, terms] of collectFromWorker<[number, Array<string | string[]>]>(beside, shared.claims, mine, STALL_MS)) {
    terms.forEach((t, i) => (out[start + i] = typeof t === 'string' ? (t === '' ? [] : t.split(SEP)) : t));
    counts.worker += terms.length;
  }
  for (let at = 0; at < texts.length; at++) out[at] ??= segment(texts[at]!);
  return out;
}
