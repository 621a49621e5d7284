/** Cuts a whole archive's texts into search terms on the main thread and a worker thread at once: at a cold start jieba's cutting is most of the build. */
import { isMainThread, MessageChannel, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { moduleWorker } from '../threads.ts';
import { addWords, insertedWords, loadJieba, segment } from './tokenize.ts';

/** Below this many characters in all, texts are cut on the main thread alone: the worker's own jieba load (~0.7 s of CPU) would cost about as much as it saves. */
const PARALLEL_MIN_CHARS = 2_000_000;
/** Texts claimed at a time. */
const CHUNK = 64;
/** How long the main thread waits for a worker that stopped making progress before it cuts the worker's texts itself. */
const STALL_MS = 30_000;
const NEXT = 0;
const FINISHED = 1;
/** Joins one text's terms for the trip back (a term never holds it; one that does is sent as a list). */
const SEP = '\u0000';

interface SegmentJob {
  texts: string[];
  /** The words the main thread's jieba was given, for the worker's to cut the same way. */
  words: string[];
  claims: SharedArrayBuffer;
  port?: MessagePort;
}

/** Claims chunks of texts until none is left; `done` gets each chunk's first position and its texts' terms. */
function claimChunks(job: SegmentJob, done: (start: number, terms: string[][]) => void): void {
  const claims = new Int32Array(job.claims);
  for (let start = Atomics.add(claims, NEXT, CHUNK); start < job.texts.length; start = Atomics.add(claims, NEXT, CHUNK)) {
    done(start, job.texts.slice(start, start + CHUNK).map(segment));
  }
}

const job = isMainThread ? undefined : (workerData as { jznewsSegment?: SegmentJob } | null)?.jznewsSegment;
if (job?.port) {
  const { port } = job;
  loadJieba();
  addWords(job.words);
  const claims = new Int32Array(job.claims);
  claimChunks(job, (start, terms) => {
    port.postMessage([start, terms.map((t) => (t.some((w) => w.includes(SEP)) ? t : t.join(SEP)))]);
    Atomics.add(claims, FINISHED, 1);
    Atomics.notify(claims, FINISHED);
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
  const shared: SegmentJob = { texts, words: insertedWords(), claims: new SharedArrayBuffer(8) };
  const claims = new Int32Array(shared.claims);
  const { port1, port2 } = new MessageChannel();
  const worker = moduleWorker(import.meta.url, { workerData: { jznewsSegment: { ...shared, port: port2 } }, transferList: [port2], resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  worker.unref();
  worker.on('error', () => {}); // its texts fall back to this thread below
  let mine = 0;
  if (own) {
    claimChunks(shared, (start, terms) => {
      terms.forEach((t, i) => (out[start + i] = t));
      mine++;
    });
  }
  const chunks = Math.ceil(texts.length / CHUNK);
  // The worker's last chunks: wait while it makes progress, then cut whatever it left.
  for (let seen = -1; mine + Atomics.load(claims, FINISHED) < chunks; ) {
    const finished = Atomics.load(claims, FINISHED);
    if (finished === seen) break;
    seen = finished;
    Atomics.wait(claims, FINISHED, finished, STALL_MS);
  }
  for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
    const [start, terms] = m.message as [number, Array<string | string[]>];
    terms.forEach((t, i) => (out[start + i] = typeof t === 'string' ? (t === '' ? [] : t.split(SEP)) : t));
    counts.worker += terms.length;
  }
  port1.close();
  void worker.terminate();
  for (let at = 0; at < texts.length; at++) out[at] ??= segment(texts[at]!);
  return out;
}
