/** The knowledge floor's plain data: people, topics and meetings as JSON-safe records (no closures, no Maps). */

/** What a sentence says a person did in an article. */
export type Role = '主持' | '讲话' | '出席' | '调研' | '带队' | '陪同' | '点评' | '签约';
export const ROLES: readonly Role[] = ['主持', '讲话', '出席', '调研', '带队', '陪同', '点评', '签约'];

/** Where a person's post sits: read from the organisation the title names. */
export type Level = 'province' | 'city' | 'district' | 'township' | 'village' | 'office' | 'company' | 'school' | 'other';
export const LEVELS: readonly Level[] = ['province', 'city', 'district', 'township', 'village', 'office', 'company', 'school', 'other'];

/** How a name was seen: after a title, in a 区领导 list, or opening a speech sentence. */
export interface Sighting {
  name: string;
  /** The title chain as normalised (管委 → 管委会, the zone's own prefix dropped); null for a speech opener. */
  title: string | null;
  via: 'title' | 'list' | 'speech';
}

/** A title as the paper printed it for one person, with the first and last dates it was seen. */
export interface TitleSpan {
  title: string;
  first: string | null;
  last: string | null;
  /** Shorter forms of this title printed for the same person (管委会主任 for 党工委副书记、管委会主任). */
  forms: string[];
}

/** One article in which a person appears. */
export interface Appearance {
  articleId: string;
  date: string | null;
  /** The title printed beside the name in this article, if any. */
  title: string | null;
  roles: Role[];
  /** The spelling printed, when it is a misprint of the person's name. */
  spelling?: string;
}

export interface Person {
  name: string;
  /** Misprinted spellings found in the pages, merged into this person. */
  variants: string[];
  level: Level;
  /** 见报职务: newest first, short forms folded into their full form. */
  titles: TitleSpan[];
  /** Newest first. */
  articleIds: string[];
  roles: Record<Role, number>;
  /** Newest first. */
  appearances: Appearance[];
  /** The people most often in the same articles (at most COMPANIONS_KEPT). */
  companions: Array<{ name: string; count: number }>;
}

/** A spelling's appearance in one article, with what that article printed about it (so the article can be taken out again). */
export interface SpellingAppearance extends Appearance {
  /** Printed here with a title or in a 区领导 list. */
  strong?: true;
  /** Every title printed before it here, in order. */
  titles?: string[];
  /** Spellings printed in one sentence with it here. */
  sameSentence?: string[];
}

/** Names sorted by code unit, each with a count (see sorted.ts). */
export interface Counted {
  names: string[];
  counts: number[];
}

/** What the directory keeps about one printed spelling, so new articles update it without re-reading old ones. */
export interface SpellingRecord {
  /** Seen with a title or in a 区领导 list (not only opening a speech sentence). */
  strong: boolean;
  titles: string[];
  /** In the order the articles were added. */
  appearances: SpellingAppearance[];
  /** Spellings printed in the same sentence at least once (never a misprint of each other), sorted by code unit. */
  sameSentence: string[];
  /** Every other spelling printed in the same articles, with in how many. */
  mates: Counted;
}

export interface Directory {
  /** Most articles first. */
  people: Person[];
  /** Every spelling printed, with its evidence. */
  spellings: Record<string, SpellingRecord>;
  /** Each article's spellings, in order of first mention. */
  byArticle: Record<string, string[]>;
  /** Reporters, correspondents and photographers: never in `people`. */
  press: string[];
  /** Each article's reporters and correspondents, so taking it out can take them out of `press`. */
  pressBy: Record<string, string[]>;
}

export type Resolution =
  | { kind: 'exact'; person: Person }
  | { kind: 'variant'; person: Person; matched: string }
  | { kind: 'partial'; person: Person; matched: string }
  | { kind: 'ambiguous'; candidates: Person[] }
  | { kind: 'title'; title: string; holders: Array<{ person: Person; span: TitleSpan }> }
  | { kind: 'none'; suggestions: Person[] };

/** A topic of the taxonomy (src/knowledge/data/topics.json). */
export interface TopicDef {
  name: string;
  aliases: string[];
  keywords: Array<{ term: string; weight: number }>;
}

export interface TopicEntry {
  name: string;
  count: number;
  /** Newest first. */
  articleIds: string[];
}

export interface TopicIndex {
  /** Every topic with at least one article, most articles first. */
  topics: TopicEntry[];
  /** Each classified article's topics, best first; articles without a topic are left out. */
  of: Record<string, string[]>;
}

export interface Meeting {
  articleId: string;
  date: string | null;
  /** The headline, or the meeting's own name when the headline was derived from the lead. */
  title: string;
  /** The meeting word found, e.g. 联席会议, 座谈会, 会议. */
  kind: string;
  presidedBy: string[];
  speakers: string[];
  /** People reported as attending (出席/参加). */
  attendees: string[];
  topics: string[];
  /** Orders meetings of one day: an afternoon sorts before the same day's morning. */
  order: number;
}

/** Everything the knowledge floor derives from the articles, as plain JSON. */
export interface KnowledgeState {
  directory: Directory;
  topics: TopicIndex;
  /** Newest first. */
  meetings: Meeting[];
}
