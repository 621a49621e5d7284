/** Worker threads that run this project's TypeScript modules, and work shared by the main thread and one of them. */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type WorkerOptions } from 'node:worker_threads';

/** A worker running `moduleUrl`: compiled JavaScript as it is; TypeScript (which Node 20 cannot run) through a small script that registers tsx in the worker first. */
export function moduleWorker(moduleUrl: string, options: Omit<WorkerOptions, 'eval'>): Worker {
  if (moduleUrl.endsWith('.js')) return new Worker(new URL(moduleUrl), options);
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })`;
  return new Worker(entry, { ...options, eval: true });
}

/** Positions 0…total claimed `batch` at a time by both threads; `buffer` counts the next free position and the batches the worker finished. */
export interface SharedClaims {
  buffer: SharedArrayBuffer;
  total: number;
  batch: number;
}
const NEXT = 0;
const FINISHED = 1;

export function sharedClaims(total: number, batch: number): SharedClaims {
  return { buffer: new SharedArrayBuffer(8), total, batch };
}

/** Claims batches until none is left, handing each batch's first position to `take`; how many batches it took. */
export function claimBatches(claims: SharedClaims, take: (start: number) => void): number {
  const counters = new Int32Array(claims.buffer);
  let taken = 0;
  for (let start = Atomics.add(counters, NEXT, claims.batch); start < claims.total; start = Atomics.add(counters, NEXT, claims.batch)) {
    take(start);
    taken++;
  }
  return taken;
}

/** On the worker, after posting a batch's results: counts it and wakes the main thread. */
export function batchDone(claims: SharedClaims): void {
  const counters = new Int32Array(claims.buffer);
  Atomics.add(counters, FINISHED, 1);
  Atomics.notify(counters, FINISHED);
}

/** A worker beside this thread, running `moduleUrl` with `{ [key]: { ...job, port } }` as its data; it does not keep the process alive, and its errors are left to the caller's fallback. */
export interface Beside {
  worker: Worker;
  port: MessagePort;
}

export function workerBeside(moduleUrl: string, key: string, job: object): Beside {
  const { port1, port2 } = new MessageChannel();
  const worker = moduleWorker(moduleUrl, { workerData: { [key]: { ...job, port: port2 } }, transferList: [port2], resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  worker.unref();
  worker.on('error', () => {}); // what it leaves undone falls back to the main thread
  return { worker, port: port1 };
}

/**
 * On the main thread, once it claims no more: waits while the worker finishes the batches it claimed (giving up when it
 * makes no progress for `stallMs`), then returns every message it posted and stops it. `mine`: the batches this thread took.
 */
export function collectFromWorker<T>({ worker, port }: Beside, claims: SharedClaims, mine: number, stallMs: number): T[] {
  const counters = new Int32Array(claims.buffer);
  const batches = Math.ceil(claims.total / claims.batch);
  for (let seen = -1; mine + Atomics.load(counters, FINISHED) < batches; ) {
    const finished = Atomics.load(counters, FINISHED);
    if (finished === seen) break;
    seen = finished;
    Atomics.wait(counters, FINISHED, finished, stallMs);
  }
  const out: T[] = [];
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) out.push(m.message as T);
  port.close();
  void worker.terminate();
  return out;
}
