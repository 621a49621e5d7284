/**
 * The snapshot file: the library's articles, derived knowledge and search index as a sequence of JSON sections, one
 * per line, then a trailer line naming each section with its byte length and SHA-1, the snapshot key and the
 * versions. Large parts (articles, the index's terms) are cut into several sections so that no single JSON string
 * nears V8's string length limit. A missing, stale, truncated or corrupt file is never trusted: the caller rebuilds.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PageWarning } from '../corpus/load.ts';
import { INDEX_VERSION, type CompactIndex } from '../search/options.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './fingerprint.ts';
import type { LibraryState } from './library.ts';

const sha1 = (data: Uint8Array | string): string => createHash('sha1').update(data).digest('hex');

const ARTICLES_PER_SECTION = 20_000;
const TERMS_PER_SECTION = 5_000;
/** The trailer is small; only this much of the end is read to judge a file stale. */
const TRAILER_MAX_BYTES = 1024 * 1024;

/** What a snapshot holds: the library's state and the page warnings of the load it was built from. */
export interface SnapshotState extends LibraryState {
  warnings: PageWarning[];
}

export type SnapshotProblem = 'missing' | 'stale' | 'version' | 'truncated' | 'corrupt';

export type SnapshotLoad =
  | { state: SnapshotState; reason: null; bytes: number }
  | { state: null; reason: SnapshotProblem; message: string };

interface SectionInfo {
  name: string;
  bytes: number;
  sha1: string;
}

interface Trailer {
  format: string;
  version: number;
  indexVersion: number;
  key: string;
  created: string;
  sections: SectionInfo[];
}

const chunks = <T>(xs: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out.length > 0 ? out : [[]];
};

/** Writes the snapshot atomically: a temporary file beside `path`, synced, then renamed over it. Returns the file's size. */
export function saveSnapshot(path: string, key: string, state: SnapshotState): number {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    const sections: SectionInfo[] = [];
    let total = 0;
    const write = (name: string, value: unknown): void => {
      const buf = Buffer.from(`${JSON.stringify(value)}\n`);
      sections.push({ name, bytes: buf.length, sha1: sha1(buf) });
      for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at);
      total += buf.length;
    };
    const { articles, index, ...meta } = state;
    write('meta', meta);
    chunks(articles, ARTICLES_PER_SECTION).forEach((part, i) => write(`articles.${i}`, part));
    const { terms, head } = index;
    write('index', head);
    chunks(terms, TERMS_PER_SECTION).forEach((part, i) => write(`terms.${i}`, part));
    const trailer: Trailer = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, indexVersion: INDEX_VERSION, key, created: new Date().toISOString(), sections };
    const end = Buffer.from(`${JSON.stringify(trailer)}\n`);
    for (let at = 0; at < end.length; ) at += writeSync(fd, end, at);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
    return total + end.length;
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw err;
  }
}

const fail = (reason: SnapshotProblem, message: string): SnapshotLoad => ({ state: null, reason, message });

/** Reads the trailer (and its length in bytes) from the end of the file, or says why there is none. */
function readTrailer(fd: number, size: number): { trailer: Trailer; bytes: number } | SnapshotLoad {
  const length = Math.min(size, TRAILER_MAX_BYTES);
  const tail = Buffer.alloc(length);
  readSync(fd, tail, 0, length, size - length);
  if (tail[length - 1] !== 0x0a) return fail('truncated', 'does not end with its trailer line (truncated?)');
  const start = tail.lastIndexOf(0x0a, length - 2) + 1;
  if (start === 0 && length < size) return fail('corrupt', 'has no trailer line');
  let trailer: Trailer;
  try {
    trailer = JSON.parse(tail.toString('utf8', start, length - 1)) as Trailer;
  } catch {
    return fail('truncated', 'has a damaged trailer line (truncated?)');
  }
  if (!trailer || typeof trailer !== 'object' || trailer.format !== SNAPSHOT_FORMAT || !Array.isArray(trailer.sections)) {
    return fail('corrupt', `is not a ${SNAPSHOT_FORMAT} file`);
  }
  return { trailer, bytes: length - start };
}

/** Loads a snapshot saved under `key`; any doubt (missing, other key or version, wrong length or checksum, bad JSON) gives null and the reason. */
export function loadSnapshot(path: string, key: string): SnapshotLoad {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? fail('missing', 'does not exist') : fail('corrupt', `cannot be read (${(err as Error).message})`);
  }
  let file: Buffer;
  let trailer: Trailer;
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return fail('truncated', 'is empty');
    const read = readTrailer(fd, size);
    if ('reason' in read) return read;
    trailer = read.trailer;
    if (trailer.version !== SNAPSHOT_VERSION || trailer.indexVersion !== INDEX_VERSION) {
      return fail('version', `was written by another version (snapshot ${trailer.version}, index ${trailer.indexVersion}; now ${SNAPSHOT_VERSION}, ${INDEX_VERSION})`);
    }
    if (trailer.key !== key) return fail('stale', 'was built from other pages (its key does not match)');
    const expected = trailer.sections.reduce((n, s) => n + s.bytes, 0) + read.bytes;
    if (expected !== size) return fail(size < expected ? 'truncated' : 'corrupt', `is ${size} bytes, not the ${expected} its trailer lists`);
    file = Buffer.alloc(size);
    for (let at = 0; at < size; ) {
      const n = readSync(fd, file, at, size - at, at);
      if (n === 0) return fail('truncated', 'ended early while being read');
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  const parts = new Map<string, unknown>();
  let at = 0;
  for (const s of trailer.sections) {
    const bytes = file.subarray(at, at + s.bytes);
    at += s.bytes;
    if (sha1(bytes) !== s.sha1) return fail('corrupt', `has a damaged section ${s.name} (checksum mismatch)`);
    try {
      parts.set(s.name, JSON.parse(bytes.toString('utf8', 0, bytes.length - 1)));
    } catch {
      return fail('corrupt', `has a section ${s.name} that is not valid JSON`);
    }
  }
  const meta = parts.get('meta') as Omit<SnapshotState, 'articles' | 'index'> | undefined;
  const head = parts.get('index') as CompactIndex['head'] | undefined;
  const numbered = (prefix: string): unknown[] => trailer.sections.filter((s) => s.name.startsWith(prefix)).flatMap((s) => parts.get(s.name) as unknown[]);
  if (!meta || !head || !Array.isArray(meta.sources) || !Array.isArray(meta.words) || !meta.knowledge?.directory || !meta.knowledge.topics || !Array.isArray(meta.knowledge.meetings)) {
    return fail('corrupt', 'lacks parts of the library');
  }
  const articles = numbered('articles.') as SnapshotState['articles'];
  const index: CompactIndex = { head, terms: numbered('terms.') as CompactIndex['terms'] };
  if (head.documentCount !== articles.length) return fail('corrupt', `indexes ${head.documentCount} articles but holds ${articles.length}`);
  return { state: { ...meta, warnings: meta.warnings ?? [], articles, index }, reason: null, bytes: file.length };
}

