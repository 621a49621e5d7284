// One chat floods the bot with 50 messages within a second while another chat sends one; then a person presses a
// paging button 8 times in 2.4 s. The real stack: telegraf long polling (runTelegram) against the local Bot API
// stand-in with Telegram's limits on, the real seeds, SQLite in a temp dir, on virtual time (tests/support/virtualTime.ts).
//
// Behaviour pinned here (src/transports/updates.ts serializes each chat's updates, src/bot/api/ paces what goes out):
//   - none of the 50 is dropped: each gets its answer, in the order sent, and the chat is told once to wait;
//   - its answers are paced at one a second, and the stand-in never has to refuse one (no 429, no 4xx at all);
//   - the other chat is not slowed down: its answer comes promptly;
//   - paging presses settle within 3 s of the last press, on the last page asked for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDeps } from '../../src/transports/wire.ts';
import { createBot } from '../../src/bot/create.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { runTelegram, type TelegramRun } from '../../src/transports/telegram.ts';
import { FLOOD_NOTE } from '../../src/transports/updates.ts';
import { startFakeBotApi, type ApiCall, type FakeBotApi } from '../support/fakeBotApi.ts';
import { keyboardOf } from '../support/harness.ts';
import { pass, passUntil, useVirtualTime } from '../support/virtualTime.ts';

const FLOODER = 4242;
const OTHER = 4343;
const PAGER = 4444;
const FLOOD = 50;
const WITHIN_MS = 1000;
/** Telegram: "avoid sending more than one message per second" to one chat. */
const PACE_MS = 1000;
/** The other chat's answer must come this fast although the flooding chat has ~48 s of paced answers queued. */
const PROMPT_MS = 1500;
const PRESSES = 8;
const PRESS_EVERY_MS = 300;
const SETTLE_MS = 3000;

const WORDS = ['疫情防控', '项目建设', '安全生产', '乡村振兴', '营商环境', '科技创新', '复工复产', '城市建设', '灾后重建', '党代会'];
/** 50 distinct queries, each echoed back in its answer (“…”), so answers can be matched to messages. */
const QUERIES = Array.from({ length: FLOOD }, (_, i) => `${WORDS[i % WORDS.length]}${i}`);

let api: FakeBotApi;
let run: TelegramRun | undefined;
let dir: string;
const sentTo = (chatId: number, method = 'sendMessage'): ApiCall[] => api.calls.filter((c) => c.method === method && Number(c.params.chat_id) === chatId && c.response.ok);
const answersTo = (chatId: number): ApiCall[] => sentTo(chatId).filter((c) => c.params.text !== FLOOD_NOTE);

beforeAll(async () => {
  api = await startFakeBotApi({ longPollCapMs: 500 });
  dir = mkdtempSync(join(tmpdir(), 'jznews-flood-'));
  const config = loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite'), DIGEST_CRON: '0 0 1 1 *' });
  const deps = await openDeps(config, createLogger({ ...config, logLevel: 'silent' }));
  run = await runTelegram(createBot(deps), deps, { handleSignals: false, exit: () => undefined });
  await api.waitFor((c) => c.method === 'getUpdates', 10_000);
  useVirtualTime();
}, 60_000);

afterAll(async () => {
  vi.useRealTimers();
  await run?.stop('flood over');
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`flood: one chat sends ${FLOOD} messages within ${WITHIN_MS} ms, another chat sends one`, () => {
  let otherSentAt = 0;

  beforeAll(async () => {
    for (const [i, q] of QUERIES.entries()) {
      api.sendText(FLOODER, q);
      if (i === FLOOD / 2) {
        otherSentAt = Date.now();
        api.sendText(OTHER, '疫情防控');
      }
      await pass(WITHIN_MS / FLOOD);
    }
    await passUntil(() => sentTo(FLOODER).length >= FLOOD + 1, 2 * FLOOD * PACE_MS, 50);
    await pass(300);
  }, 120_000);

  it(`answers all ${FLOOD} messages, none dropped, in the order they were sent`, () => {
    const echoed = answersTo(FLOODER).map((c) => QUERIES.findIndex((q) => String(c.params.text).includes(`“${q}”`)));
    expect(echoed).toEqual(QUERIES.map((_, i) => i));
  });

  it('sends the polite note exactly once, before the answers run out', () => {
    const notes = sentTo(FLOODER).filter((c) => c.params.text === FLOOD_NOTE);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.at!).toBeLessThan(answersTo(FLOODER).at(-1)!.at!);
    expect(sentTo(OTHER).some((c) => c.params.text === FLOOD_NOTE)).toBe(false);
  });

  it(`paces the flooding chat at one message per ${PACE_MS} ms`, () => {
    const times = sentTo(FLOODER).map((c) => c.at!);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // The stand-in stamps an answer when it is sent, a little after the request started; allow 10% for that.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PACE_MS * 0.9);
    console.info(`flood: ${times.length} messages to the flooding chat over ${((times.at(-1)! - times[0]!) / 1000).toFixed(1)} s of virtual time; smallest gap ${Math.min(...gaps)} ms`);
  });

  it(`answers the other chat promptly (< ${PROMPT_MS} ms) while the flood is queued`, () => {
    const [answer, ...more] = sentTo(OTHER);
    expect(answer, 'the other chat got no answer').toBeDefined();
    expect(more).toEqual([]);
    expect(String(answer!.params.text)).toContain('疫情防控');
    console.info(`flood: the other chat was answered ${answer!.at! - otherSentAt} ms after it wrote`);
    expect(answer!.at! - otherSentAt).toBeLessThan(PROMPT_MS);
  });
});

describe(`paging: ${PRESSES} presses ${PRESS_EVERY_MS} ms apart`, () => {
  let lastPress = 0;

  beforeAll(async () => {
    api.sendText(PAGER, '示范区');
    await passUntil(() => sentTo(PAGER).length > 0, 10_000);
    const first = sentTo(PAGER)[0]!;
    const next = keyboardOf(first).flat().find((b) => /^s:[\w-]{10}:\d+$/.test(b.callback_data));
    expect(next, 'the first answer has a page button').toBeDefined();
    const prefix = next!.callback_data.replace(/\d+$/, '');
    const messageId = (first.response.result as { message_id: number }).message_id;
    for (let press = 0; press < PRESSES; press++) {
      // Forward and back between pages 2 and 3, so every press asks for a page other than the one shown.
      api.pressButton(PAGER, messageId, `${prefix}${2 + (press % 2)}`);
      lastPress = Date.now();
      await pass(PRESS_EVERY_MS);
    }
    await pass(SETTLE_MS + 2000, 50);
  }, 60_000);

  it(`settles within ${SETTLE_MS} ms of the last press, showing the page last asked for`, () => {
    const edits = sentTo(PAGER, 'editMessageText').filter((c) => c.response.ok);
    expect(edits.length).toBeGreaterThan(0);
    const last = edits.at(-1)!;
    console.info(`paging: ${edits.length} edits for ${PRESSES} presses; settled ${last.at! - lastPress} ms after the last press`);
    expect(last.at! - lastPress).toBeLessThanOrEqual(SETTLE_MS);
    const page = (PRESSES - 1) % 2 === 0 ? 2 : 3;
    expect(keyboardOf(last).flat().some((b) => b.callback_data.endsWith(`:${page - 1}`))).toBe(true);
    expect(api.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(PRESSES);
  });
});

describe('Telegram\'s limits', () => {
  it('were never broken, and no call was refused', () => {
    expect(api.limitBreaks).toEqual([]);
    const failed = api.calls.filter((c) => !c.response.ok).map((c) => `${c.method}: ${c.response.error_code} ${c.response.description}`);
    expect(failed).toEqual([]);
  });
});
