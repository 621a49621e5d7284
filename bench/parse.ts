/**
 * `npx tsx bench/parse.ts`: parses each hostile page shape (up to the 2 MB limit) once and prints its wall-clock and
 * CPU time, then the worst page. CPU time is what the parser costs; wall time also counts other processes on a busy machine.
 */
import { loadavg } from 'node:os';
import { parsePage } from '../src/corpus/parse.ts';
import { hostilePages } from './hostile.ts';

let worst = { name: '', wall: 0, cpu: 0 };
process.stdout.write(`load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
for (const [name, text] of Object.entries(hostilePages())) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const articles = parsePage({ source: 'hostile.txt', text, published: '2021-11-09' });
  const cpuUsed = process.cpuUsage(cpuBefore);
  const wall = performance.now() - started;
  const cpu = (cpuUsed.user + cpuUsed.system) / 1000;
  const mb = (Buffer.byteLength(text) / 1048576).toFixed(2);
  process.stdout.write(`${name.padEnd(38)} ${mb} MB  wall ${wall.toFixed(0).padStart(5)} ms  cpu ${cpu.toFixed(0).padStart(5)} ms  ${articles.length} articles\n`);
  if (cpu > worst.cpu) worst = { name, wall, cpu };
}
process.stdout.write(`worst page: ${worst.name}, cpu ${worst.cpu.toFixed(0)} ms, wall ${worst.wall.toFixed(0)} ms\n`);
