/** `npm run build`: compiles src/ to dist/ (tsc, relative .ts imports rewritten to .js), copies the data files tsc does not, and writes the sources' fingerprint so the compiled bot shares snapshots with tsx runs of the same sources. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_FINGERPRINT_FILE, codeFingerprint } from '../src/app/fingerprint.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');
const started = performance.now();

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
let copied = 0;
for (const f of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
  if (f.endsWith('.ts') || !/\.[a-z0-9]+$/i.test(f)) continue;
  mkdirSync(dirname(join(dist, f)), { recursive: true });
  copyFileSync(join(src, f), join(dist, f));
  copied++;
}
writeFileSync(join(dist, CODE_FINGERPRINT_FILE), `${codeFingerprint()}\n`);
process.stderr.write(`built dist/ from src/ in ${((performance.now() - started) / 1000).toFixed(1)} s (${copied} data files copied); run it with: node dist/main.js\n`);
