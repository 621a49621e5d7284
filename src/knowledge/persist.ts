/** Plain-data forms of the directory and the topic index, to save them in a snapshot and rebuild them without re-reading the articles. */
import type { Directory, Person } from './people.ts';
import { resolveQuery } from './resolve.ts';
import { topicIndexOf, type TopicIndex } from './topics.ts';

export interface DirectoryData {
  /** Most articles first, as buildDirectory orders them. */
  people: Person[];
}

export function directoryToJSON(directory: Directory): DirectoryData {
  return { people: directory.people };
}

/** The directory as buildDirectory returns it: the same people, resolved the same way. */
export function directoryFromJSON(data: DirectoryData): Directory {
  const people = data.people;
  return { people, resolve: (query: string) => resolveQuery(people, query) };
}

export interface TopicIndexData {
  topics: TopicIndex['topics'];
  /** Each classified article's topics, best first; articles without a topic are left out. */
  of: Array<[string, string[]]>;
}

export function topicIndexToJSON(index: TopicIndex, articleIds: Iterable<string>): TopicIndexData {
  const of: TopicIndexData['of'] = [];
  for (const id of articleIds) {
    const topics = index.topicsOf(id);
    if (topics.length > 0) of.push([id, topics]);
  }
  return { topics: index.topics, of };
}

/** The topic index as buildTopicIndex returns it (its `find` is the same lookup). */
export function topicIndexFromJSON(data: TopicIndexData): TopicIndex {
  return topicIndexOf(data.topics, new Map(data.of));
}
