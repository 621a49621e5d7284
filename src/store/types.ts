/** What a subscription follows: a named topic or a free-text search query. */
export type SubscriptionKind = 'topic' | 'query';

/** One chat's standing request for a digest. Times are epoch milliseconds. */
export interface Subscription {
  id: number;
  chatId: number;
  kind: SubscriptionKind;
  /** Normalised text (NFKC, trimmed, inner whitespace collapsed); compared case-insensitively for Latin letters. */
  value: string;
  createdAt: number;
  /** When the last digest for this subscription was marked delivered; null before the first. */
  lastDigestAt: number | null;
}

/** Outcome of `addSubscription`; `subscription` is the new row ('created') or the existing one ('exists'). */
export interface AddSubscriptionResult {
  status: 'created' | 'exists' | 'limit';
  subscription?: Subscription;
}

/** An article id and when it was first ingested (epoch ms). */
export interface IngestedArticle {
  articleId: string;
  ingestedAt: number;
}

/**
 * Everything the bot's features may persist. No SQL leaks through it.
 * Every `now` is passed in (epoch ms) so tests control the clock.
 * "New" always means strictly later: an article ingested in the very millisecond
 * a subscription was created does NOT count as new for it.
 */
export interface Store {
  /** Creates the chat or refreshes its type/title (omitted fields keep their stored value). */
  touchChat(chatId: number, info: { type?: string; title?: string }, now: number): void;
  /** Group became a supergroup: moves subscriptions and deliveries to `toChatId`; returns how many moved or merged. */
  migrateChat(fromChatId: number, toChatId: number): number;
  /** Forgets the chat (bot blocked or kicked) with its subscriptions and deliveries; returns removed subscription count. */
  removeChat(chatId: number): number;

  /** Subscribes a chat (creating the chat row if needed); 'limit' when it already has `limit` subscriptions. */
  addSubscription(chatId: number, kind: SubscriptionKind, value: string, now: number, limit: number): AddSubscriptionResult;
  /** The chat's subscriptions, oldest first. */
  listSubscriptions(chatId: number): Subscription[];
  /** Removes one subscription if it belongs to the chat; true when something was removed. */
  removeSubscription(chatId: number, id: number): boolean;
  /** Removes all of a chat's subscriptions; returns how many. */
  removeAllSubscriptions(chatId: number): number;
  /** Every subscription, by id. */
  allSubscriptions(): Subscription[];
  /** Ids of chats with at least one subscription, ascending. */
  chatsWithSubscriptions(): number[];

  /** Records article ids as ingested at `now`; returns, in input order, only the ids not seen before. */
  recordIngested(articleIds: string[], source: string, now: number): string[];
  /** Articles ingested strictly after `since`, oldest first. */
  ingestedSince(since: number): IngestedArticle[];
  /** Whether the article id was ever recorded. */
  isIngested(articleId: string): boolean;

  /**
   * Article ids to put in the next digest, oldest first: ingested strictly after `createdAt`
   * and not before `lastDigestAt` (same-millisecond articles are kept, not lost), minus those
   * already delivered to this subscription. Empty for an unknown id.
   */
  pendingArticleIds(subscriptionId: number): string[];
  /** In one transaction: records the deliveries and sets `lastDigestAt = now`; no-op for an unknown id. */
  markDelivered(subscriptionId: number, articleIds: string[], now: number): void;

  /** Reads a JSON value from the key/value state; undefined when absent. */
  read<T>(key: string): T | undefined;
  /** Stores a JSON-serialisable value (undefined deletes the key). */
  write<T>(key: string, value: T): void;
  /** Deletes a key (no error when absent). */
  delete(key: string): void;

  /** Updates received but not yet handled, and what each one sent. */
  readonly inbox: InboxStore;

  /** Result of PRAGMA integrity_check (problems joined by newlines): "ok" when healthy. */
  integrityCheck(): string;
  /** Closes the database; safe to call more than once. */
  close(): void;
}

/** A send an update made before a crash: `confirmed` when its answer came back (`result`), else its fate is unknown. */
export interface RecordedSend {
  method: string;
  confirmed: boolean;
  result?: unknown;
}

/** The durable inbox behind at-least-once intake with exactly-once effects (keyed by Telegram's update_id). */
export interface InboxStore {
  /** Keeps the update until it is handled; false when this update_id was received before (a duplicate). */
  receive(updateId: number, chatKey: string, payload: string, now: number): boolean;
  /** Marks the update handled and forgets its send log. */
  finish(updateId: number, now: number): void;
  /** Updates received but not handled, oldest first, as their JSON, with how many starts have replayed each. */
  unfinished(): Array<{ updateId: number; payload: string; replays: number }>;
  /** Counts one more replay of every unhandled update (called as a start replays them). */
  countReplay(): void;
  /** How many received updates are not handled yet. */
  pendingCount(): number;
  /** The `seq`-th send of an update, as recorded before a crash; undefined when it never started. */
  recordedSend(updateId: number, seq: number): RecordedSend | undefined;
  /** Records that the `seq`-th send is about to leave. */
  beginSend(updateId: number, seq: number, method: string): void;
  /** Records the answer to the `seq`-th send. */
  confirmSend(updateId: number, seq: number, result: unknown): void;
  /** Forgets a send that failed, so a replay tries it again. */
  dropSend(updateId: number, seq: number): void;
  /** Forgets handled updates finished before `before` (their ids stop being recognised as duplicates); returns how many. */
  prune(before: number): number;
}

/** The store cannot be opened or used; `path` is the database file, `cause` the underlying error. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  /** The database file the error is about. */
  readonly path: string;

  constructor(message: string, path: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}
