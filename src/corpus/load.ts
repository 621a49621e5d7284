/** Reads a folder of raw pages: decodes each, dates it from the manifest, parses it, and warns about bad pages. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parsePage } from './parse.ts';
import type { Article } from './types.ts';

/** Pages larger than this are refused: a real page is tens of kilobytes. */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

export interface PageWarning {
  source: string;
  message: string;
}

export interface LoadedPage {
  source: string;
  published: string | null;
  articles: Article[];
  bytes: number;
}

export interface Corpus {
  pages: LoadedPage[];
  articles: Article[];
  warnings: PageWarning[];
}

/** Why a page was skipped; carries the file so the warning can name it. */
export class PageError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(message);
    this.name = 'PageError';
  }
}

export type Manifest = Record<string, { published?: string }>;

/** Reads manifest.json beside the pages; a missing or broken manifest yields an empty one and a warning. */
export function readManifest(dir: string, warnings: PageWarning[] = []): Manifest {
  const path = join(dir, 'manifest.json');
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { pages?: Manifest };
    return doc.pages ?? {};
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      warnings.push({ source: 'manifest.json', message: `manifest.json is not valid JSON (${(err as Error).message}); pages are dated by their file names` });
    }
    return {};
  }
}

/** The publication date of a page: the manifest's, else a YYYY-MM-DD prefix of the file name. */
export function publicationDate(source: string, manifest: Manifest): string | null {
  const listed = manifest[source]?.published;
  if (listed && /^\d{4}-\d{2}-\d{2}$/.test(listed)) return listed;
  return /^(\d{4}-\d{2}-\d{2})/.exec(source)?.[1] ?? null;
}

/** Decodes a page's bytes: UTF-8, else GB18030; throws PageError for empty, binary or undecodable files. */
export function decodePage(source: string, bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (bytes.length > MAX_PAGE_BYTES) throw new PageError(source, `is ${Math.round(bytes.length / 1024)} KB, over the ${MAX_PAGE_BYTES / 1024} KB a page may have; skipped`);
  if (bytes.length === 0 || bytes.toString('latin1').trim() === '') throw new PageError(source, 'is empty; skipped');
  const sample = bytes.subarray(0, 4096);
  const controls = [...sample].filter((b) => b === 0 || (b < 8) || (b > 13 && b < 32 && b !== 27)).length;
  if (sample.includes(0) || controls > sample.length * 0.05) throw new PageError(source, 'looks binary, not text; skipped');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      if (/\p{Script=Han}/u.test(text)) return { text, encoding: 'gb18030' };
    } catch {
      // fall through to the error below
    }
    throw new PageError(source, 'is neither UTF-8 nor GB18030 text; skipped (save it as UTF-8)');
  }
}

/** Loads one page file; throws PageError when the page cannot be used. */
export function loadPage(path: string, manifest: Manifest, warnings: PageWarning[] = []): LoadedPage {
  const source = basename(path);
  const size = statSync(path).size;
  if (size > MAX_PAGE_BYTES) throw new PageError(source, `is ${Math.round(size / 1024)} KB, over the ${MAX_PAGE_BYTES / 1024} KB a page may have; skipped`);
  const { text, encoding } = decodePage(source, readFileSync(path));
  if (encoding === 'gb18030') warnings.push({ source, message: 'is GB18030, not UTF-8; decoded it, but please save pages as UTF-8' });
  if (!/本\s*报\s*\p{Script=Han}{0,4}\s*讯/u.test(text)) throw new PageError(source, 'has no 本报讯, so no articles were found; skipped');
  let published = publicationDate(source, manifest);
  if (!published) {
    published = new Date(statSync(path).mtimeMs).toISOString().slice(0, 10);
    warnings.push({ source, message: `is not in manifest.json and its name has no YYYY-MM-DD prefix; assumed it was published ${published} (file time)` });
  }
  const articles = parsePage({ source, text, published });
  if (articles.length === 0) throw new PageError(source, 'has no articles; skipped');
  return { source, published, articles, bytes: size };
}

/** The pages folder itself is missing or not a folder; says how to fix it. */
export class SeedsDirError extends Error {
  constructor(readonly dir: string) {
    super(`the pages folder "${dir}" does not exist or is not a folder; set SEEDS_DIR to the folder of *.txt pages (see .env.example)`);
    this.name = 'SeedsDirError';
  }
}

/** The page files of a folder, in name order: every .txt file. */
export function pageFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SeedsDirError(dir);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => e.name)
    .sort();
}

/** What loading one page file gave: the page, or null when it was skipped; and the warnings it gave, in order. */
export interface PageOutcome {
  page: LoadedPage | null;
  warnings: PageWarning[];
}

/** Loads the page file `name` of `dir`; never throws: a bad page gives null and one warning. */
export function loadPageFile(dir: string, name: string, manifest: Manifest): PageOutcome {
  const warnings: PageWarning[] = [];
  try {
    return { page: loadPage(join(dir, name), manifest, warnings), warnings };
  } catch (err) {
    if (err instanceof PageError) warnings.push({ source: err.source, message: err.message });
    else warnings.push({ source: name, message: `could not be read: ${(err as Error).message}; skipped` });
    return { page: null, warnings };
  }
}

/** The corpus of a folder's page outcomes in page order, after the folder's own warnings (the manifest's); an article already seen on an earlier page is left out. */
export function corpusOf(outcomes: PageOutcome[], warnings: PageWarning[] = []): Corpus {
  const pages = outcomes.flatMap((o) => (o.page ? [o.page] : []));
  const all = [...warnings, ...outcomes.flatMap((o) => o.warnings)];
  const seen = new Set<string>();
  const articles = pages.flatMap((p) => p.articles).filter((a) => !seen.has(a.id) && seen.add(a.id));
  return { pages, articles, warnings: all };
}

/** Loads every page of a folder; bad pages are skipped with one warning each, and the rest still load. */
export function loadCorpus(dir: string): Corpus {
  const warnings: PageWarning[] = [];
  const manifest = readManifest(dir, warnings);
  return corpusOf(pageFiles(dir).map((name) => loadPageFile(dir, name, manifest)), warnings);
}
