// The command-line tools as a user runs them: only JSON on stdout with --json, state kept across ask's messages.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tsx = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });

describe('npm run corpus', () => {
  it('prints only the JSON array of articles with --json', () => {
    const out = tsx('src/cli/corpus.ts', ['--json']);
    expect(out.status).toBe(0);
    const articles = JSON.parse(out.stdout) as Array<{ id: string; source: string }>;
    expect(articles).toHaveLength(50);
    expect(new Set(articles.map((a) => a.source)).size).toBe(5);
  });

  it('prints a readable summary without --json', () => {
    const out = tsx('src/cli/corpus.ts', [], { SEEDS_DIR: 'seeds' });
    expect(out.stdout).toMatch(/^5 pages, 50 articles/);
    expect(out.stdout).toContain('2021-11-04  吕沛到杨楼村调研灾后重建土地复耕工作 (郭树勋)');
  });
});

describe('npm run ask', () => {
  it('keeps the chat\'s state across messages and presses a button by its number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jznews-ask-'));
    try {
      const db = join(dir, 'db.sqlite');
      const first = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--db', db, '--chat', '5', '/subscribe 疫情防控', '/subscriptions', '/who 吕沛', '1'], {
        encoding: 'utf8', env: { PATH: process.env.PATH ?? '' },
      });
      expect(first).toContain('已订阅 「疫情防控」');
      expect(first).toMatch(/我的订阅（1\/20）/);
      expect(first).toContain('[1] 全部 14 篇报道');
      expect(first).toContain('吕沛 的全部报道（14 篇');
      // A second run on the same database: the subscription is still there.
      const again = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--db', db, '--chat', '5', '/subscriptions'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      expect(again).toContain('「疫情防控」');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run search with the bot’s snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jznews-search-'));
  const env = { PATH: process.env.PATH ?? '', SEEDS_DIR: 'seeds', DATABASE_PATH: join(dir, 'db.sqlite') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds and saves the snapshot on the first run and starts from it on the second, with the same answer', () => {
    const first = tsx('src/cli/search.ts', ['--json', '杨楼村 灾后重建'], env);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/library from pages/);
    expect(existsSync(join(dir, 'snapshot.json'))).toBe(true);
    const second = tsx('src/cli/search.ts', ['--json', '杨楼村 灾后重建'], env);
    expect(second.stderr).toMatch(/library from snapshot/);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
  });

  it('answers each line of --stdin with one line of JSON hits, as soon as the line arrives', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/search.ts', '--stdin', '--limit', '3'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const ask = async (q: string): Promise<Array<{ id: string; match: string }>> => {
      child.stdin!.write(`${q}\n`);
      const next = await lines.next();
      return JSON.parse(next.value as string) as Array<{ id: string; match: string }>;
    };
    // Each answer is read before the next query is written: the process answers while its input is still open.
    const first = await ask('疫情防控');
    expect(first).toHaveLength(3);
    expect((await ask('杨楼村'))[0]!.id).toBe('a76b7fac00');
    expect(await ask('')).toEqual([]);
    expect(await ask('没有这个词语啊')).toEqual([]);
    child.stdin!.end();
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(0);
    expect(first.every((h) => h.match === 'full')).toBe(true);
  }, 60_000);
});

describe('npm run build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jznews-build-'));
  const env = { PATH: process.env.PATH ?? '', SEEDS_DIR: 'seeds', DATABASE_PATH: join(dir, 'db.sqlite') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles a program that answers as the TypeScript one does and shares its snapshot', () => {
    const built = tsx('scripts/build.ts', []);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/built dist\/ from src\//);
    const compiled = spawnSync(process.execPath, ['dist/cli/search.js', '--json', '疫情防控 会议'], { encoding: 'utf8', env });
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(compiled.stderr).toMatch(/library from pages/);
    // The snapshot the compiled program saved is keyed by the sources it was built from: tsx running them starts from it.
    const source = tsx('src/cli/search.ts', ['--json', '疫情防控 会议'], env);
    expect(source.stderr).toMatch(/library from snapshot/);
    const hits = JSON.parse(compiled.stdout) as Array<{ id: string }>;
    expect(hits.length).toBeGreaterThan(0);
    expect(JSON.parse(source.stdout)).toEqual(hits);
  }, 120_000);
});
