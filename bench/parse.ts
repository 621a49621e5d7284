/** `npx tsx bench/parse.ts`: parses each hostile 2 MB page shape once and prints its time, then the worst. */
import { parsePage } from '../src/corpus/parse.ts';
import { hostilePages } from './hostile.ts';

let worst = { name: '', ms: 0 };
for (const [name, text] of Object.entries(hostilePages())) {
  const started = performance.now();
  const articles = parsePage({ source: 'hostile.txt', text, published: '2021-11-09' });
  const ms = performance.now() - started;
  process.stdout.write(`${name.padEnd(32)} ${(Buffer.byteLength(text) / 1048576).toFixed(2)} MB  ${ms.toFixed(0).padStart(6)} ms  ${articles.length} articles\n`);
  if (ms > worst.ms) worst = { name, ms };
}
process.stdout.write(`worst page: ${worst.name}, ${worst.ms.toFixed(0)} ms\n`);
