// Fuzzing: 2,000 generated updates (tests/support/updates.ts) through the REAL stack — telegraf long polling
// (runTelegram → bot.launch(), not awaited; runTelegram's per-chat serializer; createBot's outbound pipeline, src/bot/api/)
// over HTTP to the local Bot API stand-in, with the real seeds and a real SQLite store in a temp dir.
//
// How answers are told apart ("correlation"):
//   Updates are pushed in batches of 1–30 in which every update happens in a DIFFERENT chat (the generator's
//   `batch`). After pushing a batch we wait until the bot has finished handling every update of it: bot.handleUpdate
//   is wrapped, before runTelegram installs its per-chat serializer, by a transparent observer, so the observer sees
//   each update's real handling (middleware, error handler and every awaited API call) start and end. Then a short
//   grace period catches stray late calls. Every Bot API call the stand-in recorded since the batch was pushed belongs
//   to exactly one update: answers (sendMessage/sendPhoto/sendDocument) and edits by chat_id, answerCallbackQuery by
//   callback_query_id, answerInlineQuery by inline_query_id. An answer to a chat with no update in the batch fails.
//
// What "one answer" means: the answer calls to the update's chat during its batch. One call is one answer. Several
//   calls are still ONE answer only if they are a long text reply split by splitMessage: all sendMessage, together
//   longer than one message may be (> 4096 characters of HTML, else there was nothing to split), only the first
//   carrying reply_parameters and only the last carrying buttons. Anything else (a reply followed by the apology, two
//   replies) counts as more than one answer.
//
// Expectations per kind (from the generator's labels): private text and commands, group mentions, replies to the bot
// and commands addressed to it — `/cmd@test_bot`, or one of its commands / `/article_<id>` without @ — get exactly one
// answer; group chatter (including text that starts with "/" but is no command), commands for other bots, edits,
// channel posts, inline queries, my_chat_member and service messages get none (the bot's own join may get one); media
// get the hint in private chats and when replying to the bot, none otherwise; callback queries get exactly one
// answerCallbackQuery and at most one answer, and a button the bot is showing is never called expired; inline queries
// get exactly one answerInlineQuery.
//
// Pacing is loosened here (flood.test.ts covers it), so run time is the handling of the updates itself.
// FUZZ_SEED and FUZZ_UPDATES override the seed and the count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Context, Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeps, type Deps } from '../../src/transports/wire.ts';

import { outboundOf } from '../../src/bot/api/client.ts';
import { createBot } from '../../src/bot/create.ts';
import { COMMANDS, isKnownCommand } from '../../src/bot/format/help.ts';
import { loadConfig } from '../../src/config.ts';
import { GENERIC_USER_MESSAGE } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { runTelegram } from '../../src/transports/telegram.ts';
import type { TelegramRun } from '../../src/transports/telegram.ts';
import { startFakeBotApi } from '../support/fakeBotApi.ts';
import type { ApiCall, FakeBotApi, Params } from '../support/fakeBotApi.ts';
import { createRng, createUpdateGenerator } from '../support/updates.ts';
import type { BotMessageRef, GeneratedUpdate } from '../support/updates.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
/** 600 updates in the suite; FUZZ_UPDATES=2000 (or more) for a deeper run. */
const TOTAL = Number(process.env.FUZZ_UPDATES ?? 600);
const WARM_UP = 200;
const MAX_BATCH = 30;
/** Growth of heapUsed between the end of the warm-up and the end, both after a forced GC. */
const MAX_HEAP_GROWTH_MB = 30;
const BATCH_TIMEOUT_MS = 20_000;
const GRACE_MS = 25;
/** Handling one update (including waiting for its turn under the pacing) may not take longer: its chat waits meanwhile. */
const SLOW_MS = 3000;
/** Bot messages remembered per chat (for callbacks and replies); older ones are deleted from the stand-in so that its
 *  own storage does not grow and distort the memory measurement. */
const KEEP_PER_CHAT = 3;

type Failure = { category: string; detail: string };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const markupOf = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) as unknown : v);
const buttonsOf = (markup: unknown): string[] => {
  const m = markupOf(markup) as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined;
  return (m?.inline_keyboard ?? []).flat().map((b) => b.callback_data).filter((d): d is string => typeof d === 'string');
};
/** Commands the bot handles that are not in the menu (admin only; others are told so). */
const HIDDEN_COMMANDS = ['reload'];
/** Methods that put an answer into a chat. */
const ANSWERS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendMediaGroup', 'sendAnimation']);
/** What a callback answer says when the bot does not recognise its own button. */
const STALE = /过期/;
const cut = (s: unknown, n = 160): string => {
  const t = String(s ?? '');
  return JSON.stringify(t.length > n ? `${t.slice(0, n)}…` : t);
};

/** Forced full GC: --expose-gc is not on under vitest, so turn it on now and fetch `gc` from a fresh context. */
function forcedGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose_gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
async function settledHeap(gc: (() => void) | undefined): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc?.();
    await sleep(20);
  }
  return process.memoryUsage().heapUsed;
}

/** Is this group of sendMessage calls (same chat, same update) one long reply split into several messages? */
function isOneSplitAnswer(messages: ApiCall[]): boolean {
  if (messages.length <= 1) return true;
  if (messages.some((m) => m.method !== 'sendMessage')) return false;
  const total = messages.reduce((n, m) => n + String(m.params.text ?? '').length, 0);
  const buttonsOnlyLast = messages.slice(0, -1).every((m) => m.params.reply_markup === undefined);
  const replyOnlyFirst = messages.slice(1).every((m) => m.params.reply_parameters === undefined);
  return total > 4096 && buttonsOnlyLast && replyOnlyFirst;
}

interface RunResult {
  updates: number;
  byKind: Record<string, number>;
  ms: number;
  heapAfterWarmUp: number;
  heapAtEnd: number;
  gcForced: boolean;
  failures: Failure[];
  exits: number[];
  thrown: string[];
}

describe(`fuzz: ${TOTAL} generated updates through telegraf polling, the stand-in, the seeds and SQLite (seed ${SEED})`, () => {
  let result: RunResult;
  let api: FakeBotApi;
  let run: TelegramRun | undefined;
  let dir: string;
  const realExit = process.exit;
  const thrown: string[] = [];
  const onThrown = (kind: string) => (err: unknown): void => {
    thrown.push(`${kind}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`.slice(0, 2000));
  };
  const onUncaught = onThrown('uncaughtException');
  const onRejection = onThrown('unhandledRejection');

  beforeAll(async () => {
    const exits: number[] = [];
    process.exit = ((code?: number) => {
      exits.push(code ?? 0);
      return undefined as never;
    }) as typeof process.exit;
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onRejection);

    api = await startFakeBotApi({ longPollCapMs: 500, limits: false });
    dir = mkdtempSync(join(tmpdir(), 'jznews-fuzz-'));
    const config = loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite'), SEEDS_DIR: './seeds',
      // No scheduled digest may fire during the run (it would send to chats outside the batch).
      DIGEST_CRON: '0 0 1 1 *' });
    const failures: Failure[] = [];
    const fail = (category: string, detail: string): void => {
      if (failures.filter((f) => f.category === category).length < 25) failures.push({ category, detail });
      else failures.push({ category, detail: '' }); // counted, not described
    };
    // Keep warn/error lines only (attributed to updates below); everything else is dropped to keep memory flat.
    let logLines: Array<Record<string, unknown>> = [];
    const log = createLogger({ ...config, logLevel: 'info' }, {
      write: (line: string) => {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (Number(parsed.level) >= 40 && logLines.length < 500) logLines.push(parsed);
      },
    });
    const deps: Deps = await openDeps(config, log);
    // Pacing has its own test (flood.test.ts); here Telegram's 30 messages a second would only make the run slow,
    // so the pipeline is loosened and the stand-in's limits are off (this test is about answers, not about pacing).
    const bot: Telegraf<Context> = createBot(deps, { pacing: { perSecond: 1000, privateGapMs: 0, groupGapMs: 0 } });

    // Transparent observer of each update's handling. It must be installed before runTelegram, whose per-chat
    // serializer binds bot.handleUpdate and calls it when the update's turn comes; were the serializer installed
    // earlier, the observer would see updates "handled" at once and answers would show up as strays in later batches.
    const handled = new Set<number>();
    let onHandled: () => void = () => undefined;
    const original = bot.handleUpdate.bind(bot);
    const slowest: Array<{ ms: number; id: number }> = [];
    bot.handleUpdate = async (update: Update, res?: Parameters<typeof original>[1]) => {
      const t0 = performance.now();
      try {
        return await original(update, res);
      } catch (err) {
        fail('handleUpdate threw (failed outside the error handler)', `update ${update.update_id}: ${String(err)}`);
        throw err;
      } finally {
        const ms = performance.now() - t0;
        if (ms > SLOW_MS) slowest.push({ ms, id: update.update_id });
        handled.add(update.update_id);
        onHandled();
      }
    };

    run = await runTelegram(bot, deps, { handleSignals: false, exit: (code) => exits.push(code) });
    await api.waitFor((c) => c.method === 'getUpdates', 10_000);

    // What the bot has shown in each chat: message id → visible text and current buttons (newest last).
    const shown = new Map<number, Map<number, BotMessageRef>>();
    const remember = (chatId: number, ref: BotMessageRef): void => {
      const inChat = shown.get(chatId) ?? new Map<number, BotMessageRef>();
      inChat.delete(ref.message_id);
      inChat.set(ref.message_id, ref);
      shown.set(chatId, inChat);
    };
    const library = deps.library;
    const generator = createUpdateGenerator({
      seed: SEED,
      bot: { id: api.botInfo.id, username: api.botInfo.username },
      vocabulary: {
        articleIds: library.articles().map((a) => a.id),
        people: library.directory().people.map((p) => p.name),
        topics: library.topics().topics.map((t) => t.name),
        commands: COMMANDS.map((c) => c.command),
      },
      botMessages: (chatId) => [...(shown.get(chatId)?.values() ?? [])],
    });
    const sizes = createRng(SEED ^ 0x5eed);
    const me = api.botInfo.username.toLowerCase();

    const expectedAnswers = (g: GeneratedUpdate): 'one' | 'none' | 'at-most-one' => {
      switch (g.kind) {
        case 'private_text':
        case 'private_command':
        case 'group_mention':
        case 'group_reply':
          return 'one';
        case 'group_command': {
          const { name, to } = g.command!;
          if (to !== undefined) return to.toLowerCase() === me ? 'one' : 'none';
          return isKnownCommand(name) || HIDDEN_COMMANDS.includes(name) || /^article_[0-9a-zA-Z]{1,23}$/.test(name) /* a command name is at most 32 characters */ ? 'one' : 'none';
        }
        case 'media':
          return g.chatType === 'private' || g.repliesToBot ? 'one' : 'none';
        case 'service':
          return g.botJoined ? 'at-most-one' : 'none';
        case 'callback_query':
          return 'at-most-one';
        default:
          return 'none';
      }
    };

    const byKind: Record<string, number> = {};
    const warnings = new Map<string, number>();
    let done = 0;
    let heapAfterWarmUp = 0;
    const gc = forcedGc();
    const started = Date.now();
    while (done < TOTAL) {
      const size = Math.min(TOTAL - done, sizes.int(1, MAX_BATCH), done < WARM_UP ? WARM_UP - done : MAX_BATCH);
      const batch = generator.batch(size);
      const ids = new Set(batch.map((g) => g.update.update_id));
      const allHandled = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`updates not handled within ${BATCH_TIMEOUT_MS} ms: ${batch.filter((g) => !handled.has(g.update.update_id)).map((g) => g.describe).join(' | ')}`)), BATCH_TIMEOUT_MS);
        onHandled = () => {
          if ([...ids].every((id) => handled.has(id))) {
            clearTimeout(timer);
            resolve();
          }
        };
      });
      for (const g of batch) {
        byKind[g.kind] = (byKind[g.kind] ?? 0) + 1;
        api.pushUpdate(g.update as unknown as Params);
      }
      await allHandled;
      // Page edits are not awaited by their handlers: the batch is over when the pipeline is idle too.
      await outboundOf(bot.telegram).outbound.idle();
      await sleep(GRACE_MS);
      for (const id of ids) handled.delete(id);

      // ---- what the stand-in saw during this batch ----
      const calls = api.calls.splice(0, api.calls.length);
      const byChat = new Map(batch.filter((g) => g.chatId !== undefined).map((g) => [g.chatId!, g]));
      const sent = new Map<number, ApiCall[]>();
      const cbAnswers = new Map<string, ApiCall[]>();
      const inlineAnswers = new Map<string, number>();
      const edits = new Map<number, ApiCall[]>();
      for (const call of calls) {
        const chatId = call.params.chat_id === undefined ? undefined : Number(call.params.chat_id);
        const about = chatId !== undefined ? byChat.get(chatId)?.describe ?? `chat ${chatId}` : '';
        if (!call.response.ok) {
          fail(`stand-in answered ${call.response.error_code ?? '?'} to ${call.method}`,
            `${call.response.description} — update: ${about}; text ${cut(call.params.text, 120)}`);
        }
        if (ANSWERS.has(call.method) && chatId !== undefined) {
          if (!byChat.has(chatId)) fail('sendMessage to a chat with no update in the batch', `${call.method} to chat ${chatId}: ${cut(call.params.text ?? call.params.caption)}`);
          if (String(call.params.text) === GENERIC_USER_MESSAGE) fail('apology sent (an update failed)', about);
          sent.set(chatId, [...(sent.get(chatId) ?? []), call]);
          const result = call.response.result as { message_id?: number; text?: string } | undefined;
          if (call.response.ok && result?.message_id !== undefined) {
            remember(chatId, { message_id: result.message_id, text: result.text ?? '', buttons: buttonsOf(call.params.reply_markup) });
          }
        } else if (call.method === 'answerCallbackQuery') {
          const id = String(call.params.callback_query_id);
          cbAnswers.set(id, [...(cbAnswers.get(id) ?? []), call]);
        } else if (call.method === 'answerInlineQuery') {
          const id = String(call.params.inline_query_id);
          inlineAnswers.set(id, (inlineAnswers.get(id) ?? 0) + 1);
        } else if ((call.method === 'editMessageText' || call.method === 'editMessageReplyMarkup') && chatId !== undefined) {
          edits.set(chatId, [...(edits.get(chatId) ?? []), call]);
          const result = call.response.result as { message_id?: number; text?: string } | undefined;
          if (call.response.ok && result?.message_id !== undefined) {
            remember(chatId, { message_id: result.message_id, text: result.text ?? '', buttons: buttonsOf(call.params.reply_markup) });
          }
        }
      }

      // ---- expectations per update ----
      for (const g of batch) {
        const messages = g.chatId === undefined ? [] : sent.get(g.chatId) ?? [];
        const expected = expectedAnswers(g);
        const one = messages.length > 0 && isOneSplitAnswer(messages);
        const what = `${g.describe} → ${messages.length} message(s)${messages.length ? `: ${messages.map((m) => (m.method === 'sendMessage' ? cut(m.params.text, 70) : `${m.method} ${cut(m.params.caption, 50)}`)).join(' + ')}` : ''}`;
        if (expected === 'one' && !one) fail(messages.length === 0 ? `no answer (${g.kind})` : `more than one answer (${g.kind})`, what);
        if (expected === 'none' && messages.length > 0) fail(`unexpected answer (${g.kind})`, what);
        if (expected === 'at-most-one' && messages.length > 0 && !one) fail(`more than one answer (${g.kind})`, what);
        if (g.callback) {
          const answers = cbAnswers.get(g.callback.id) ?? [];
          if (answers.length !== 1) fail(`callback query answered ${answers.length} times (want exactly 1)`, `${g.describe}`);
          const alert = answers[0]?.params.text;
          if (g.callback.origin === 'button' && STALE.test(String(alert ?? ''))) {
            fail('a button the bot is showing was called expired', `${g.describe} → answerCallbackQuery text ${cut(alert)}`);
          }
        }
        if (g.kind === 'inline_query') {
          const id = (g.update as Update.InlineQueryUpdate).inline_query.id;
          const n = inlineAnswers.get(id) ?? 0;
          if (n !== 1) fail(`inline query answered ${n} times (want exactly 1)`, g.describe);
        }
      }
      for (const [id] of cbAnswers) {
        if (!batch.some((g) => g.callback?.id === id)) fail('answerCallbackQuery for an unknown query', id);
      }

      // ---- error logs of this batch (warnings are counted for the summary only) ----
      for (const line of logLines) {
        const g = batch.find((b) => b.update.update_id === line.updateId);
        if (Number(line.level) >= 50) fail(`error logged: ${String(line.msg).slice(0, 90)}`, g?.describe ?? JSON.stringify(line).slice(0, 300));
        else warnings.set(String(line.msg).slice(0, 80), (warnings.get(String(line.msg).slice(0, 80)) ?? 0) + 1);
      }
      logLines = [];

      // ---- keep the stand-in's storage bounded: delete all but the newest bot messages of each chat ----
      const deletions: Array<Promise<unknown>> = [];
      for (const [chatId, inChat] of shown) {
        while (inChat.size > KEEP_PER_CHAT) {
          const oldest = inChat.keys().next().value as number;
          inChat.delete(oldest);
          deletions.push(fetch(`${api.apiRoot}/bot${api.token}/deleteMessage`, {
            method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: chatId, message_id: oldest }),
          }).then((r) => r.arrayBuffer()));
        }
      }
      await Promise.all(deletions);
      for (const s of slowest.splice(0)) {
        const g = batch.find((b) => b.update.update_id === s.id);
        fail(`slow update (> ${SLOW_MS} ms)`, `${Math.round(s.ms)} ms: ${g?.describe ?? s.id}`);
      }
      api.calls.splice(0, api.calls.length);

      done += batch.length;
      if (done === WARM_UP) heapAfterWarmUp = await settledHeap(gc);
    }
    const ms = Date.now() - started;
    const heapAtEnd = await settledHeap(gc);
    result = { updates: done, byKind, ms, heapAfterWarmUp, heapAtEnd, gcForced: gc !== undefined, failures, exits, thrown };
    const growth = (heapAtEnd - heapAfterWarmUp) / 2 ** 20;
    const categories = new Map<string, number>();
    for (const f of failures) categories.set(f.category, (categories.get(f.category) ?? 0) + 1);
    console.info(`fuzz seed ${SEED}: ${done} updates in ${(ms / 1000).toFixed(1)} s; heap ${(heapAfterWarmUp / 2 ** 20).toFixed(1)} → ${(heapAtEnd / 2 ** 20).toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB, gc ${gc ? 'forced' : 'NOT available'}); kinds ${JSON.stringify(byKind)}; failures ${JSON.stringify(Object.fromEntries(categories))}; warnings logged ${JSON.stringify(Object.fromEntries(warnings))}`);
  }, 180_000);

  afterAll(async () => {
    await run?.stop('fuzz over');
    await api?.close();
    process.exit = realExit;
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onRejection);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The failures of some categories, one line each, for the assertion message. */
  const report = (match: (category: string) => boolean): string[] => {
    const lines: string[] = [];
    const counts = new Map<string, number>();
    for (const f of result.failures.filter((x) => match(x.category))) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
    for (const [category, n] of counts) {
      lines.push(`${category} ×${n}`);
      for (const f of result.failures.filter((x) => x.category === category && x.detail !== '').slice(0, 5)) lines.push(`    ${f.detail}`);
    }
    return lines;
  };

  it('ran every update; the process never exited and nothing was thrown or rejected unhandled', () => {
    expect(result.updates).toBe(TOTAL);
    expect(result.exits).toEqual([]);
    expect(result.thrown).toEqual([]);
    expect(report((c) => c.startsWith('handleUpdate threw'))).toEqual([]);
  });

  it('answers every message meant for it exactly once, and nothing else', () => {
    expect(report((c) => /answer \(|^sendMessage to a chat/.test(c))).toEqual([]);
  });

  it('answers every callback query exactly once, and the buttons it shows work', () => {
    expect(report((c) => c.startsWith('callback query answered') || c.startsWith('answerCallbackQuery for') || c.startsWith('a button'))).toEqual([]);
  });

  it('answers every inline query exactly once', () => {
    expect(report((c) => c.startsWith('inline query answered'))).toEqual([]);
  });

  it('never gets a 4xx (or any error) from the Bot API', () => {
    expect(report((c) => c.startsWith('stand-in answered'))).toEqual([]);
  });

  it('no update fails: no apology sent, nothing logged at error level', () => {
    expect(report((c) => c.startsWith('apology') || c.startsWith('error logged'))).toEqual([]);
  });

  it(`handles every update within ${SLOW_MS} ms (its chat waits for it)`, () => {
    expect(report((c) => c.startsWith('slow update'))).toEqual([]);
  });

  it(`keeps memory flat: heapUsed grows < ${MAX_HEAP_GROWTH_MB} MB from after the warm-up of ${WARM_UP} updates to the end (after a forced GC)`, () => {
    expect(result.gcForced).toBe(true);
    expect((result.heapAtEnd - result.heapAfterWarmUp) / 2 ** 20).toBeLessThan(MAX_HEAP_GROWTH_MB);
  });
});
