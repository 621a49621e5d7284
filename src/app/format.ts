/**
 * The snapshot file: the library's articles, derived knowledge and search index as a sequence of sections, each
 * ending in a newline (JSON, in UTF-16LE when mostly Chinese: it reads back into a string by a copy, where UTF-8 is
 * decoded character by character and takes more bytes; the articles' bodies as plain UTF-16LE text, sliced by their
 * lengths; or the index's postings as raw 32-bit numbers), then a trailer line naming each section with its byte
 * length and SHA-1, the snapshot key and the versions. Large parts (the articles, their bodies, and each list or
 * record of the directory) are cut into sections of about 64 M characters, so that no string nears V8's longest
 * (2^29 − 24), however large the archive. Each section is read and checked once; the directory of officials, the
 * largest and least urgent part, is parsed when first read. A missing, stale, truncated or corrupt file is never
 * trusted: the caller rebuilds.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import type { PageWarning } from '../corpus/load.ts';
import { INDEX_VERSION, type CompactIndex } from '../search/options.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './fingerprint.ts';
import { readRanges } from './read-beside.ts';
import type { KnowledgeState } from '../knowledge/types.ts';
import { aliasesOf } from '../knowledge/people.ts';
import type { LibraryState } from './library.ts';
import type { Article } from '../corpus/types.ts';

const sha1 = (data: Uint8Array | string): string => createHash('sha1').update(data).digest('hex');

/** About this many characters of JSON go in one section of a list (V8's longest string is 2^29 − 24). */
const SECTION_CHARS = 64 << 20;
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
  /** A JSON section's encoding when not UTF-8. */
  text?: typeof UTF16;
}

interface Trailer {
  format: string;
  version: number;
  indexVersion: number;
  key: string;
  /** The byte order of the postings section (the machine's that wrote it). */
  endian: string;
  created: string;
  sections: SectionInfo[];
}

/** Writes the snapshot atomically: a temporary file beside `path`, synced, then renamed over it (lists cut into sections of about `sectionChars`). Returns the file's size. */
export function saveSnapshot(path: string, key: string, state: SnapshotState, sectionChars = SECTION_CHARS): number {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    const sections: SectionInfo[] = [];
    let total = 0;
    const writeAll = (buf: Uint8Array): void => {
      for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at);
    };
    /** A section from its parts in order, then the newline that ends it. */
    const write = (name: string, parts: Iterable<Uint8Array>, text?: typeof UTF16): void => {
      const hash = createHash('sha1');
      let bytes = 0;
      for (const part of parts) {
        hash.update(part);
        writeAll(part);
        bytes += part.length;
      }
      hash.update(NEWLINE);
      writeAll(NEWLINE);
      bytes += NEWLINE.length;
      sections.push({ name, bytes, sha1: hash.digest('hex'), ...(text ? { text } : {}) });
      total += bytes;
    };
    /** JSON text in the encoding its first chunk reads fastest in. */
    const writeText = (name: string, chunks: Iterable<string>): void => {
      const rest = chunks[Symbol.iterator]();
      const first = rest.next();
      const text = !first.done && mostlyWide(first.value) ? UTF16 : undefined;
      write(name, encoded(first, rest, text ?? 'utf8'), text);
    };
    const json = (name: string, value: unknown): void => writeText(name, inChunks(jsonPieces(value, 2)));
    /** Texts in numbered sections `name.0`, `name.1`… of about SECTION_CHARS each, each written by `put`: no section nears V8's longest string, however large the archive. */
    const cut = (name: string, texts: string[], put: (section: string, batch: string[]) => void): void => {
      let batch: string[] = [];
      let chars = 0;
      let n = 0;
      const flush = (): void => {
        put(`${name}.${n++}`, batch);
        batch = [];
        chars = 0;
      };
      for (const text of texts) {
        batch.push(text);
        chars += text.length + 1;
        if (chars >= sectionChars) flush();
      }
      if (batch.length > 0 || n === 0) flush();
    };
    /** Items as JSON arrays, cut into sections. */
    const list = (name: string, items: unknown[]): void => cut(name, items.map((item) => JSON.stringify(item ?? null)), (section, batch) => writeText(section, inChunks(['[', batch.join(','), ']'])));
    const { articles, index, knowledge, ...meta } = state;
    const { directory, ...rest } = knowledge;
    // The misprint aliases come from the directory, but every query reads them: they are saved apart so the directory can wait.
    json('meta', { ...meta, knowledge: rest, aliases: [...aliasesOf(directory)] });
    // The directory, by field: a list's items, or a record's entries, in sections of their own (it is hundreds of MB at 100k articles).
    for (const [field, value] of Object.entries(directory)) {
      if (Array.isArray(value)) list(`directory.${field}.list`, value);
      else if (value !== null && typeof value === 'object') list(`directory.${field}.record`, Object.entries(value));
      else json(`directory.${field}.value`, value);
    }
    // The articles without their bodies, then the bodies as plain UTF-16 text, whole ones to a section, and their lengths: read back as slices of one string, with no JSON to parse.
    list('articles', articles.map((a) => ({ ...a, body: '' })));
    json('body-lengths', articles.map((a) => a.body.length));
    cut('bodies', articles.map((a) => a.body), (section, batch) => write(section, [Buffer.from(batch.join(''), UTF16)], UTF16));
    json('index', index.head);
    json('terms', index.terms);
    write('postings', [new Uint8Array(index.postings.buffer, index.postings.byteOffset, index.postings.byteLength)]);
    const trailer: Trailer = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, indexVersion: INDEX_VERSION, key, endian: endianness(), created: new Date().toISOString(), sections };
    const end = Buffer.from(`${JSON.stringify(trailer)}\n`);
    writeAll(end);
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

const NEWLINE = Buffer.from('\n');
const UTF16 = 'utf16le';
/** A JSON section's text, without its newline. */
const textOf = (bytes: Buffer, text: BufferEncoding = 'utf8'): string => bytes.toString(text, 0, bytes.length - 1);
/** Whether text takes over 1.5 bytes a character in UTF-8 (Chinese takes 3): UTF-16's 2 are then both smaller to read and a copy to decode. */
const mostlyWide = (text: string): boolean => Buffer.byteLength(text) > 1.5 * text.length;

/** Chunks of text encoded in turn: the one already taken from `rest`, then the others. */
function* encoded(first: IteratorResult<string>, rest: Iterator<string>, text: BufferEncoding): Generator<Uint8Array> {
  for (let r = first; !r.done; r = rest.next()) yield Buffer.from(r.value, text);
}
/** About this many characters of JSON are encoded and written at a time. */
const CHUNK_CHARS = 1 << 20;

/** JSON.stringify(value) in pieces, for plain data: arrays and objects `depth` levels down are cut at their items, so no one string holds a large part (the directory is tens of MB). */
export function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (depth === 0 || value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* jsonPieces(value[i] ?? null, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function') continue;
    yield `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    yield* jsonPieces(v, depth - 1);
  }
  yield '}';
}

/** Strings gathered about CHUNK_CHARS at a time. */
function* inChunks(pieces: Iterable<string>): Generator<string> {
  let batch: string[] = [];
  let chars = 0;
  for (const piece of pieces) {
    batch.push(piece);
    chars += piece.length;
    if (chars >= CHUNK_CHARS) {
      yield batch.join('');
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) yield batch.join('');
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

/**
 * Loads a snapshot saved under `key`; any doubt (missing, other key or version, wrong length or checksum, bad JSON)
 * gives null and the reason. Its sections are read and checked on a worker thread while `key` may still be being
 * computed (from the pages' fingerprints, on another).
 */
export async function loadSnapshot(path: string, key: string | Promise<string>): Promise<SnapshotLoad> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? fail('missing', 'does not exist') : fail('corrupt', `cannot be read (${(err as Error).message})`);
  }
  let size: number;
  let read: ReturnType<typeof readTrailer>;
  try {
    size = fstatSync(fd).size;
    if (size === 0) return fail('truncated', 'is empty');
    read = readTrailer(fd, size);
  } finally {
    closeSync(fd);
  }
  if ('reason' in read) return read;
  const { trailer } = read;
  if (trailer.version !== SNAPSHOT_VERSION || trailer.indexVersion !== INDEX_VERSION || trailer.endian !== endianness()) {
    return fail('version', `was written by another version (snapshot ${trailer.version}, index ${trailer.indexVersion}, ${trailer.endian}; now ${SNAPSHOT_VERSION}, ${INDEX_VERSION}, ${endianness()})`);
  }
  const expected = trailer.sections.reduce((n, s) => n + s.bytes, 0) + read.bytes;
  if (expected !== size) return fail(size < expected ? 'truncated' : 'corrupt', `is ${size} bytes, not the ${expected} its trailer lists`);
  let from = 0;
  const reading = readRanges(path, trailer.sections.map((s) => ({ from: (from += s.bytes) - s.bytes, bytes: s.bytes })));
  const [sections, wanted] = await Promise.all([reading.catch((err: Error) => err), key]);
  if (trailer.key !== wanted) return fail('stale', 'was built from other pages (its key does not match)');
  if (sections instanceof Error) return fail('corrupt', `cannot be read (${sections.message})`);
  for (const [i, s] of trailer.sections.entries()) {
    const { bytes, sha1: hash } = sections[i]!;
    if (bytes.length < s.bytes) return fail('truncated', 'ended early while being read');
    if (hash !== s.sha1 || bytes[s.bytes - 1] !== 0x0a) return fail('corrupt', `has a damaged section ${s.name} (checksum mismatch)`);
  }
  return parseSections(trailer.sections, sections.map((r) => r.bytes), size);
}

/** The library's state from its checked sections; the directory's bytes are kept to parse when first read. */
function parseSections(sections: SectionInfo[], buffers: Buffer[], size: number): SnapshotLoad {
  const parts = new Map<string, unknown>();
  /** The directory's sections, unparsed: name → checked bytes. */
  const directory = new Map<string, Unparsed>();
  let postings: Uint32Array | undefined;
  for (const [i, s] of sections.entries()) {
    const bytes = buffers[i]!;
    if (s.text !== undefined && s.text !== UTF16) return fail('corrupt', `has a section ${s.name} in an unknown encoding`);
    if (s.name.startsWith('directory.')) directory.set(s.name, { bytes, text: s.text });
    else if (s.name === 'postings') {
      if ((s.bytes - 1) % 4 !== 0) return fail('corrupt', 'has a postings section of a length no list of numbers has');
      postings = new Uint32Array(bytes.buffer, bytes.byteOffset, (s.bytes - 1) / 4);
    } else if (s.name.startsWith('bodies.')) parts.set(s.name, textOf(bytes, s.text));
    else {
      try {
        parts.set(s.name, JSON.parse(textOf(bytes, s.text)));
      } catch {
        return fail('corrupt', `has a section ${s.name} that is not valid JSON`);
      }
    }
  }
  const meta = parts.get('meta') as (Omit<SnapshotState, 'articles' | 'index' | 'knowledge'> & { knowledge?: Omit<KnowledgeState, 'directory'> }) | undefined;
  const head = parts.get('index') as CompactIndex['head'] | undefined;
  const terms = parts.get('terms') as string[] | undefined;
  const lists = sections.filter((s) => s.name.startsWith('articles.')).map((s) => parts.get(s.name));
  if (!meta || !head || !Array.isArray(terms) || !postings || directory.size === 0 || !Array.isArray(meta.sources) || !Array.isArray(meta.words) || !Array.isArray(meta.aliases) || !meta.knowledge?.topics || !Array.isArray(meta.knowledge.meetings)) {
    return fail('corrupt', 'lacks parts of the library');
  }
  if (!lists.every(Array.isArray)) return fail('corrupt', 'has an articles section that is not a list');
  const bodies = sections.filter((s) => s.name.startsWith('bodies.')).map((s) => parts.get(s.name) as string);
  const articles = withBodies((lists as unknown[][]).flat() as Article[], parts.get('body-lengths'), bodies);
  if (!articles) return fail('corrupt', 'has article bodies that do not fit the articles');
  if (head.documentCount !== articles.length) return fail('corrupt', `indexes ${head.documentCount} articles but holds ${articles.length}`);
  const knowledge = withDirectoryFrom(meta.knowledge, directory);
  return { state: { ...meta, knowledge, warnings: meta.warnings ?? [], articles, index: { head, terms, postings } }, reason: null, bytes: size };
}

/** The articles given their bodies (saved empty, so their keys keep their order), cut in order from the bodies' texts by their lengths; null when they do not fit. */
function withBodies(articles: Article[], lengths: unknown, texts: string[]): Article[] | null {
  if (!Array.isArray(lengths) || lengths.length !== articles.length) return null;
  let text = 0;
  let at = 0;
  for (let i = 0; i < articles.length; i++) {
    const length = lengths[i] as number;
    if (!Number.isInteger(length) || length < 0 || typeof articles[i] !== 'object' || articles[i] === null) return null;
    // A body that does not fit what is left of a section starts the next one.
    while (text < texts.length && at + length > texts[text]!.length) (text++, (at = 0));
    if (text === texts.length) return null;
    articles[i]!.body = texts[text]!.slice(at, (at += length));
  }
  // Every character of the texts belongs to a body.
  return texts.slice(text).every((t, k) => (k === 0 ? at === t.length : t === '')) ? articles : null;
}

/** A checked JSON section kept to parse later. */
interface Unparsed {
  bytes: Buffer;
  text: SectionInfo['text'];
}

/** The directory from its sections: each field a value, a list cut into numbered sections, or a record's entries so cut. */
function directoryFrom(sections: Map<string, Unparsed>): KnowledgeState['directory'] {
  const fields = new Map<string, { kind: string; parts: unknown[] }>();
  for (const [name, { bytes, text }] of sections) {
    const [, field, kind] = name.split('.') as [string, string, string];
    const parsed = JSON.parse(textOf(bytes, text)) as unknown;
    const held = fields.get(field) ?? { kind, parts: [] };
    fields.set(field, held);
    if (kind === 'value') held.parts = [parsed];
    else held.parts.push(...(parsed as unknown[]));
  }
  const out: Record<string, unknown> = {};
  for (const [field, { kind, parts }] of fields) {
    out[field] = kind === 'value' ? parts[0] : kind === 'record' ? Object.fromEntries(parts as Array<[string, unknown]>) : parts;
  }
  return out as unknown as KnowledgeState['directory'];
}

/**
 * Knowledge whose directory is parsed from its checked JSON sections when first read (then an ordinary property): its
 * people and spellings are most of a snapshot's JSON and no plain search reads them.
 */
function withDirectoryFrom(rest: Omit<KnowledgeState, 'directory'>, sections: Map<string, Unparsed>): KnowledgeState {
  const knowledge = { ...rest } as KnowledgeState;
  const settle = (directory: KnowledgeState['directory']): void => void Object.defineProperty(knowledge, 'directory', { value: directory, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(knowledge, 'directory', {
    enumerable: true,
    configurable: true,
    get: () => {
      const directory = directoryFrom(sections);
      settle(directory);
      return directory;
    },
    set: settle,
  });
  return knowledge;
}
