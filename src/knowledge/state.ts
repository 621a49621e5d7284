/** The knowledge of an archive as one plain value: built once, then updated page by page with only the new articles. */
import type { Article } from '../corpus/types.ts';
import { addToMeetings } from './meetings.ts';
import { addToDirectory, emptyDirectory } from './people.ts';
import { addToTopics } from './topics.ts';
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
  const directory = addToDirectory(state.directory, fresh);
  const topics = addToTopics(state.topics, fresh, dateOf);
  const meetings = addToMeetings(state.meetings, fresh, directory, topics);
  return { directory, topics, meetings };
}
