/** `npm run -s backup -- <dest>`: a consistent copy of DATABASE_PATH, taken while the bot runs; see docs/operations.md. */
import 'dotenv/config';
import { backupDatabase } from '../store/backup.ts';

const [dest, ...extra] = process.argv.slice(2);
if (!dest || extra.length > 0 || dest.startsWith('-')) {
  process.stderr.write('usage: npm run -s backup -- <backup file>   (copies DATABASE_PATH, default ./data/jznews.sqlite)\n');
  process.exit(2);
}
const source = process.env.DATABASE_PATH?.trim() || './data/jznews.sqlite';
try {
  const done = await backupDatabase(source, dest);
  process.stdout.write(`backed up ${done.source} to ${done.dest} (${done.pages} pages, ${done.bytes} bytes, quick_check ok)\n`);
} catch (err) {
  process.stderr.write(`backup failed: ${(err as Error).message}\n`);
  process.exit(1);
}
