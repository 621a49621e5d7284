// Telegram's flood limits as the local Bot API stand-in enforces them: a call that breaks one is refused with 429.
import type { Limits } from './fakeBotApi.ts';

/** Seconds to wait when `chatId` may not get a message at `now` (ms), else undefined and the message is counted. */
export type LimitCheck = (chatId: number, now: number) => number | undefined;

/** Any second holds at most `perSecond` messages; a private chat a burst then one a second; a group `groupPerMinute` in any minute. */
export function createLimits(limits: Limits): LimitCheck {
  const recent: number[] = [];
  const privates = new Map<number, { tokens: number; at: number }>();
  const groups = new Map<number, number[]>();
  const within = (times: number[], now: number, ms: number): number[] => {
    while (times.length > 0 && times[0]! <= now - ms) times.shift();
    return times;
  };
  return (chatId, now) => {
    const all = within(recent, now, 1000);
    if (all.length >= limits.perSecond) return Math.max(1, Math.ceil((all[0]! + 1000 - now) / 1000));
    if (chatId > 0) {
      const bucket = privates.get(chatId) ?? { tokens: limits.privateBurst, at: now };
      bucket.tokens = Math.min(limits.privateBurst, bucket.tokens + (now - bucket.at) / 1000);
      bucket.at = now;
      privates.set(chatId, bucket);
      if (bucket.tokens < 1) return Math.max(1, Math.ceil(1 - bucket.tokens));
      bucket.tokens -= 1;
    } else {
      const times = within(groups.get(chatId) ?? [], now, 60_000);
      groups.set(chatId, times);
      if (times.length >= limits.groupPerMinute) return Math.max(1, Math.ceil((times[0]! + 60_000 - now) / 1000));
      times.push(now);
    }
    all.push(now);
    return undefined;
  };
}
