/**
 * `npm run bench [-- --quick]`: the realistic archive and the dense worst case at 1k, 10k and 100k articles (--quick:
 * 1k of each, for CI), each size built in a fresh child process and started again from its snapshot in
 * another. Writes bench/results/latest.md and latest.json (quick.md and quick.json with --quick) and prints the
 * tables; progress goes to stderr.
 *
 * Options: --quick, --sizes=1000,10000 (both archives), --archives=realistic,dense, --seed=1, --rounds=N (repeats),
 * --heap-mb=N (the measured processes' heap cap; by default 3 GB up to 10k articles, 12 GB above),
 * --per-group=N (queries a group), --node-options="…" (V8/node flags for the measured processes),
 * --combine=a.json,b.json (no measuring: one table from earlier runs' results, a later run's size replacing an earlier one).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ArchiveKind } from './archives.ts';
import { coldChild, sizeChild, writeResult, type ColdResult, type SizeResult } from './measure.ts';
import { markdown, type Row, type RunInfo } from './report.ts';
import { buildDist, compiledStart } from './compiled.ts';

const SELF = fileURLToPath(import.meta.url);
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
/** The heap cap of the measured processes up to 10k: what a 2 GB-target machine would allow the bot. Larger archives get `BIG_HEAP_MB` (the 100k build does not fit in 3 GB yet: see the README), unless --heap-mb says otherwise. */
const HEAP_MB = 3_072;
const BIG_HEAP_MB = 12_288;
const heapFor = (n: number, asked?: string): number => (asked ? Number(asked) : n <= 10_000 ? HEAP_MB : BIG_HEAP_MB);

const progress = (msg: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** Runs this file again in a fresh node process with the same loader (tsx) and --expose-gc, and reads the JSON it writes. */
function child<T>(args: string[], nodeOptions: string[], heapMb: number): Promise<T> {
  const out = join(tmpdir(), `jznews-bench-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const execArgv = [...process.execArgv, `--max-old-space-size=${heapMb}`, '--expose-gc', ...nodeOptions];
  return new Promise((done, reject) => {
    const p = spawn(process.execPath, [...execArgv, SELF, ...args, `--out=${out}`], { stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      try {
        if (code !== 0) throw new Error(`bench child ${args.join(' ')} failed (${signal ?? `exit ${code}`})`);
        done(JSON.parse(readFileSync(out, 'utf8')) as T);
      } catch (err) {
        reject(err);
      } finally {
        rmSync(out, { force: true });
      }
    });
  });
}

function machine(): Record<string, string | number> {
  const cpu = cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    // not a git checkout
  }
  return { cpu: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length, memoryGb: Math.round(totalmem() / 1024 ** 3), freeMemoryGb: Math.round(freemem() / 1024 ** 3), node: process.version, os: `${process.platform} ${release()}`, loadAverage: loadavg().map((l) => l.toFixed(2)).join(' '), commit };
}

type Saved = RunInfo & { seconds: number; results: Record<ArchiveKind, Row[]> };

/** Writes latest.md and latest.json from earlier runs' results (a size measured again replaces the earlier one): a shared machine rarely has the time for every size in one run. */
function combine(files: string[]): void {
  const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Saved);
  const results: Record<ArchiveKind, Row[]> = { realistic: [], dense: [] };
  for (const run of runs) {
    for (const kind of ['realistic', 'dense'] as const) {
      for (const row of run.results[kind] ?? []) results[kind] = [...results[kind].filter((r) => r.n !== row.n), row];
    }
  }
  for (const kind of ['realistic', 'dense'] as const) results[kind].sort((a, b) => a.n - b.n);
  const joined = (of: (r: Saved) => string | number): string => [...new Set(runs.map((r) => String(of(r))))].join(' + ');
  const last = runs.at(-1)!;
  const run: Saved = { ...last, date: joined((r) => r.date), seconds: runs.reduce((s, r) => s + r.seconds, 0), rounds: Math.min(...runs.map((r) => r.rounds)), perGroup: Math.min(...runs.map((r) => r.perGroup)),
    machine: { ...last.machine, loadAverage: joined((r) => r.machine.loadAverage!), commit: joined((r) => r.machine.commit!) }, results };
  writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(join(RESULTS, 'latest.md'), markdown(run, results));
  progress(`combined ${files.length} runs into bench/results/latest.md and latest.json`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      archives: { type: 'string' },
      seed: { type: 'string', default: '1' },
      rounds: { type: 'string' },
      'per-group': { type: 'string' },
      'node-options': { type: 'string', default: '' },
      'heap-mb': { type: 'string' },
      combine: { type: 'string' },
      child: { type: 'string' },
      kind: { type: 'string' },
      size: { type: 'string' },
      snapshot: { type: 'string' },
      pages: { type: 'string' },
      key: { type: 'string' },
      queries: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick ?? false;
  const seed = Number(values.seed);
  const rounds = Number(values.rounds ?? 3);
  const perGroup = Number(values['per-group'] ?? (quick ? 6 : 12));

  if (values.child === 'size') {
    const result = await sizeChild({ kind: values.kind as ArchiveKind, n: Number(values.size), seed, rounds, perGroup, snapshotPath: values.snapshot!, pagesDir: values.pages! });
    return writeResult(values.out!, result);
  }
  if (values.child === 'cold') return writeResult(values.out!, await coldChild(values.snapshot!, values.key!, values.queries!, rounds, values.pages));

  if (values.combine) return combine(values.combine.split(','));

  const nodeOptions = (values['node-options'] ?? '').split(/\s+/).filter(Boolean);
  const kinds = (values.archives ?? 'realistic,dense').split(',') as ArchiveKind[];
  const sizesOf = (kind: ArchiveKind): number[] => {
    if (values.sizes) return values.sizes.split(',').map(Number);
    if (quick) return [1_000];
    return [1_000, 10_000, 100_000];
  };
  const started = performance.now();
  progress('compiling src/ to dist/ (npm run build), whose search CLI is timed');
  buildDist();
  const info = machine();
  progress(`${quick ? 'quick' : 'full'} run; ${info.cpu}, ${info.cores} cores, load ${info.loadAverage}`);
  const results: Record<ArchiveKind, Row[]> = { realistic: [], dense: [] };
  for (const kind of kinds) {
    for (const n of sizesOf(kind)) {
      const base = join(tmpdir(), `jznews-bench-${kind}-${n}-${process.pid}`);
      const [snapshotPath, pagesDir, queriesFile] = [`${base}.snapshot`, `${base}-pages`, `${base}-queries.json`];
      const common = [`--seed=${seed}`, `--rounds=${rounds}`, `--per-group=${perGroup}`];
      try {
        const heapMb = heapFor(n, values['heap-mb']);
        const size = await child<SizeResult>(['--child=size', `--kind=${kind}`, `--size=${n}`, `--snapshot=${snapshotPath}`, `--pages=${pagesDir}`, ...common], nodeOptions, heapMb);
        writeFileSync(queriesFile, JSON.stringify(size.queries));
        progress(`${kind} ${n}: start from the snapshot in a fresh process`);
        const pages = kind === 'realistic' ? [`--pages=${pagesDir}`] : [];
        const cold = await child<ColdResult>(['--child=cold', `--snapshot=${snapshotPath}`, `--key=${size.key}`, `--queries=${queriesFile}`, ...pages, ...common], nodeOptions, heapMb);
        // The dense archive has no page files, so no program can key its snapshot from them.
        progress(`${kind} ${n}: the compiled search started from the snapshot, three times`);
        const compiled = kind === 'realistic' ? await compiledStart(snapshotPath, pagesDir, size.queries.head[0] ?? size.queries.torso[0]!, heapMb) : undefined;
        results[kind].push({ n, size, cold, compiled, heapMb });
        progress(`${kind} ${n}: done`);
      } finally {
        for (const p of [snapshotPath, `${snapshotPath}-db`, pagesDir, queriesFile]) rmSync(p, { recursive: true, force: true });
      }
    }
  }
  const run = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', seed, rounds, perGroup, machine: info, seconds: Math.round((performance.now() - started) / 1000) };
  const md = markdown(run, results);
  mkdirSync(RESULTS, { recursive: true });
  const name = quick ? 'quick' : 'latest';
  writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify({ ...run, results }, null, 2)}\n`);
  writeFileSync(join(RESULTS, `${name}.md`), md);
  process.stdout.write(md);
  progress(`finished in ${run.seconds} s; wrote bench/results/${name}.md and ${name}.json`);
}

if (process.argv[1] !== undefined && SELF === resolve(process.argv[1])) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
