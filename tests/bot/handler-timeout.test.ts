// A handler that runs past the update's time limit, on virtual time, through the console transport (the pipeline's
// stand-in end): its late answer is dropped, never sent after the apology; an answer already queued is not apologised for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Composer, type Context } from 'telegraf';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBot } from '../../src/bot/create.ts';
import { loadConfig } from '../../src/config.ts';
import { GENERIC_USER_MESSAGE } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { createConsoleClient, type Reply } from '../../src/transports/console.ts';
import { openDeps, type Deps } from '../../src/transports/wire.ts';

let deps: Deps;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jznews-timeout-'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'db.sqlite'), LOG_LEVEL: 'silent' });
  deps = await openDeps(config, createLogger(config));
});
afterAll(() => {
  deps.store.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => void vi.useRealTimers());

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A feature that thinks for `thinkMs` before answering, and one that answers at once, then thinks. */
function slow(thinkMs: number): Composer<Context> {
  const feature = new Composer<Context>();
  feature.hears('slow', async (ctx) => {
    await wait(thinkMs);
    await ctx.reply('late answer');
  });
  feature.hears('answered', async (ctx) => {
    await ctx.reply('first answer');
    await wait(thinkMs);
  });
  return feature;
}

/** Sends `text` to a bot whose handlers may run 60 s, and returns what the chat got by the time the limit passed. */
async function sendPastLimit(client: ReturnType<typeof createConsoleClient>, text: string): Promise<string[]> {
  let replies: Reply[] = [];
  const exchange = client.send(text).then((r) => void (replies = r));
  await vi.advanceTimersByTimeAsync(61_000);
  await exchange;
  return replies.map((r) => r.text);
}

describe('a handler past its time limit', () => {
  it('gets the apology, and its late answer is dropped rather than sent after it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const client = createConsoleClient(createBot(deps, { features: [slow(70_000)], handlerTimeoutMs: 60_000 }), { chatId: 11 });
    expect(await sendPastLimit(client, 'slow')).toEqual([GENERIC_USER_MESSAGE]);
    // The handler wakes at 70 s and answers: dropped. The chat's next message gets only its own answer.
    await vi.advanceTimersByTimeAsync(10_000);
    const sending = client.send('/start');
    await vi.advanceTimersByTimeAsync(1000);
    const next = await sending;
    expect(next.length).toBeGreaterThan(0);
    expect(next.map((r) => r.text).join('\n')).not.toContain('late answer');
  });

  it('sends no apology when its answer already went out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const client = createConsoleClient(createBot(deps, { features: [slow(70_000)], handlerTimeoutMs: 60_000 }), { chatId: 12 });
    expect(await sendPastLimit(client, 'answered')).toEqual(['first answer']);
  });
});
