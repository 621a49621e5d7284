import { describe, expect, it } from 'vitest';
import { escapeHtml, splitMessage, validateTelegramHtml } from '../../src/bot/html.ts';

const PARSE = "Bad Request: can't parse entities: ";

/** Asserts every chunk is valid Telegram HTML within the limit (visible and raw). */
function expectValidChunks(chunks: string[], limit = 4096): void {
  for (const chunk of chunks) {
    const result = validateTelegramHtml(chunk);
    expect(result, chunk.slice(0, 80)).toMatchObject({ ok: true });
    if (result.ok) expect(result.textLength).toBeLessThanOrEqual(limit);
    expect(chunk.length).toBeLessThanOrEqual(limit);
    expect(chunk.trim()).not.toBe('');
  }
}

describe('escapeHtml', () => {
  it('escapes ampersands before angle brackets', () => {
    expect(escapeHtml('<a & b>')).toBe('&lt;a &amp; b&gt;');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('escapes double quotes so the result can sit inside an attribute', () => {
    expect(escapeHtml('say "hi"')).toBe('say &quot;hi&quot;');
  });

  it('leaves other text, including Chinese and apostrophes, untouched', () => {
    expect(escapeHtml("示范区（高新区） it's")).toBe("示范区（高新区） it's");
  });

  it('produces text that validates back to the original', () => {
    const raw = 'if (a < b && c > d) { return "x"; }';
    expect(validateTelegramHtml(escapeHtml(raw))).toEqual({ ok: true, textLength: raw.length, text: raw });
  });
});

describe('validateTelegramHtml', () => {
  it('accepts nested markup and reports the visible text length in UTF-16 units', () => {
    const html = '<b>粗体 <i>斜体 <u>下划线</u></i></b> <a href="https://example.com/?a=1&amp;b=2">链接</a> <code>x &lt; y</code> 👍';
    expect(validateTelegramHtml(html)).toEqual({ ok: true, textLength: 21, text: '粗体 斜体 下划线 链接 x < y 👍' });
  });

  it('accepts every tag Telegram supports, including attributes', () => {
    const html = '<strong>1</strong><em>2</em><ins>3</ins><s>4</s><strike>5</strike><del>6</del>'
      + '<span class="tg-spoiler">7</span><tg-spoiler>8</tg-spoiler><pre><code class="language-ts">9</code></pre>'
      + '<blockquote expandable>10</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><B>11</B>';
    expect(validateTelegramHtml(html)).toEqual({ ok: true, textLength: 15, text: '12345678910👍11' });
  });

  it('decodes the four named entities and numeric references', () => {
    expect(validateTelegramHtml('&lt;&gt;&amp;&quot;&#65;&#x1F600;')).toEqual({ ok: true, textLength: 7, text: '<>&"A😀' });
  });

  it('rejects a <script> tag with the byte offset of its start', () => {
    expect(validateTelegramHtml('hello <script>alert(1)</script>'))
      .toEqual({ ok: false, error: `${PARSE}Unsupported start tag "script" at byte offset 6` });
  });

  it('counts the byte offset in UTF-8 bytes, like Telegram', () => {
    expect(validateTelegramHtml('焦作 <p>'))
      .toEqual({ ok: false, error: `${PARSE}Unsupported start tag "p" at byte offset 7` });
  });

  it('rejects </i> without an opening tag', () => {
    expect(validateTelegramHtml('plain</i>')).toEqual({ ok: false, error: `${PARSE}Unexpected end tag at byte offset 5` });
  });

  it('rejects &nbsp; because only &lt; &gt; &amp; &quot; are named entities', () => {
    expect(validateTelegramHtml('a&nbsp;b'))
      .toEqual({ ok: false, error: `${PARSE}Unsupported HTML entity "&nbsp;" at byte offset 1` });
  });

  it('rejects a bare ampersand in a & b', () => {
    expect(validateTelegramHtml('a & b'))
      .toEqual({ ok: false, error: `${PARSE}Character "&" must be escaped as "&amp;" at byte offset 2` });
  });

  it('keeps stray ampersands as text in non-strict mode, exactly as Telegram does', () => {
    expect(validateTelegramHtml('a & b&nbsp;', { strict: false })).toEqual({ ok: true, textLength: 11, text: 'a & b&nbsp;' });
  });

  it('rejects an unclosed <b>', () => {
    expect(validateTelegramHtml('<b>bold'))
      .toEqual({ ok: false, error: `${PARSE}Can't find end tag corresponding to start tag "b"` });
  });

  it('rejects mismatched tags, a bare less-than sign and a span without the spoiler class', () => {
    expect(validateTelegramHtml('<b>x</i>')).toEqual({
      ok: false, error: `${PARSE}Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`,
    });
    expect(validateTelegramHtml('1 < 2')).toEqual({ ok: false, error: `${PARSE}Unsupported start tag "" at byte offset 2` });
    expect(validateTelegramHtml('<span>s</span>'))
      .toEqual({ ok: false, error: `${PARSE}Tag "span" must have class "tg-spoiler" at byte offset 0` });
  });

  it('requires a non-empty href on links', () => {
    expect(validateTelegramHtml('<a>x</a>'))
      .toEqual({ ok: false, error: `${PARSE}Tag "a" must have a non-empty "href" attribute at byte offset 0` });
  });
});

describe('splitMessage', () => {
  it('returns a short message as a single unchanged chunk', () => {
    expect(splitMessage('<b>hi</b> there')).toEqual(['<b>hi</b> there']);
  });

  it('cuts a 10,000-character text at paragraph boundaries', () => {
    const paragraphs = Array.from({ length: 40 }, (_, k) => `Paragraph ${String(k).padStart(2, '0')}: ${'z'.repeat(236)}`);
    const text = paragraphs.join('\n\n');
    expect(text.length).toBe(10_078);
    const chunks = splitMessage(text);
    expect(chunks).toEqual([
      paragraphs.slice(0, 16).join('\n\n'),
      paragraphs.slice(16, 32).join('\n\n'),
      paragraphs.slice(32).join('\n\n'),
    ]);
    expectValidChunks(chunks);
  });

  it('prefers a line break, then a space, when a paragraph is too long', () => {
    expect(splitMessage('one\ntwo\nthree four', 9)).toEqual(['one\ntwo', 'three', 'four']);
  });

  it('cuts a single huge paragraph with no breaks at the limit', () => {
    const chunks = splitMessage('x'.repeat(10_000));
    expect(chunks).toEqual(['x'.repeat(4096), 'x'.repeat(4096), 'x'.repeat(1808)]);
    expectValidChunks(chunks);
  });

  it('closes a <b> that spans the cut and reopens it in the next chunk', () => {
    const words = Array.from({ length: 1000 }, () => 'word');
    const chunks = splitMessage(`<b>${words.join(' ')}</b>`);
    expect(chunks).toEqual([`<b>${words.slice(0, 818).join(' ')}</b>`, `<b>${words.slice(818).join(' ')}</b>`]);
    expectValidChunks(chunks);
  });

  it('keeps text before and after a split tag outside it', () => {
    const chunks = splitMessage('plain text <b>bold words that span the cut</b> after', 30);
    expect(chunks).toEqual(['plain text <b>bold words</b>', '<b>that span the cut</b> after']);
    expectValidChunks(chunks, 30);
  });

  it('reopens a link with its original attributes', () => {
    expect(splitMessage('<a href="https://e.x/">link text here</a>', 40))
      .toEqual(['<a href="https://e.x/">link text</a>', '<a href="https://e.x/">here</a>']);
  });

  it('never cuts inside an entity', () => {
    expect(splitMessage('&amp;'.repeat(10), 12)).toEqual(Array.from({ length: 5 }, () => '&amp;&amp;'));
  });

  it('drops empty and whitespace-only chunks', () => {
    expect(splitMessage('')).toEqual([]);
    expect(splitMessage('  \n\n <b> </b>\n')).toEqual([]);
    expect(splitMessage(`${'a'.repeat(8)}\n\n\n\n    \n\n${'b'.repeat(8)}`, 10)).toEqual(['a'.repeat(8), 'b'.repeat(8)]);
  });

  it('throws on markup Telegram would refuse', () => {
    expect(() => splitMessage('<script>x</script>')).toThrow(`${PARSE}Unsupported start tag "script" at byte offset 0`);
  });
});
