/** Hostile page shapes just under the 2 MB page limit, for the parse benchmark and the linear-parsing test. */
import { MAX_PAGE_BYTES } from '../src/corpus/load.ts';

const SENTENCE = '本报讯（记者郭树勋）11月3日上午，示范区召开会议，研究部署有关工作。';

/** Repeats `unit` as often as fits in `bytes` bytes of UTF-8. */
function fill(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(unit))));
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
  };
}
