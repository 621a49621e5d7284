// Digests across stops and crashes: a send in flight at shutdown is confirmed, never repeated; a cut-short run resumes at start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DIGEST_RUN_KEY } from '../../src/digest/service.ts';
import { createLogger } from '../../src/logger.ts';
import { openDeps, type Deps } from '../../src/transports/wire.ts';
import { startFakeBotApi, type FakeBotApi } from '../support/fakeBotApi.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
const CHATS = [11, 12, 13];

/** The app on a temp database (no cron tick in the test's lifetime), and a Bot API client whose sends take `latencyMs`. */
async function setup(latencyMs: number) {
  const api = await startFakeBotApi();
  const dir = mkdtempSync(join(tmpdir(), 'jznews-digest-'));
  cleanups.push(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const config = loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite'), DIGEST_CRON: '0 0 1 1 *' });
  const open = async (): Promise<Deps> => {
    const deps = await openDeps(config, createLogger({ ...config, logLevel: 'silent' }), { snapshotPath: join(dir, 'snapshot.json') });
    cleanups.push(() => deps.store.close());
    return deps;
  };
  const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
  const callApi = telegram.callApi.bind(telegram);
  telegram.callApi = (async (method: string, payload: object, extra?: object) => {
    if (method === 'sendMessage') await new Promise((resolve) => setTimeout(resolve, latencyMs));
    return callApi(method as 'sendMessage', payload as never, extra);
  }) as typeof telegram.callApi;
  return { api, open, telegram };
}

/** Opens the app again and starts its digests (as a start does), then waits until nothing is left to send. */
async function restartAndSettle(env: Awaited<ReturnType<typeof setup>>): Promise<Deps> {
  const deps = await env.open();
  deps.digests.start(env.telegram);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await deps.digests.queue.idle();
  deps.digests.stop();
  return deps;
}

const digestsTo = (api: FakeBotApi, chatId: number): number =>
  api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId && c.response.ok).length;

/** Subscribes the chats before everything at start was ingested, so each has a digest waiting. */
function subscribeAll(deps: Deps): void {
  for (const chat of CHATS) deps.store.addSubscription(chat, 'topic', '疫情防控', 0, 20);
  for (const s of deps.store.allSubscriptions()) expect(deps.store.pendingArticleIds(s.id).length).toBeGreaterThan(0);
}

describe('a digest run stopped while a send is in flight', () => {
  it('confirms the sends in flight, starts no other, and the next start sends each chat its digest exactly once', async () => {
    const env = await setup(1500);
    const first = await env.open();
    subscribeAll(first);
    first.digests.start(env.telegram);
    const run = first.digests.runAll().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the first send is on its way
    first.digests.stop();
    await Promise.race([first.digests.queue.idle(), new Promise((resolve) => setTimeout(resolve, 4000))]);
    const sentBeforeStop = CHATS.map((c) => digestsTo(env.api, c));
    // Digests to different chats go out side by side: whatever was in flight is confirmed, the rest waits.
    expect(sentBeforeStop.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(1);
    CHATS.forEach((chat, i) => {
      const sub = first.store.listSubscriptions(chat)[0]!;
      if (sentBeforeStop[i] === 1) expect(first.store.pendingArticleIds(sub.id)).toEqual([]);
      else expect(first.store.pendingArticleIds(sub.id).length).toBeGreaterThan(0);
    });
    expect(first.store.read(DIGEST_RUN_KEY)).toBeDefined();
    first.store.close();
    await run;

    // The restart resumes the cut-short run at once, not at the next cron tick, and repeats nothing.
    const second = await restartAndSettle(env);
    expect(CHATS.map((c) => digestsTo(env.api, c))).toEqual([1, 1, 1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second.store.read(DIGEST_RUN_KEY)).toBeUndefined();
  }, 60_000);
});

describe('a digest run cut short by a crash', () => {
  it('resumes at the next start and sends only what had not gone out', async () => {
    const env = await setup(0);
    const first = await env.open();
    subscribeAll(first);
    // What a crash after the first chat's digest leaves behind: the run's row, and that chat marked delivered.
    first.store.write(DIGEST_RUN_KEY, { startedAt: Date.now() });
    await first.digests.deliver(CHATS[0]!, env.telegram);
    first.store.close();

    const second = await restartAndSettle(env);
    expect(CHATS.map((c) => digestsTo(env.api, c))).toEqual([1, 1, 1]);
  }, 60_000);
});
