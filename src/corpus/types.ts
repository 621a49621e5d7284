/** What kind of item an article is on the page. */
export type ArticleKind = 'news' | 'photo' | 'brief';

/** One article as a reader sees it on the page. */
export interface Article {
  /** Stable id: a hash of the article's date and lead, independent of other pages. */
  id: string;
  /** The page's file name. */
  source: string;
  /** The printed headline's main line, or a title derived from the lead (then titleSource is 'derived'). */
  title: string;
  /** 'derived': no headline was printed; the title is a clause of the lead, shown as such and never read for roles. */
  titleSource: 'printed' | 'derived';
  /** The kicker (引题) printed above the main line, its phrase spacing kept; null when none. */
  kicker?: string | null;
  /** The deck (副题) printed below the main line; null when none. */
  subtitle: string | null;
  /** Event date from the dateline, YYYY-MM-DD; null when the article gives no day. */
  date: string | null;
  /** Names after 记者/本报记者; for a photo article, its photographers (its byline, as the truth files read it). */
  reporters: string[];
  /** Names credited for a photo (本报记者 万千 摄): shown as 摄影, never as 记者. */
  photographers?: string[];
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

/** What the page prints around the main line: the kicker (引题) and the deck (副题), one space apart ('' when neither). */
export function deckText(a: Pick<Article, 'kicker' | 'subtitle'>): string {
  return [a.kicker, a.subtitle].filter((part): part is string => !!part).join(' ');
}
