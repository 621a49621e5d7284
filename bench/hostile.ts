/** Hostile page shapes just under the 2 MB page limit, for the parse benchmark and the linear-parsing test. */
import { MAX_PAGE_BYTES } from '../src/corpus/load.ts';

const SENTENCE = '本报讯（记者郭树勋）11月3日上午，示范区召开会议，研究部署有关工作。';

/** Repeats `unit` as often as fits in `bytes` bytes of UTF-8. */
function fill(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(unit))));
}

/** Distinct headlines over bodies without 本报讯, cut mid-sentence by blank lines: every run and seam differs. */
function distinctPairs(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes - 200; i++) {
    const part = `第${i}号工地开展安全检查\n\n检查组对第${i}号工\n\n地开展检查，发现问题${i % 97}处。\n\n`;
    size += Buffer.byteLength(part);
    parts.push(part);
  }
  return parts.join('');
}

/** Named page texts of every shape, each at most `bytes` bytes (default: the page limit less a margin). */
export function hostilePages(bytes = MAX_PAGE_BYTES - 1024): Record<string, string> {
  return {
    'one-character lines (ASCII)': fill('a\n', bytes),
    'one-character lines (Han)': fill('区\n', bytes),
    'one line': fill('示范区召开会议，研究部署有关工作', bytes),
    'one line of sentences': fill('示范区召开会议。', bytes),
    'short lines': fill('示范区召开会议\n', bytes),
    'short lines between blank lines': fill('示范区召开会议\n\n', bytes),
    'news items': fill(`${SENTENCE}\n\n`, bytes),
    'headline and item pairs': fill(`示范区召开安全生产会议\n\n${SENTENCE}\n\n`, bytes),
    'photo credits': fill('河南省科技公司的技术人员在检测样品。\n本报记者 万 千 摄\n', bytes),
    'editor codes and blank lines': fill('会议部署有关工作。①5\n\n', bytes),
    'distinct headlines and cut sentences': distinctPairs(bytes),
  };
}
