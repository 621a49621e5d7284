/** telegraf's Telegram client with every call run through the outbound pipeline; installed once on the bot. */
import { Telegram } from 'telegraf';
import type { Context, Telegraf } from 'telegraf';
import type { Opts, Telegram as Methods } from 'telegraf/types';
import { LateCallError } from './classify.ts';
import { Outbound, type OutboundOptions, type Payload, type Priority, type RawCall } from './outbound.ts';

/** What one update's handler has sent: calls still on their way, and whether its time ran out. */
export interface Scope {
  pending: number;
  sent: number;
  expired: boolean;
}

/** Where calls go at the end of the pipeline: the Bot API over HTTP, or a stand-in (the console chat). */
export type Transport = RawCall;

/** Wraps every call in its caller's async context before it is queued; `next(leaving)` queues it, and `leaving` is
 *  called each time a try actually goes out (after pacing): the seam for a send log. */
export type Around = (method: string, payload: Payload, next: (leaving?: () => void) => Promise<unknown>) => Promise<unknown>;

interface Shared {
  outbound: Outbound;
  transport?: Transport;
  around?: Around;
}

/** A Telegram client whose callApi is the pipeline's; `as` makes siblings with another priority or scope. */
export class OutboundTelegram extends Telegram {
  constructor(
    token: string,
    options: Partial<Telegram['options']>,
    private readonly shared: Shared,
    readonly priority: Priority = 'reply',
    readonly scope?: Scope,
  ) {
    super(token, options);
  }

  /** The pipeline all siblings share. */
  get outbound(): Outbound {
    return this.shared.outbound;
  }

  /** A client on the same pipeline with another priority or scope. */
  as(priority: Priority, scope?: Scope): OutboundTelegram {
    return new OutboundTelegram(this.token, this.options, this.shared, priority, scope);
  }

  /** Wraps every later call of every sibling client (one wrapper; a second replaces the first). */
  aroundCalls(around: Around): void {
    this.shared.around = around;
  }

  /** Sends the rest of the bot's calls to a stand-in instead of the network (the console chat), unpaced. */
  useTransport(transport: Transport): void {
    this.shared.transport = transport;
    this.shared.outbound.unpace();
  }

  override callApi<M extends keyof Methods>(method: M, payload: Opts<M>, extra: Parameters<Telegram['callApi']>[2] = {}): Promise<ReturnType<Methods[M]>> {
    const scope = this.scope;
    if (scope?.expired) return Promise.reject(new LateCallError(method)) as never;
    const network: RawCall = (m, p) => super.callApi(m as M, p as never, extra);
    const raw: RawCall = (m, p) => (this.shared.transport ?? network)(m, p);
    const queue = (leaving?: () => void): Promise<unknown> => this.shared.outbound.call(method, (payload ?? {}) as Payload, raw, this.priority, leaving);
    const around = this.shared.around;
    const result = around ? around(method, (payload ?? {}) as Payload, queue) : queue();
    if (!scope) return result as never;
    scope.pending++;
    return result.then((value) => {
      scope.sent++;
      return value;
    }).finally(() => void scope.pending--) as never;
  }
}

/** Replaces the bot's client with one on a new pipeline, shared by every update (bot.context), and returns it. */
export function installOutbound(bot: Telegraf<Context>, options: OutboundOptions): OutboundTelegram {
  const telegram = new OutboundTelegram(bot.telegram.token, bot.telegram.options, { outbound: new Outbound(options) });
  bot.telegram = telegram;
  Object.assign(bot.context, { telegram });
  return telegram;
}

/** The pipeline client of a bot or context (every bot made by createBot has one). */
export function outboundOf(telegram: Telegram): OutboundTelegram {
  if (!(telegram instanceof OutboundTelegram)) throw new Error('this Telegram client does not go through the outbound pipeline');
  return telegram;
}
