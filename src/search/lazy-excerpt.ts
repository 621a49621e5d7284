/** An excerpt made only when it is read: a ranking's page makes its hits, and most of them are never shown. */
import { excerpt, type Excerpt, type Fragments } from './excerpt.ts';
import { segment } from './tokenize.ts';

/** An excerpt made from the body when its text or marks are first read (JSON gives both, as for a plain excerpt). */
export class LazyExcerpt implements Excerpt {
  readonly #body: string;
  readonly #words: string[];
  readonly #fragments: Fragments;
  #made: Excerpt | null = null;

  constructor(body: string, words: string[], fragments: Fragments) {
    this.#body = body;
    this.#words = words;
    this.#fragments = fragments;
  }

  #get(): Excerpt {
    return (this.#made ??= excerpt(this.#body, this.#words, 80, this.#fragments));
  }

  get text(): string {
    return this.#get().text;
  }

  set text(value: string) {
    this.#get().text = value;
  }

  get marks(): Excerpt['marks'] {
    return this.#get().marks;
  }

  set marks(value: Excerpt['marks']) {
    this.#get().marks = value;
  }

  toJSON(): Excerpt {
    return this.#get();
  }
}

/** The fragments of a page's words (their search terms of two or more characters), cut once, and only if an excerpt asks. */
export class PageFragments implements Fragments {
  readonly #words: readonly string[];
  #list: string[] | null = null;

  constructor(words: readonly string[]) {
    this.#words = words;
  }

  get list(): readonly string[] {
    return (this.#list ??= [...new Set(this.#words.flatMap((w) => segment(w)))].filter((t) => [...t].length >= 2));
  }
}
