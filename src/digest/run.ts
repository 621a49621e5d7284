/** Digest delivery: gather each chat's new matching articles, send them through the outbound pipeline, mark only what was sent. */
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Logger } from '../logger.ts';
import type { Store, Subscription } from '../store/types.ts';
import { classify } from '../bot/api/classify.ts';
import { describeError } from '../errors.ts';
import type { DigestStatus } from '../bot/context.ts';
import { formatDigest, type DigestGroup } from '../bot/format/digest.ts';
import { matchAmong, type MatchLibrary } from '../app/subscriptions.ts';

/** At most this many articles per subscription in one digest; the rest are counted, not listed. */
export const MAX_PER_GROUP = 8;
/** A digest message stays well under Telegram's 4096 characters. */
const MESSAGE_BUDGET = 3500;

export interface DigestDeps {
  store: Store;
  library: MatchLibrary;
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

type Groups = ChatDigest['groups'];

/** Cuts a group too long for one message into halves of its articles (each half keeps every id it lists). */
function fit(group: Groups[number]): Groups {
  if (group.articles.length <= 1 || formatDigest([group]).html.length <= MESSAGE_BUDGET) return [group];
  const half = Math.ceil(group.articles.length / 2);
  const [a, b] = [group.articles.slice(0, half), group.articles.slice(half)];
  const listed = new Set(group.articles.map((x) => x.id));
  const rest = group.allIds.filter((id) => !listed.has(id));
  return [...fit({ ...group, articles: a, overflow: 0, allIds: a.map((x) => x.id) }),
    ...fit({ ...group, articles: b, allIds: [...b.map((x) => x.id), ...rest] })];
}

/** Packs groups into messages under the budget, splitting a group that alone is too long. */
export function pack(groups: Groups): Groups[] {
  const messages: Groups[] = [];
  let current: Groups = [];
  for (const g of groups.flatMap(fit)) {
    const next = [...current, g];
    if (current.length > 0 && formatDigest(next).html.length > MESSAGE_BUDGET) {
      messages.push(current);
      current = [g];
    } else current = next;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** Sends one chat's digest now. Articles are marked delivered message by message, so a failure loses nothing;
 *  a message Telegram refuses is logged and skipped, so it cannot block the rest of the chat's digest. */
export async function deliverDigest(deps: DigestDeps, chatId: number): Promise<DigestStatus> {
  const collectedAt = deps.now();
  const digest = collectDigest(deps.store, deps.library, chatId);
  let articles = 0;
  let refused = 0;
  for (const message of pack(digest.groups)) {
    const { html, buttons } = formatDigest(message);
    try {
      await deps.send(chatId, html, buttons);
    } catch (err) {
      const kind = classify(err).kind;
      deps.log[kind === 'bug' ? 'error' : 'warn']({ chatId, kind, err }, `digest message not delivered: ${describeError(err)}`);
      if (kind === 'gone') return { status: 'gone', articles };
      if (kind !== 'bug') return { status: 'failed', articles };
      refused++;
      continue;
    }
    for (const g of message) deps.store.markDelivered(g.subscription.id, g.allIds, collectedAt);
    articles += message.reduce((n, g) => n + g.allIds.length, 0);
  }
  for (const sub of digest.quiet) deps.store.markDelivered(sub.id, [], collectedAt);
  if (refused > 0) return { status: 'failed', articles };
  return { status: articles > 0 ? 'sent' : 'empty', articles };
}

/** Sends every subscribed chat its digest at once; the pipeline paces them and keeps enough in flight. */
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
