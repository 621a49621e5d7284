// Runs the real entry point (src/main.ts with tsx) as a child process, against the Bot API stand-in.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeBotApi, type ApiCall, type FakeBotApi } from './fakeBotApi.ts';

export interface MainProcess {
  child: ChildProcessWithoutNullStreams;
  /** The exit code, or -1 when a signal ended it. */
  exited: Promise<number>;
  stderr(): string;
  /** Resolves once a log line contains `text` (e.g. 'long polling started'). */
  logged(text: string, timeoutMs?: number): Promise<void>;
}

/** Starts `src/main.ts` with only PATH and `env`; `cleanups` receives a SIGKILL for when the test ends. */
export function spawnMain(env: Record<string, string>, cleanups: Array<() => unknown>): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr += String(d)));
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : 0))));
  cleanups.push(() => void child.kill('SIGKILL'));
  const logged = (text: string, timeoutMs = 60_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (!stderr.includes(text)) return;
        clearTimeout(timer);
        child.stderr.off('data', check);
        resolve();
      };
      const timer = setTimeout(() => reject(new Error(`no log line with "${text}" within ${timeoutMs} ms:\n${stderr.slice(-2000)}`)), timeoutMs);
      child.stderr.on('data', check);
      check();
    });
  return { child, exited, stderr: () => stderr, logged };
}

/** A stand-in API and a temp folder, both removed by `cleanups`; `env` points the bot at them. */
export async function sandbox(cleanups: Array<() => unknown>, prefix = 'jznews-'): Promise<{ api: FakeBotApi; dir: string; env: Record<string, string> }> {
  const api = await startFakeBotApi();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { api, dir, env: { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'db.sqlite') } };
}

/** Matches a successful sendMessage to a chat. */
export const sentTo = (chatId: number) => (c: ApiCall): boolean => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId && c.response.ok;

/** Starts the bot, sends one message, returns the answer's text (the first that `matches`), and stops it with SIGTERM (exit 0 expected). */
export async function askMain(api: FakeBotApi, env: Record<string, string>, cleanups: Array<() => unknown>, chatId: number, text: string, matches = (_: string) => true): Promise<{ answer: string; exitCode: number }> {
  const proc = spawnMain(env, cleanups);
  await proc.logged('long polling started');
  api.sendText(chatId, text);
  const reply = await api.waitFor((c) => sentTo(chatId)(c) && matches(String(c.params.text)), 10_000);
  proc.child.kill('SIGTERM');
  return { answer: String(reply.params.text), exitCode: await proc.exited };
}
