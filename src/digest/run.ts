/** Digest delivery: gather each chat's new matching articles, send them through the queue, mark only what was sent. */
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Logger } from '../logger.ts';
import type { Store, Subscription } from '../store/types.ts';
import { formatDigest, type DigestGroup } from '../bot/format/digest.ts';
import { matchAmong, type MatchLibrary } from '../app/subscriptions.ts';
import type { DeliveryQueue, Outcome } from './queue.ts';

/** At most this many articles per subscription in one digest; the rest are counted, not listed. */
export const MAX_PER_GROUP = 8;
/** A digest message stays well under Telegram's 4096 characters. */
const MESSAGE_BUDGET = 3500;

export interface DigestDeps {
  store: Store;
  library: MatchLibrary;
  queue: DeliveryQueue;
  send: (chatId: number, html: string, buttons: InlineKeyboardButton[][]) => Promise<unknown>;
  now: () => number;
  log: Logger;
}

export interface ChatDigest {
  chatId: number;
  /** Per subscription: the articles listed, how many more matched, and every matching id (all marked delivered). */
  groups: Array<DigestGroup & { allIds: string[] }>;
  quiet: Subscription[];
}

/** What one chat has waiting: per subscription, the pending articles that match it. */
export function collectDigest(store: Store, library: MatchLibrary, chatId: number): ChatDigest {
  const groups: ChatDigest['groups'] = [];
  const quiet: Subscription[] = [];
  for (const subscription of store.listSubscriptions(chatId)) {
    const matches = matchAmong(library, subscription, store.pendingArticleIds(subscription.id));
    if (matches.length === 0) quiet.push(subscription);
    else groups.push({ subscription, articles: matches.slice(0, MAX_PER_GROUP), overflow: Math.max(0, matches.length - MAX_PER_GROUP), allIds: matches.map((a) => a.id) });
  }
  return { chatId, groups, quiet };
}

/** Packs whole groups into messages under the budget. */
function pack(groups: ChatDigest['groups']): Array<ChatDigest['groups']> {
  const messages: Array<ChatDigest['groups']> = [];
  let current: ChatDigest['groups'] = [];
  for (const g of groups) {
    const next = [...current, g];
    if (current.length > 0 && formatDigest(next).html.length > MESSAGE_BUDGET) {
      messages.push(current);
      current = [g];
    } else current = next;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

export type DigestStatus = { status: 'empty' | 'sent'; articles: number } | { status: 'gone' | 'failed'; articles: number; outcome: Outcome };

/** Sends one chat's digest now. Articles are marked delivered message by message, so a failure loses nothing. */
export async function deliverDigest(deps: DigestDeps, chatId: number): Promise<DigestStatus> {
  const collectedAt = deps.now();
  const digest = collectDigest(deps.store, deps.library, chatId);
  let articles = 0;
  for (const message of pack(digest.groups)) {
    const { html, buttons } = formatDigest(message);
    const outcome = await deps.queue.send(chatId, (id) => deps.send(id, html, buttons));
    if (outcome.status !== 'sent') {
      deps.log.warn({ chatId, status: outcome.status }, 'digest not delivered');
      return { status: outcome.status, articles, outcome };
    }
    for (const g of message) deps.store.markDelivered(g.subscription.id, g.allIds, collectedAt);
    articles += message.reduce((n, g) => n + g.allIds.length, 0);
  }
  for (const sub of digest.quiet) deps.store.markDelivered(sub.id, [], collectedAt);
  return { status: articles > 0 ? 'sent' : 'empty', articles };
}

/** Sends every subscribed chat its digest; the queue paces them. */
export async function runDigests(deps: DigestDeps): Promise<{ chats: number; sent: number; articles: number; failed: number }> {
  const chats = deps.store.chatsWithSubscriptions();
  const results = await Promise.all(chats.map((chatId) => deliverDigest(deps, chatId)));
  const summary = {
    chats: chats.length,
    sent: results.filter((r) => r.status === 'sent').length,
    articles: results.reduce((n, r) => n + r.articles, 0),
    failed: results.filter((r) => r.status === 'failed' || r.status === 'gone').length,
  };
  deps.log.info(summary, 'digests delivered');
  return summary;
}
