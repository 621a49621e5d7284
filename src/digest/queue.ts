/** An outgoing message queue within Telegram's limits: ~30 messages a second in all, one a second per chat. */
import { TelegramError } from 'telegraf';

export interface QueueOptions {
  /** Messages a second across all chats. */
  perSecond?: number;
  /** Milliseconds between two messages to one chat. */
  perChatMs?: number;
  /** Tries for a message that fails with a 5xx or a network error. */
  maxTries?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The chat is gone (blocked, kicked, deactivated, not found): drop what it had. */
  onGone?: (chatId: number, reason: string) => void;
  /** The group became a supergroup: move what it had. */
  onMigrate?: (fromChatId: number, toChatId: number) => void;
}

export type Outcome = { status: 'sent'; chatId: number } | { status: 'gone'; chatId: number; reason: string } | { status: 'failed'; chatId: number; error: Error };

interface Job {
  chatId: number;
  send: (chatId: number) => Promise<unknown>;
  tries: number;
  notBefore: number;
  done: (outcome: Outcome) => void;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True for the answers that mean the bot can no longer write to a chat. */
export function isGone(err: unknown): boolean {
  if (!(err instanceof TelegramError)) return false;
  if (err.code === 403) return true;
  return err.code === 400 && /chat not found|user is deactivated|bot was kicked|group chat was deleted|PEER_ID_INVALID/i.test(err.description);
}

export class DeliveryQueue {
  private readonly jobs: Job[] = [];
  private readonly lastSent = new Map<number, number>();
  private lastAny = -Infinity;
  private running = false;
  private readonly opts: Required<Omit<QueueOptions, 'onGone' | 'onMigrate'>> & Pick<QueueOptions, 'onGone' | 'onMigrate'>;

  constructor(options: QueueOptions = {}) {
    this.opts = { perSecond: 30, perChatMs: 1000, maxTries: 4, now: Date.now, sleep: realSleep, ...options };
  }

  /** Queues one message; resolves with what became of it, never rejects. */
  send(chatId: number, send: (chatId: number) => Promise<unknown>): Promise<Outcome> {
    return new Promise((done) => {
      this.jobs.push({ chatId, send, tries: 0, notBefore: 0, done });
      void this.drain();
    });
  }

  /** Resolves once nothing is waiting or being sent. */
  async idle(): Promise<void> {
    while (this.running || this.jobs.length > 0) await realSleep(20);
  }

  /** Messages waiting to be sent. */
  get pending(): number {
    return this.jobs.length;
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.jobs.length > 0) {
        const now = this.opts.now();
        const ready = (j: Job): number => Math.max(j.notBefore, (this.lastSent.get(j.chatId) ?? -Infinity) + this.opts.perChatMs);
        let pick = 0;
        for (let i = 1; i < this.jobs.length; i++) if (ready(this.jobs[i]!) < ready(this.jobs[pick]!)) pick = i;
        const at = Math.max(ready(this.jobs[pick]!), this.lastAny + 1000 / this.opts.perSecond);
        if (at > now) {
          await this.opts.sleep(at - now);
          continue;
        }
        const job = this.jobs.splice(pick, 1)[0]!;
        this.lastAny = this.opts.now();
        this.lastSent.set(job.chatId, this.lastAny);
        await this.attempt(job);
      }
    } finally {
      this.running = false;
    }
  }

  private async attempt(job: Job): Promise<void> {
    job.tries++;
    try {
      await job.send(job.chatId);
      job.done({ status: 'sent', chatId: job.chatId });
    } catch (err) {
      const tg = err instanceof TelegramError ? err : null;
      const migrateTo = tg?.parameters?.migrate_to_chat_id;
      if (migrateTo) {
        this.opts.onMigrate?.(job.chatId, migrateTo);
        this.jobs.unshift({ ...job, chatId: migrateTo, notBefore: 0 });
      } else if (tg?.code === 429) {
        const wait = (tg.parameters?.retry_after ?? 1) * 1000;
        this.jobs.unshift({ ...job, tries: job.tries - 1, notBefore: this.opts.now() + wait });
      } else if (isGone(err)) {
        const reason = tg?.description ?? 'gone';
        this.opts.onGone?.(job.chatId, reason);
        job.done({ status: 'gone', chatId: job.chatId, reason });
      } else if (job.tries < this.opts.maxTries && (!tg || tg.code >= 500)) {
        this.jobs.push({ ...job, notBefore: this.opts.now() + 500 * 2 ** job.tries });
      } else {
        job.done({ status: 'failed', chatId: job.chatId, error: err as Error });
      }
    }
  }
}
