/**
 * Load on the outbound pipeline: `npm run bench:load -- [--updates 5000] [--chats 500] [--rate 25] [--latency 100] [--storm 1000]`.
 * Mixed updates from many chats through long polling against the stand-in with Telegram's limits on, while 300 digests go
 * out; then shorter runs under 429 storms (retry_after 3 and 15) and 502s. Prints a table on stderr and JSON on stdout.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ingestFile } from '../src/app/ingest.ts';
import { outboundOf } from '../src/bot/api/client.ts';
import { createBot } from '../src/bot/create.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { runTelegram } from '../src/transports/telegram.ts';
import { FLOOD_NOTE } from '../src/transports/updates.ts';
import { openDeps } from '../src/transports/wire.ts';
import { startFakeBotApi, type ApiCall, type Storm } from '../tests/support/fakeBotApi.ts';

const { values } = parseArgs({ options: {
  updates: { type: 'string', default: '5000' }, chats: { type: 'string', default: '500' }, rate: { type: 'string', default: '25' },
  latency: { type: 'string', default: '100' }, digests: { type: 'string', default: '300' }, storm: { type: 'string', default: '1000' },
} });
const UPDATES = Number(values.updates);
const CHATS = Number(values.chats);
const RATE = Number(values.rate);
const DIGESTS = Number(values.digests);
const STORM_UPDATES = Number(values.storm);
const NEW_PAGE = '004_4e959cd2f7aaf6b5.txt';
/** How a digest message begins (src/bot/format/digest.ts). */
const DIGEST_HEAD = '🗞';
const WORDS = ['疫情防控', '杨楼村', '冷链', '项目建设', '安全生产', '诗词大会', '营商环境', '科技创新', '吕沛', '党代会'];
const COMMANDS = ['/help', '/topics', '/who 吕沛', '/meetings', '/people'];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (xs: number[], p: number): number => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!);
let seed = 7;
const rand = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const dir = mkdtempSync(join(tmpdir(), 'jznews-load-'));
const seeds = join(dir, 'seeds');
mkdirSync(seeds);
for (const f of readdirSync('seeds')) if (f !== NEW_PAGE) copyFileSync(join('seeds', f), join(seeds, f));
const api = await startFakeBotApi({ latencyMs: Number(values.latency), longPollCapMs: 1000 });
const config = loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite'), SEEDS_DIR: seeds, DIGEST_CRON: '0 0 1 1 *' });
const deps = await openDeps(config, createLogger({ ...config, logLevel: 'silent' }));
const bot = createBot(deps);
const run = await runTelegram(bot, deps, { handleSignals: false, exit: () => undefined });
await api.waitFor((c) => c.method === 'getUpdates', 10_000);

// 300 chats (among those that write, so their lanes are shared) subscribe; a new page then gives each a digest.
for (let chat = 1; chat <= DIGESTS; chat++) deps.store.addSubscription(chat, 'topic', '文化教育', Date.now() - 1000, 20);
copyFileSync(join('seeds', NEW_PAGE), join(seeds, NEW_PAGE));
ingestFile({ ...deps, seedsDir: seeds }, NEW_PAGE);

interface Sent { kind: 'message' | 'press' | 'inline'; chat: number; at: number; id: string }

/** Pushes `count` mixed updates at RATE a second; returns what was pushed. Chats above 450 are groups. */
async function push(count: number, during?: { at: number; run: () => void }): Promise<Sent[]> {
  const sent: Sent[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    if (during && i === during.at) during.run();
    const n = 1 + Math.floor(rand() * CHATS);
    const chat = n > CHATS * 0.9 ? -n : n;
    const roll = rand();
    const at = Date.now();
    if (roll < 0.15) {
      const u = api.pressButton(chat, 1, 's:0000000000:2');
      sent.push({ kind: 'press', chat, at, id: u.callback_query.id });
    } else if (roll < 0.2) {
      const id = `iq-${i}-${at}`;
      api.pushUpdate({ inline_query: { id, from: { id: Math.abs(chat), is_bot: false, first_name: 'T' }, query: pick(WORDS), offset: '' } });
      sent.push({ kind: 'inline', chat, at, id });
    } else {
      const text = roll < 0.4 ? pick(COMMANDS) : pick(WORDS);
      api.sendText(chat, chat < 0 && text.startsWith('/') ? text.replace(/^(\/\w+)/, `$1@${api.botInfo.username}`) : chat < 0 ? `@${api.botInfo.username} ${text}` : text);
      sent.push({ kind: 'message', chat, at, id: '' });
    }
    const due = started + ((i + 1) * 1000) / RATE;
    if (due > performance.now()) await sleep(due - performance.now());
  }
  return sent;
}

/** Answers per update and each update's latency: messages by order in their chat, presses and inline queries by id. */
function measure(sent: Sent[], calls: ApiCall[]): { answers: Map<number, number>; latency: Record<Sent['kind'], number[]>; at: number[] } {
  const ok = calls.filter((c) => c.response.ok);
  const byChat = new Map<number, ApiCall[]>();
  for (const c of ok) {
    if (c.method !== 'sendMessage' || c.params.text === FLOOD_NOTE || String(c.params.text).startsWith(DIGEST_HEAD)) continue;
    const chat = Number(c.params.chat_id);
    byChat.set(chat, [...(byChat.get(chat) ?? []), c]);
  }
  const answered = new Map<string, number[]>();
  for (const c of ok) {
    const id = String(c.params.callback_query_id ?? c.params.inline_query_id ?? '');
    if (id) answered.set(id, [...(answered.get(id) ?? []), c.at!]);
  }
  const answers = new Map<number, number>();
  const latency: Record<Sent['kind'], number[]> = { message: [], press: [], inline: [] };
  const at: number[] = [];
  const taken = new Map<number, number>();
  for (const s of sent) {
    let times: number[];
    if (s.kind === 'message') {
      const k = taken.get(s.chat) ?? 0;
      taken.set(s.chat, k + 1);
      const call = byChat.get(s.chat)?.[k];
      times = call ? [call.at!] : [];
    } else times = answered.get(s.id) ?? [];
    answers.set(times.length, (answers.get(times.length) ?? 0) + 1);
    if (times[0] !== undefined) {
      latency[s.kind].push(times[0] - s.at);
      at.push(s.at);
    }
  }
  // Messages: more answers in a chat than messages to it means some update got two.
  for (const [chat, list] of byChat) if (list.length > (taken.get(chat) ?? 0)) answers.set(2, (answers.get(2) ?? 0) + list.length - (taken.get(chat) ?? 0));
  return { answers, latency, at };
}

const results: Record<string, unknown>[] = [];
async function scenario(name: string, count: number, storm?: Storm, withDigests = false): Promise<void> {
  const first = api.calls.length;
  const breaks = api.limitBreaks.length;
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  // How late the event loop ran (this process shares the machine): large values mean the bot itself was starved of CPU.
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  const t0 = Date.now();
  let digestStart = 0;
  let digestRun: Promise<unknown> = Promise.resolve();
  if (storm) api.storm(storm);
  const sent = await push(count, withDigests ? { at: Math.floor(count / 4), run: () => { digestStart = Date.now(); digestRun = deps.digests.runAll(); } } : undefined);
  const pushedAt = Date.now();
  if (storm) api.storm(undefined);
  await digestRun;
  // Drained: every update handled and every queued call sent.
  while (api.calls.slice(first).filter((c) => c.response.ok && ['sendMessage', 'answerCallbackQuery', 'answerInlineQuery'].includes(c.method)).length < sent.length) {
    if (Date.now() - pushedAt > 600_000) break;
    await sleep(200);
  }
  await outboundOf(bot.telegram).outbound.idle();
  const drainedAt = Date.now();
  global.gc?.();
  const calls = api.calls.slice(first);
  const { answers, latency, at } = measure(sent, calls);
  const own = [...latency.message, ...latency.press, ...latency.inline];
  const digestCalls = withDigests ? calls.filter((c) => c.response.ok && c.method === 'sendMessage' && String(c.params.text).startsWith(DIGEST_HEAD)) : [];
  const digestEnd = Math.max(0, ...digestCalls.map((c) => c.at!));
  const ownDuringDigests = own.filter((_, i) => at[i]! >= digestStart && at[i]! <= digestEnd);
  const row = {
    scenario: name,
    updates: count,
    'answers per update (count of updates)': Object.fromEntries([...answers].sort()),
    'own p50/p99 ms': `${pct(own, 50)} / ${pct(own, 99)}`,
    'messages p50/p99 ms': `${pct(latency.message, 50)} / ${pct(latency.message, 99)}`,
    'presses p50/p99 ms': `${pct(latency.press, 50)} / ${pct(latency.press, 99)}`,
    'inline p50/p99 ms': `${pct(latency.inline, 50)} / ${pct(latency.inline, 99)}`,
    ...(withDigests ? {
      digests: digestCalls.length,
      'digest latency p50/p99 ms': `${pct(digestCalls.map((c) => c.at! - digestStart), 50)} / ${pct(digestCalls.map((c) => c.at! - digestStart), 99)}`,
      'own p99 ms while digests go out': pct(ownDuringDigests, 99),
    } : {}),
    '429s from broken limits': api.limitBreaks.length - breaks,
    '429/5xx answered (storms)': calls.filter((c) => (c.response.error_code ?? 0) >= 429).length,
    '400s': calls.filter((c) => c.response.error_code === 400).length,
    'drain after last update s': ((drainedAt - pushedAt) / 1000).toFixed(1),
    'run s': ((drainedAt - t0) / 1000).toFixed(1),
    'rss growth MB': ((process.memoryUsage().rss - rss0) / 2 ** 20).toFixed(1),
    'event loop delay p50/p99 ms': `${(lag.percentile(50) / 1e6).toFixed(0)} / ${(lag.percentile(99) / 1e6).toFixed(0)}`,
    'load average': loadavg().map((x) => x.toFixed(1)).join(' '),
  };
  lag.disable();
  results.push(row);
  process.stderr.write(`${JSON.stringify(row)}\n`);
}

await scenario(`${UPDATES} updates from ${CHATS} chats at ${RATE}/s, ${DIGESTS} digests`, UPDATES, undefined, true);
if (STORM_UPDATES > 0) {
  await scenario('429 retry_after 3 on every 10th message', STORM_UPDATES, { every: 10, error: { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } } });
  await scenario('429 retry_after 15 on every 10th message', STORM_UPDATES, { every: 10, error: { error_code: 429, description: 'Too Many Requests: retry after 15', parameters: { retry_after: 15 } } });
  await scenario('502 on every 5th message', STORM_UPDATES, { every: 5, error: { error_code: 502, description: 'Bad Gateway' } });
}
process.stdout.write(`${JSON.stringify({ latencyMs: Number(values.latency), results }, null, 2)}\n`);
await run.stop('bench over');
await api.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
