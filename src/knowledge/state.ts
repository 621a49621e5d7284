/** The knowledge of an archive as one plain value: built once, then updated page by page with only the new articles. */
import type { Article } from '../corpus/types.ts';
import { withMeetingsOf } from './meetings.ts';
import { unheld } from './spellings.ts';
import { addToDirectory, emptyDirectory, removeFromDirectory } from './people.ts';
import { addToTopics, removeFromTopics } from './topics.ts';
import type { KnowledgeState } from './types.ts';

export function emptyKnowledge(): KnowledgeState {
  return { directory: emptyDirectory(), topics: { topics: [], of: {} }, meetings: [] };
}

/** Directory, topics and meetings of the articles: each article read once. */
export function buildKnowledge(articles: readonly Article[]): KnowledgeState {
  return addArticles(emptyKnowledge(), articles);
}

/**
 * The state with `fresh` articles added (those already known are skipped): only they are classified and read for
 * people and meetings. `dateOf` gives a known article's date, to keep topic lists newest first.
 */
export function addArticles(state: KnowledgeState, fresh: readonly Article[], dateOf?: (id: string) => string): KnowledgeState {
  // The directory, topics and meetings hold the same articles: those the directory lacks are new to all three.
  const articles = unheld(state.directory, fresh);
  if (articles.length === 0) return state;
  const directory = addToDirectory(state.directory, articles);
  const topics = addToTopics(state.topics, articles, dateOf);
  const meetings = withMeetingsOf(state.meetings, articles, directory, topics);
  return { directory, topics, meetings };
}

/** The state without the articles `ids` (unknown ones ignored): removeArticles(addArticles(s, xs), ids of xs) describes s; only the people they name are rebuilt. */
export function removeArticles(state: KnowledgeState, ids: readonly string[]): KnowledgeState {
  const gone = new Set(ids);
  const directory = removeFromDirectory(state.directory, ids);
  const topics = removeFromTopics(state.topics, gone);
  const meetings = state.meetings.some((m) => gone.has(m.articleId)) ? state.meetings.filter((m) => !gone.has(m.articleId)) : state.meetings;
  return { directory, topics, meetings };
}
