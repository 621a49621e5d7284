// Nothing received is lost and nothing is answered twice, through the real entry point: kill -9 and SIGTERM under load.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { FLOOD_NOTE } from '../../src/transports/updates.ts';
import type { FakeBotApi } from '../support/fakeBotApi.ts';
import { startBot } from '../support/harness.ts';
import { sandbox, sentTo, spawnMain, type MainProcess } from '../support/spawnMain.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const FIRST_CHAT = 5000;
/** The full sizes (2,000 and 600 updates, over a minute at Telegram's 30 messages a second) under `npm run test:soak`; a quicker burst otherwise. */
const SOAK = process.env.JZNEWS_SOAK === '1';
const KILL = SOAK ? { chats: 200, perChat: 10, before: 300 } : { chats: 25, perChat: 4, before: 25 };
const TERM = SOAK ? { chats: 60, perChat: 10, before: 100 } : { chats: 30, perChat: 5, before: 25 };
const word = (k: number): string => `测试${String(k + 1).padStart(2, '0')}`;

/** Sends `perChat` /subscribe to each of `chats` chats, interleaved so every getUpdates batch spans many chats. */
function burst(api: FakeBotApi, chats: number, perChat: number): void {
  for (let k = 0; k < perChat; k++) for (let c = 0; c < chats; c++) api.sendText(FIRST_CHAT + c, `/subscribe ${word(k)}`);
}

/** The bot's answers to the burst (the flood note is a notice, not an answer), as "chat:word". */
const answers = (api: FakeBotApi): string[] =>
  api.calls
    .filter((c) => c.method === 'sendMessage' && c.response.ok && Number(c.params.chat_id) >= FIRST_CHAT && c.params.text !== FLOOD_NOTE)
    .map((c) => `${String(c.params.chat_id)}:${/测试\d\d/.exec(String(c.params.text))?.[0] ?? '?'}`);

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for `total` answers and a little more (a repeated answer would arrive then), then stops the bot with SIGTERM. */
async function answerAllThenStop(api: FakeBotApi, proc: MainProcess, total: number): Promise<void> {
  await until(() => answers(api).length >= total, 150_000, `all ${total} answers`);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  proc.child.kill('SIGTERM');
  expect(await proc.exited).toBe(0);
}

/** Every (chat, word) of the burst answered exactly once, and subscribed once in the database. */
function expectExactlyOnce(api: FakeBotApi, dir: string, chats: number, perChat: number): { lost: number; duplicates: number } {
  const counts = new Map<string, number>();
  for (const key of answers(api)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const duplicates = [...counts.values()].filter((n) => n > 1).length;
  const store = openSqliteStore(join(dir, 'db.sqlite'));
  let lost = 0;
  for (let c = 0; c < chats; c++) {
    const values = store.listSubscriptions(FIRST_CHAT + c).map((s) => s.value).sort();
    lost += perChat - values.length;
    expect(values).toEqual(Array.from({ length: perChat }, (_, k) => word(k)));
  }
  expect(store.inbox.pendingCount()).toBe(0);
  store.close();
  expect(counts.size).toBe(chats * perChat);
  expect(duplicates).toBe(0);
  return { lost, duplicates };
}

describe(`kill -9 during a burst of ${KILL.chats * KILL.perChat} /subscribe`, () => {
  it('loses none after the restart and answers each exactly once', async () => {
    const { api, dir, env } = await sandbox(cleanups, 'jznews-kill-');
    const first = spawnMain(env, cleanups);
    await first.logged('long polling started');
    burst(api, KILL.chats, KILL.perChat);
    await until(() => answers(api).length >= KILL.before, 60_000, `${KILL.before} answers before the crash`);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(-1);
    const beforeCrash = answers(api).length;

    const second = spawnMain(env, cleanups);
    await second.logged('replaying updates', 60_000);
    await answerAllThenStop(api, second, KILL.chats * KILL.perChat);
    const replayed = /"updates":(\d+)[^\n]*replaying/.exec(second.stderr())?.[1];
    const figures = expectExactlyOnce(api, dir, KILL.chats, KILL.perChat);
    console.log(`kill -9: ${beforeCrash} answered before the crash, ${replayed} replayed from the inbox; lost ${figures.lost}, duplicates ${figures.duplicates}`);
  }, 300_000);
});

describe('SIGTERM under load', () => {
  it('exits 0 within 5 s, says how many updates it left, and the next start answers them all once', async () => {
    const { api, dir, env } = await sandbox(cleanups, 'jznews-term-');
    const first = spawnMain(env, cleanups);
    await first.logged('long polling started');
    burst(api, TERM.chats, TERM.perChat);
    await until(() => answers(api).length >= TERM.before, 60_000, `${TERM.before} answers before the stop`);
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const stopMs = Date.now() - signalled;
    expect(stopMs).toBeLessThan(5000);
    const [, handled, left] = /"finished":(\d+),"left":(\d+),"msg":"stopped"/.exec(first.stderr()) ?? [];
    expect(Number(left)).toBeGreaterThan(0);

    const second = spawnMain(env, cleanups);
    await second.logged('long polling started');
    await answerAllThenStop(api, second, TERM.chats * TERM.perChat);
    const figures = expectExactlyOnce(api, dir, TERM.chats, TERM.perChat);
    console.log(`SIGTERM: stopped in ${stopMs} ms with ${handled} handled and ${left} left for the next start; lost ${figures.lost}, duplicates ${figures.duplicates}`);
  }, 200_000);
});

describe('updates left in the inbox by the last run', () => {
  it('are replayed at start, except one that never finished in three starts, which is dropped with an error', async () => {
    const { dir } = await sandbox(cleanups, 'jznews-replay-');
    const file = join(dir, 'db.sqlite');
    const store = openSqliteStore(file);
    const start = (id: number, chatId: number) => JSON.stringify({ update_id: id, message: { message_id: id, date: 1, chat: { id: chatId, type: 'private', first_name: 'T' }, from: { id: chatId, is_bot: false, first_name: 'T' }, text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] } });
    store.inbox.receive(900, '61', start(900, 61), 1);
    for (let i = 0; i < 3; i++) store.inbox.countReplay();
    store.inbox.receive(901, '62', start(901, 62), 1);
    store.close();
    const lines: string[] = [];
    const bot = await startBot({ DATABASE_PATH: file }, { level: 'warn', write: (line) => lines.push(line) });
    cleanups.push(() => bot.stop());
    await bot.api.waitFor(sentTo(62), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.api.calls.filter(sentTo(61))).toEqual([]);
    expect(bot.deps.store.inbox.pendingCount()).toBe(0);
    expect(lines.filter((l) => l.includes('"updateId":900') && l.includes('dropped'))).toHaveLength(1);
  }, 60_000);
});

