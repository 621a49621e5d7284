// Subscriptions and digests on a real SQLite file, a temp SEEDS_DIR, the local Bot API stand-in and a controllable clock.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { openDeps, type Deps } from '../../src/transports/wire.ts';

import { loadConfig } from '../../src/config.ts';
import { createBot } from '../../src/bot/create.ts';
import { ingestFile, watchSeeds } from '../../src/app/ingest.ts';
import { createLogger } from '../../src/logger.ts';
import { startFakeBotApi, type ApiCall, type FakeBotApi } from '../support/fakeBotApi.ts';

const NEW_PAGE = '004_4e959cd2f7aaf6b5.txt';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A temp folder with every seed page but page 004, a database path, a clock we move by hand, and the stand-in. */
async function setup(options: { withNewPage?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'jznews-sub-'));
  const seeds = join(dir, 'seeds');
  copyFileSync('seeds/manifest.json', join(dir, 'manifest.json'));
  const { mkdirSync } = await import('node:fs');
  mkdirSync(seeds);
  for (const f of readdirSync('seeds')) if (f !== NEW_PAGE || options.withNewPage) copyFileSync(join('seeds', f), join(seeds, f));
  const api = await startFakeBotApi();
  let now = Date.parse('2026-11-27T00:00:00Z');
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const open = async (): Promise<Deps> => {
    const config = loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite'), SEEDS_DIR: seeds });
    const deps = await openDeps(config, createLogger({ ...config, logLevel: 'silent' }), { clock: clock.now });
    cleanups.push(() => deps.store.close());
    return deps;
  };
  // Digests go out through the bot's outbound pipeline (pacing, retries, gone and migrated chats), one per opened app.
  const clients = new WeakMap<Deps, Telegram>();
  const telegramFor = (deps: Deps): Telegram => clients.get(deps) ?? clients.set(deps, createBot(deps).telegram).get(deps)!;
  cleanups.push(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, seeds, api, clock, open, telegramFor };
}

const sends = (api: FakeBotApi, chatId: number): ApiCall[] => api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId && c.response.ok);

describe('subscriptions', () => {
  it('keeps a subscription across a restart', async () => {
    const env = await setup();
    const first = await env.open();
    expect(first.store.addSubscription(7, 'topic', '疫情防控', env.clock.now(), 20).status).toBe('created');
    first.store.close();
    const again = await env.open();
    expect(again.store.listSubscriptions(7).map((s) => s.value)).toEqual(['疫情防控']);
  });

  it('sends a new page\'s matching articles in one digest, exactly once', async () => {
    const env = await setup();
    const deps = await env.open();
    deps.store.addSubscription(7, 'topic', '疫情防控', env.clock.now(), 20);
    deps.store.addSubscription(7, 'query', '诗词大会', env.clock.now(), 20);
    env.clock.advance(60_000);
    expect((await deps.digests.deliver(7, env.telegramFor(deps))).status).toBe('empty');

    copyFileSync(join('seeds', NEW_PAGE), join(env.seeds, NEW_PAGE));
    env.clock.advance(60_000);
    const { added } = ingestFile({ ...deps, seedsDir: env.seeds }, NEW_PAGE);
    expect(added).toHaveLength(11);
    const epidemic = added.filter((a) => deps.library.topicsOf(a.id).includes('疫情防控'));
    const poetry = added.filter((a) => a.body.includes('诗词大会'));
    expect(epidemic.length).toBeGreaterThan(0);
    expect(poetry).toHaveLength(1);

    env.clock.advance(60_000);
    const result = await deps.digests.deliver(7, env.telegramFor(deps));
    expect(result).toMatchObject({ status: 'sent', articles: epidemic.length + poetry.length });
    const [digest, ...more] = sends(env.api, 7);
    expect(more).toEqual([]);
    const text = String(digest!.params.text);
    for (const a of [...epidemic, ...poetry]) expect(text).toContain(a.id);
    for (const a of added.filter((x) => !epidemic.includes(x) && !poetry.includes(x))) expect(text).not.toContain(a.id);

    // The same page again, and a second digest: nothing new, nothing sent.
    expect(ingestFile({ ...deps, seedsDir: env.seeds }, NEW_PAGE).added).toEqual([]);
    env.clock.advance(60_000);
    expect((await deps.digests.deliver(7, env.telegramFor(deps))).status).toBe('empty');
    expect(sends(env.api, 7)).toHaveLength(1);
  });

  it('indexes a page dropped into the watched folder without a restart', async () => {
    const env = await setup();
    const deps = await env.open();
    const before = deps.library.articles().length;
    const arrived = new Promise<number>((resolve) => {
      const watcher = watchSeeds({ ...deps, seedsDir: env.seeds }, (r) => resolve(r.added.length), 100);
      cleanups.push(() => watcher.close());
    });
    copyFileSync(join('seeds', NEW_PAGE), join(env.seeds, NEW_PAGE));
    expect(await arrived).toBe(11);
    expect(deps.library.articles()).toHaveLength(before + 11);
    expect(deps.library.search('诗词大会').hits[0]?.title).toBe('示范区第三届诗词大会团体决赛举行');
    expect(deps.store.isIngested(deps.library.search('诗词大会').hits[0]!.id)).toBe(true);
  });

  it('retries after a 429 and delivers', async () => {
    const env = await setup();
    const deps = await env.open();
    deps.store.addSubscription(8, 'topic', '文化教育', env.clock.now(), 20);
    env.clock.advance(1000);
    copyFileSync(join('seeds', NEW_PAGE), join(env.seeds, NEW_PAGE));
    ingestFile({ ...deps, seedsDir: env.seeds }, NEW_PAGE);
    env.api.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const started = Date.now();
    const result = await deps.digests.deliver(8, env.telegramFor(deps));
    expect(result.status).toBe('sent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(env.api.calls.filter((c) => c.method === 'sendMessage' && c.response.error_code === 429)).toHaveLength(1);
    expect(sends(env.api, 8)).toHaveLength(1);
  });

  it('drops a chat that blocked the bot on a 403, and logs it once', async () => {
    const env = await setup();
    const deps = await env.open();
    deps.store.addSubscription(9, 'topic', '文化教育', env.clock.now(), 20);
    env.clock.advance(1000);
    copyFileSync(join('seeds', NEW_PAGE), join(env.seeds, NEW_PAGE));
    ingestFile({ ...deps, seedsDir: env.seeds }, NEW_PAGE);
    env.api.failForChat(9, { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const result = await deps.digests.deliver(9, env.telegramFor(deps));
    expect(result.status).toBe('gone');
    expect(deps.store.listSubscriptions(9)).toEqual([]);
  });

  it('moves a group that became a supergroup and delivers there', async () => {
    const env = await setup();
    const deps = await env.open();
    deps.store.addSubscription(-100, 'topic', '文化教育', env.clock.now(), 20);
    env.clock.advance(1000);
    copyFileSync(join('seeds', NEW_PAGE), join(env.seeds, NEW_PAGE));
    ingestFile({ ...deps, seedsDir: env.seeds }, NEW_PAGE);
    env.api.failForChat(-100, { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1001234 } });
    expect((await deps.digests.deliver(-100, env.telegramFor(deps))).status).toBe('sent');
    expect(sends(env.api, -1001234)).toHaveLength(1);
    expect(deps.store.listSubscriptions(-1001234).map((s) => s.value)).toEqual(['文化教育']);
  });

  it('sends nothing twice after a restart in the middle of delivery', async () => {
    const env = await setup();
    const first = await env.open();
    const chats = Array.from({ length: 10 }, (_, i) => 1000 + i);
    for (const chat of chats) first.store.addSubscription(chat, 'query', '诗词大会', env.clock.now(), 20);
    env.clock.advance(1000);
    copyFileSync(join('seeds', NEW_PAGE), join(env.seeds, NEW_PAGE));
    ingestFile({ ...first, seedsDir: env.seeds }, NEW_PAGE);
    // The process "dies" after five chats: every later send fails for good.
    for (const chat of chats.slice(5)) env.api.failForChat(chat, { error_code: 400, description: 'Bad Request: process died' });
    await first.digests.runAll(env.telegramFor(first));
    const delivered = chats.filter((c) => sends(env.api, c).length > 0).length;
    expect(delivered).toBe(5);
    first.store.close();

    env.api.clearFailures();
    const second = await env.open();
    ingestFile({ ...second, seedsDir: env.seeds }, NEW_PAGE);
    env.clock.advance(1000);
    await second.digests.runAll(env.telegramFor(second));
    for (const chat of chats) expect(sends(env.api, chat), `chat ${chat}`).toHaveLength(1);
  });
});
