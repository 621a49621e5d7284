import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFiles, readRanges } from '../../src/app/read-beside.ts';

const dir = mkdtempSync(join(tmpdir(), 'jznews-beside-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha1 = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

describe('reading beside the main thread', () => {
  it('hashes each file as createHash does, in the order asked, and leaves unread a file over the cap', async () => {
    const paths = ['a.txt', 'b.txt', 'big.txt'].map((f) => join(dir, f));
    writeFileSync(paths[0]!, '本报讯 一');
    writeFileSync(paths[1]!, '');
    writeFileSync(paths[2]!, 'x'.repeat(100));
    const got = await hashFiles(paths, 50);
    expect(got.map((h) => h.sha1)).toEqual([sha1(readFileSync(paths[0]!)), sha1(new Uint8Array()), null]);
    expect(got.map((h) => h.size)).toEqual([Buffer.byteLength('本报讯 一'), 0, 100]);
    expect(got.every((h) => h.mtimeMs > 0)).toBe(true);
  });

  it('rejects with the file system’s message when a file is missing', async () => {
    await expect(hashFiles([join(dir, 'nope.txt')], 50)).rejects.toThrow(/ENOENT/);
  });

  it('reads ranges into buffers of their own with their hashes, and a range past the end comes back short', async () => {
    const path = join(dir, 'ranges.bin');
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    writeFileSync(path, bytes);
    const got = await readRanges(path, [{ from: 0, bytes: 8 }, { from: 8, bytes: 992 }, { from: 996, bytes: 10 }]);
    expect(got.map((r) => [...r.bytes])).toEqual([[...bytes.subarray(0, 8)], [...bytes.subarray(8)], [...bytes.subarray(996)]]);
    expect(got.map((r) => r.sha1)).toEqual([sha1(bytes.subarray(0, 8)), sha1(bytes.subarray(8)), sha1(bytes.subarray(996))]);
    // Each starts at byte 0 of its memory, so 32-bit numbers can be read in place.
    expect(got.map((r) => r.bytes.byteOffset)).toEqual([0, 0, 0]);
  });
});
