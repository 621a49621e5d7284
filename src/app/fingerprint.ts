/** What keys a snapshot: a hash of the pages (and the manifest that dates them) and of the code and packages that turn them into a library. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_PAGE_BYTES, pageFiles, publicationDate, readManifest } from '../corpus/load.ts';
import { INDEX_VERSION } from '../search/options.ts';
import { hashFiles } from './read-beside.ts';

export const SNAPSHOT_FORMAT = 'jznews-snapshot';
/** Bump when LibraryState's shape or the code that derives it (directory, topics, meetings, dictionary) changes. */
export const SNAPSHOT_VERSION = 7;

/** A page as the key sees it: its file name and either its bytes or a hash of them. */
export type PageFingerprint = { source: string; hash: string } | { source: string; bytes: Uint8Array | string };

const sha1 = (data: Uint8Array | string): string => createHash('sha1').update(data).digest('hex');

/** The folders of src/ above the app floor: their code never changes what a library holds. Every other folder and file of src/ keys the snapshot. */
const ABOVE_APP = new Set(['bot', 'digest', 'transports', 'cli']);
let codeHash: string | undefined;
/** What `npm run build` writes beside the compiled code: the fingerprint of the sources it compiled, so compiled code and tsx share snapshots. */
export const CODE_FINGERPRINT_FILE = 'code-fingerprint.txt';

/** A hash of the code and data of src/ that derive a library, and of the jieba and MiniSearch versions: a change to any of them makes old snapshots stale, even when nobody bumped a version. */
export function codeFingerprint(): string {
  if (codeHash !== undefined) return codeHash;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const built = join(root, CODE_FINGERPRINT_FILE);
  if (existsSync(built)) return (codeHash = readFileSync(built, 'utf8').trim());
  // Running without the sources or the build's fingerprint: the version numbers alone key the snapshot.
  if (!existsSync(join(root, 'corpus', 'parse.ts'))) return (codeHash = `bundle ${packageVersion('minisearch')} ${packageVersion('nodejieba')}`);
  const hash = createHash('sha1');
  for (const f of sourceFiles(root)) hash.update(`${f.slice(root.length)}\n`).update(readFileSync(f));
  for (const pkg of ['minisearch', 'nodejieba']) hash.update(`${pkg}@${packageVersion(pkg)}\n`);
  return (codeHash = hash.digest('hex'));
}

/** Every .ts and .json file of src/ outside the folders above the app floor, sorted: a file renamed or added is still read. */
export function sourceFiles(src: string): string[] {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => (f.endsWith('.ts') || f.endsWith('.json')) && !ABOVE_APP.has(f.split(/[\\/]/)[0]!))
    .sort()
    .map((f) => join(src, f));
}

/** An installed package's version, from the package.json above its entry point (which its exports may not list). */
function packageVersion(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of ${name} above its entry point`);
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
 * time of a page that only it can date. A page too large to load is known by its size and time, not read. The pages
 * are read and hashed on a worker thread, so a start loads jieba meanwhile.
 */
export async function pageFingerprints(dir: string): Promise<PageFingerprint[]> {
  const manifest = readManifest(dir);
  const sources = pageFiles(dir);
  const hashes = await hashFiles(sources.map((source) => join(dir, source)), MAX_PAGE_BYTES);
  const pages = sources.map((source, i): PageFingerprint => {
    const { size, mtimeMs, sha1: hash } = hashes[i]!;
    if (hash === null) return { source, hash: `size ${size}, time ${mtimeMs}` };
    const dated = publicationDate(source, manifest) !== null ? '' : ` time ${new Date(mtimeMs).toISOString().slice(0, 10)}`;
    return { source, hash: `${hash}${dated}` };
  });
  const manifestPath = join(dir, 'manifest.json');
  return existsSync(manifestPath) ? [...pages, { source: 'manifest.json', bytes: readFileSync(manifestPath) }] : pages;
}

