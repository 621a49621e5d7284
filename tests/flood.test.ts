// One chat floods the bot: 50 messages within a second, while another chat sends one. The real stack: telegraf long
// polling (runTelegram) against the local Bot API stand-in, the real seeds, SQLite in a temp dir.
//
// Behaviour pinned here (src/transports/updates.ts serializes each chat's updates, src/bot/api-guard.ts paces sends):
//   - none of the 50 is dropped: each gets its answer, in the order sent;
//   - the flooding chat is told once, politely, that answers are coming in order (FLOOD_NOTE);
//   - its answers are paced by Telegram's rule of about one message a second per chat, after a short burst;
//   - the other chat is not slowed down: its answer comes promptly (its latency is measured and printed).
// The pacing is not configurable from createBot, so this test takes about 50 s of real time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Telegraf } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeps } from '../src/transports/wire.ts';
import { createBot } from '../src/bot/create.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { runTelegram } from '../src/transports/telegram.ts';
import type { TelegramRun } from '../src/transports/telegram.ts';
import { FLOOD_NOTE } from '../src/transports/updates.ts';
import { startFakeBotApi } from './support/fakeBotApi.ts';
import type { ApiCall, FakeBotApi } from './support/fakeBotApi.ts';

const FLOODER = 4242;
const OTHER = 4343;
const FLOOD = 50;
const WITHIN_MS = 1000;
/** Telegram: "avoid sending more than one message per second" to one chat; a short burst first is fine. */
const PACE_MS = 1000;
const BURST = 3;
/** The other chat's answer must come this fast although the flooding chat has ~48 s of paced answers queued. */
const PROMPT_MS = 1500;

const WORDS = ['疫情防控', '项目建设', '安全生产', '乡村振兴', '营商环境', '科技创新', '复工复产', '城市建设', '灾后重建', '党代会'];
/** 50 distinct queries, each echoed back in its answer (“…”), so answers can be matched to messages. */
const QUERIES = Array.from({ length: FLOOD }, (_, i) => `${WORDS[i % WORDS.length]}${i}`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe(`flood: one chat sends ${FLOOD} messages within ${WITHIN_MS} ms, another chat sends one`, () => {
  let api: FakeBotApi;
  let run: TelegramRun | undefined;
  let dir: string;
  /** When the stand-in recorded each call (ms since the flood began). */
  const at = new Map<ApiCall, number>();
  let t0 = 0;
  let otherSentAt = 0;

  beforeAll(async () => {
    api = await startFakeBotApi({ longPollCapMs: 500 });
    dir = mkdtempSync(join(tmpdir(), 'jznews-flood-'));
    const config = loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite'), DIGEST_CRON: '0 0 1 1 *' });
    const deps = openDeps(config, createLogger({ ...config, logLevel: 'silent' }));
    const bot: Telegraf<Context> = createBot(deps);
    run = await runTelegram(bot, deps, { handleSignals: false, exit: () => undefined });
    await api.waitFor((c) => c.method === 'getUpdates', 10_000);
    // Timestamps: a waiter that never matches sees every call as it is recorded.
    api.waitFor((c) => {
      if (!at.has(c)) at.set(c, performance.now() - t0);
      return false;
    }, 150_000).catch(() => undefined);

    t0 = performance.now();
    for (const [i, q] of QUERIES.entries()) {
      api.sendText(FLOODER, q);
      if (i === FLOOD / 2) {
        otherSentAt = performance.now() - t0;
        api.sendText(OTHER, '疫情防控');
      }
      await sleep(WITHIN_MS / FLOOD);
    }
    // Every query answered (plus the note), or give up after twice the paced time.
    const deadline = Date.now() + 2 * FLOOD * PACE_MS;
    while (Date.now() < deadline && api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === FLOODER).length < FLOOD + 1) {
      await sleep(200);
    }
    await sleep(300);
  }, 150_000);

  afterAll(async () => {
    await run?.stop('flood over');
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const sentTo = (chatId: number): ApiCall[] => api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId);
  const answersTo = (chatId: number): ApiCall[] => sentTo(chatId).filter((c) => c.params.text !== FLOOD_NOTE);

  it(`answers all ${FLOOD} messages, none dropped, in the order they were sent`, () => {
    const answers = answersTo(FLOODER);
    const echoed = answers.map((c) => QUERIES.findIndex((q) => String(c.params.text).includes(`“${q}”`)));
    expect(answers).toHaveLength(FLOOD);
    expect(echoed).toEqual(QUERIES.map((_, i) => i));
  });

  it('sends the polite note exactly once, before the answers run out', () => {
    const notes = sentTo(FLOODER).filter((c) => c.params.text === FLOOD_NOTE);
    expect(notes).toHaveLength(1);
    const last = answersTo(FLOODER).at(-1);
    expect(at.get(notes[0]!)!).toBeLessThan(at.get(last!)!);
    expect(sentTo(OTHER).some((c) => c.params.text === FLOOD_NOTE)).toBe(false);
  });

  it(`paces the flooding chat at about one message per ${PACE_MS} ms after a burst of ${BURST}`, () => {
    const times = sentTo(FLOODER).map((c) => at.get(c)!);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // After the burst every message waits for its turn; allow 10% timer slack.
    expect(Math.min(...gaps.slice(BURST))).toBeGreaterThanOrEqual(PACE_MS * 0.9);
    // In any window no more than the burst plus one per second went out.
    for (let i = 0; i < times.length; i++) {
      for (let j = i + 1; j < times.length; j++) {
        expect(j - i + 1, `messages ${i}..${j} within ${(times[j]! - times[i]!).toFixed(0)} ms`).toBeLessThanOrEqual(BURST + Math.floor((times[j]! - times[i]!) / (PACE_MS * 0.9)) + 1);
      }
    }
    const span = times.at(-1)! - times[0]!;
    console.info(`flood: ${times.length} messages to the flooding chat over ${(span / 1000).toFixed(1)} s; smallest gap after the burst ${Math.min(...gaps.slice(BURST)).toFixed(0)} ms`);
  });

  it(`answers the other chat promptly (< ${PROMPT_MS} ms) while the flood is queued`, () => {
    const [answer, ...more] = sentTo(OTHER);
    expect(answer, 'the other chat got no answer').toBeDefined();
    expect(more).toEqual([]);
    const latency = at.get(answer!)! - otherSentAt;
    console.info(`flood: the other chat was answered ${latency.toFixed(0)} ms after it wrote (the flooding chat had ${FLOOD / 2} messages queued)`);
    expect(String(answer!.params.text)).toContain('疫情防控');
    expect(latency).toBeLessThan(PROMPT_MS);
  });

  it('never gets a 4xx (or any error) from the Bot API', () => {
    const failed = api.calls.filter((c) => !c.response.ok).map((c) => `${c.method}: ${c.response.error_code} ${c.response.description}`);
    expect(failed).toEqual([]);
  });
});
