/** What kind of item an article is on the page. */
export type ArticleKind = 'news' | 'photo' | 'brief';

/** One article as a reader sees it on the page. */
export interface Article {
  /** Stable id: a hash of the article's date and lead, independent of other pages. */
  id: string;
  /** The page's file name. */
  source: string;
  /** The printed headline's main line, or a title derived from the lead. */
  title: string;
  titleSource: 'printed' | 'derived';
  /** Deck or kicker lines, joined by a space; null when none. */
  subtitle: string | null;
  /** Event date from the dateline, YYYY-MM-DD; null when the article gives no day. */
  date: string | null;
  /** Names after 记者/本报记者, and the photographer of a photo. */
  reporters: string[];
  /** Names after 通讯员. */
  correspondents: string[];
  /** Reflowed text, one paragraph per line (joined by "\n"). */
  body: string;
  kind: ArticleKind;
  /** The page's publication date, YYYY-MM-DD, when known. */
  published: string | null;
}

/** A raw page handed to the parser. */
export interface PageInput {
  source: string;
  text: string;
  /** Publication date YYYY-MM-DD; years of datelines come from it. */
  published: string | null;
}
