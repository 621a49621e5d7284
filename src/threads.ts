/** Worker threads that run this project's TypeScript modules. */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker's entry cannot be TypeScript on Node 20: a small script registers tsx in the worker, then imports `moduleUrl`. */
export function moduleWorker(moduleUrl: string, options: Omit<WorkerOptions, 'eval'>): Worker {
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })`;
  return new Worker(entry, { ...options, eval: true });
}
