/**
 * Snapshots: the library's articles, derived knowledge and search index saved to one file, keyed by a hash of the
 * pages and the index version, so a start with unchanged pages loads instead of re-parsing, re-segmenting and
 * re-classifying. A missing, stale, truncated or corrupt file is never trusted: the caller rebuilds.
 *
 * The file is a sequence of JSON sections, one per line, then a trailer line naming each section with its byte
 * length and SHA-1, the snapshot key and the versions. Large parts (articles, the index's term list) are cut into
 * several sections so that no single JSON string nears V8's string length limit.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus, MAX_PAGE_BYTES, pageFiles, publicationDate, readManifest, type PageWarning } from '../corpus/load.ts';
import { createLibrary, libraryFromState, type Library, type LibraryState } from './library.ts';
import { INDEX_VERSION, type IndexData } from '../search/options.ts';

export const SNAPSHOT_FORMAT = 'jznews-snapshot';
/** Bump when LibraryState's shape or the code that derives it (directory, topics, meetings, dictionary) changes. */
export const SNAPSHOT_VERSION = 2;
/** The snapshot's file name, beside the database. */
export const SNAPSHOT_FILE = 'snapshot.json';

const ARTICLES_PER_SECTION = 20_000;
const TERMS_PER_SECTION = 2_000;
/** The trailer is small; only this much of the end is read to judge a file stale. */
const TRAILER_MAX_BYTES = 1024 * 1024;

/** What a snapshot holds: the library's state and the page warnings of the load it was built from. */
export interface SnapshotState extends LibraryState {
  warnings: PageWarning[];
}

/** A page as the key sees it: its file name and either its bytes or a hash of them. */
export type PageFingerprint = { source: string; hash: string } | { source: string; bytes: Uint8Array | string };

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

const sha1 = (data: Uint8Array | string): string => createHash('sha1').update(data).digest('hex');

/** The folders of code that turn pages into a library (all of src/ below the bot); their sources and data files key the snapshot. */
const CODE_ROOTS = ['corpus', 'knowledge', 'search', 'app'];
let codeHash: string | undefined;
/** A hash of the code and data under CODE_ROOTS and of the jieba and MiniSearch versions: a change to any of them makes old snapshots stale, even when nobody bumped a version. */
export function codeFingerprint(): string {
  if (codeHash !== undefined) return codeHash;
  const src = fileURLToPath(new URL('..', import.meta.url));
  // Running from a bundle without the sources: the version numbers alone key the snapshot.
  if (!existsSync(join(src, 'corpus'))) return (codeHash = `bundle ${packageVersion('minisearch')} ${packageVersion('nodejieba')}`);
  const hash = createHash('sha1');
  for (const root of CODE_ROOTS) {
    for (const f of sourceFiles(join(src, root))) hash.update(`${f.slice(src.length)}\n`).update(readFileSync(f));
  }
  for (const pkg of ['minisearch', 'nodejieba']) hash.update(`${pkg}@${packageVersion(pkg)}\n`);
  return (codeHash = hash.digest('hex'));
}

/** Every .ts and .json file below a folder, sorted; a missing folder is a bug in CODE_ROOTS and throws. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') || f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** An installed package's version, from the package.json above its entry point (which its exports may not list). */
function packageVersion(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    }
    if (dirname(dir) === dir) return 'unknown';
    dir = dirname(dir);
  }
}

/** The key of a set of pages (order does not matter) under an index version and this code: a change to any page, the versions or the code changes it. */
export function snapshotKey(pages: PageFingerprint[], indexVersion: number = INDEX_VERSION): string {
  const lines = pages.map((p) => `${p.source}\t${'hash' in p ? p.hash : sha1(p.bytes)}`).sort();
  return sha1(`${SNAPSHOT_FORMAT}/${SNAPSHOT_VERSION}/index-${indexVersion}/code-${codeFingerprint()}\n${lines.join('\n')}`);
}

/**
 * Fingerprints of everything loadCorpus reads: each page's bytes, the manifest (which dates the pages), and the file
 * time of a page that only it can date. A page too large to load is known by its size and time, not read.
 */
export function pageFingerprints(dir: string): PageFingerprint[] {
  const manifest = readManifest(dir);
  const pages = pageFiles(dir).map((source): PageFingerprint => {
    const path = join(dir, source);
    const { size, mtimeMs } = statSync(path);
    if (size > MAX_PAGE_BYTES) return { source, hash: `size ${size}, time ${mtimeMs}` };
    const dated = publicationDate(source, manifest) !== null ? '' : ` time ${new Date(mtimeMs).toISOString().slice(0, 10)}`;
    return { source, hash: `${sha1(readFileSync(path))}${dated}` };
  });
  const manifestPath = join(dir, 'manifest.json');
  return existsSync(manifestPath) ? [...pages, { source: 'manifest.json', bytes: readFileSync(manifestPath) }] : pages;
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
    const { index: terms, ...head } = index;
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
  const head = parts.get('index') as Omit<IndexData, 'index'> | undefined;
  const numbered = (prefix: string): unknown[] => trailer.sections.filter((s) => s.name.startsWith(prefix)).flatMap((s) => parts.get(s.name) as unknown[]);
  if (!meta || !head || !Array.isArray(meta.sources) || !Array.isArray(meta.words) || !meta.knowledge?.directory || !meta.knowledge.topics || !Array.isArray(meta.knowledge.meetings)) {
    return fail('corrupt', 'lacks parts of the library');
  }
  const articles = numbered('articles.') as SnapshotState['articles'];
  const index = { ...head, index: numbered('terms.') } as IndexData;
  if (index.documentCount !== articles.length) return fail('corrupt', `indexes ${index.documentCount} articles but holds ${articles.length}`);
  return { state: { ...meta, warnings: meta.warnings ?? [], articles, index }, reason: null, bytes: file.length };
}

/** What the bot logs with. */
export interface SnapshotLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface OpenedLibrary {
  library: Library;
  /** The page warnings of the load the library was built from (remembered in the snapshot). */
  warnings: PageWarning[];
  /** Whether the library came from the snapshot or was built from the pages. */
  from: 'snapshot' | 'pages';
}

/**
 * The library of a folder of pages: loaded from the snapshot at `path` when it was built from exactly these pages by
 * this version, else built from the pages (a warning says why, unless there was no snapshot yet) and saved for the
 * next start. `path` null: no snapshot at all.
 */
export function openLibrary(dir: string, path: string | null, log: SnapshotLog): OpenedLibrary {
  const started = performance.now();
  const key = path ? snapshotKey(pageFingerprints(dir)) : '';
  if (path) {
    let loaded = loadSnapshot(path, key);
    if (loaded.state) {
      try {
        const library = libraryFromState(loaded.state);
        log.info({ path, ms: Math.round(performance.now() - started), bytes: loaded.bytes }, 'library loaded from snapshot');
        return { library, warnings: loaded.state.warnings, from: 'snapshot' };
      } catch (err) {
        loaded = fail('corrupt', `could not be turned into a library (${(err as Error).message})`);
      }
    }
    if (loaded.reason === 'missing') log.info({ path }, 'no snapshot yet; building the library from the pages');
    else if (loaded.reason !== null) log.warn({ path, reason: loaded.reason }, `snapshot ${path} ${loaded.message}; rebuilding the library from the pages`);
  }
  const corpus = loadCorpus(dir);
  const library = createLibrary(corpus);
  if (path) {
    try {
      const bytes = saveSnapshot(path, key, { ...library.snapshotState(), warnings: corpus.warnings });
      log.info({ path, ms: Math.round(performance.now() - started), bytes }, 'library built and snapshot saved');
    } catch (err) {
      log.warn({ path, err }, `could not save the snapshot to ${path}: ${(err as Error).message}`);
    }
  }
  return { library, warnings: corpus.warnings, from: 'pages' };
}

/** The snapshot path for a database path: snapshot.json in the same folder; none for an in-memory database. */
export function snapshotPathFor(databasePath: string): string | null {
  return databasePath === ':memory:' || databasePath === '' ? null : join(dirname(databasePath), SNAPSHOT_FILE);
}
