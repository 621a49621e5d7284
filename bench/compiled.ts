/** The compiled program's snapshot start, as a user runs it: `node dist/cli/search.js --stdin` started fresh, timed from spawn to its first answer. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'search.js');

/** Compiles src/ to dist/ (npm run build), so what is timed is this checkout's code. */
export function buildDist(): void {
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build.ts')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface CompiledStart {
  /** Spawn → the first answer's line on stdout, per run, ms. */
  runsMs: number[];
  medianMs: number;
}

/** One fresh process: spawn, one query on stdin, the time until its answer; rejects unless it started from the snapshot. */
function once(args: string[], query: string, heapMb: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, CLI, ...args, '--stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += String(d)));
    child.stdout.once('data', () => {
      const ms = performance.now() - started;
      child.kill();
      if (!stderr.includes('library from snapshot')) reject(new Error(`the compiled search did not start from the snapshot:\n${stderr.slice(-500)}`));
      else resolve(ms);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the compiled search exited (${code}) before it answered:\n${stderr.slice(-500)}`)));
    child.stdin.write(`${query}\n`);
  });
}

/** Moves the bench's snapshot where the search CLI looks for it (beside its database), then times `runs` fresh starts. */
export async function compiledStart(snapshotPath: string, pagesDir: string, query: string, heapMb: number, runs = 3): Promise<CompiledStart> {
  const dbDir = `${snapshotPath}-db`;
  mkdirSync(dbDir, { recursive: true });
  renameSync(snapshotPath, join(dbDir, 'snapshot.json'));
  const args = ['--seeds', pagesDir, '--db', join(dbDir, 'bench.sqlite')];
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) runsMs.push(await once(args, query, heapMb));
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)]! };
}
