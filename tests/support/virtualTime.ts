// Virtual time for end-to-end tests: timers and Date are faked, while real I/O (loopback HTTP) keeps flowing.
import { vi } from 'vitest';

/** Fakes timers and Date but not setImmediate or nextTick, so sockets and the HTTP server keep working. */
export function useVirtualTime(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}

const realTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Moves virtual time on by `ms` in small steps, letting real I/O run between steps. */
export async function pass(ms: number, stepMs = 10): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    await vi.advanceTimersByTimeAsync(Math.min(stepMs, ms - t));
    for (let i = 0; i < 4; i++) await realTurn();
  }
}

/** Moves virtual time on until `done()` holds or `maxMs` passed; returns whether it holds. */
export async function passUntil(done: () => boolean, maxMs: number, stepMs = 10): Promise<boolean> {
  for (let t = 0; t < maxMs && !done(); t += stepMs) await pass(stepMs, stepMs);
  return done();
}
