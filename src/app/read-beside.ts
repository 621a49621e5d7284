/**
 * Files read and hashed on a worker thread of plain JavaScript (nothing to compile, so it starts at once), while the
 * main thread does something else: a start loads jieba meanwhile. Each call runs its own worker, gone once it answers.
 */
import { Worker } from 'node:worker_threads';

/** A file's size and time, and the SHA-1 of its bytes; null when it is larger than the cap and was not read. */
export interface FileHash {
  size: number;
  mtimeMs: number;
  sha1: string | null;
}

/** Bytes read from a file's range (fewer than asked when the file ends early), and their SHA-1. */
export interface RangeRead {
  bytes: Buffer;
  sha1: string;
}

const SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const sha1 = (bytes) => createHash('sha1').update(bytes).digest('hex');
const files = ({ paths, cap }) => paths.map((path) => {
  const { size, mtimeMs } = fs.statSync(path);
  return { size, mtimeMs, sha1: size > cap ? null : sha1(fs.readFileSync(path)) };
});
function ranges({ path, ranges }) {
  const fd = fs.openSync(path, 'r');
  try {
    return ranges.map(({ from, bytes }) => {
      const buffer = new ArrayBuffer(bytes);
      const view = new Uint8Array(buffer);
      let got = 0;
      for (let n = 1; got < bytes && n > 0; got += n) n = fs.readSync(fd, view, got, bytes - got, from + got);
      return { buffer, got, sha1: sha1(view.subarray(0, got)) };
    });
  } finally {
    fs.closeSync(fd);
  }
}
try {
  const out = workerData.kind === 'files' ? files(workerData) : ranges(workerData);
  parentPort.postMessage({ out }, out.map((r) => r.buffer).filter(Boolean));
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) });
}
`;

/** Runs one job on a fresh worker; rejects with the worker's error message. */
function job<T>(data: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, { eval: true, workerData: data });
    worker.unref();
    worker.once('message', (m: { out?: T; error?: string }) => (m.error === undefined ? resolve(m.out as T) : reject(new Error(m.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the reading thread stopped (code ${code}) before it answered`)));
  });
}

/** Each file's size, time and SHA-1 (not read when over `cap` bytes). */
export const hashFiles = (paths: string[], cap: number): Promise<FileHash[]> => job({ kind: 'files', paths, cap });

/** Each range of one file read into a buffer of its own (starting at byte 0 of its memory), with its SHA-1. */
export async function readRanges(path: string, ranges: ReadonlyArray<{ from: number; bytes: number }>): Promise<RangeRead[]> {
  const out = await job<Array<{ buffer: ArrayBuffer; got: number; sha1: string }>>({ kind: 'ranges', path, ranges });
  return out.map((r) => ({ bytes: Buffer.from(r.buffer, 0, r.got), sha1: r.sha1 }));
}
