// Telegram HTML (parse_mode "HTML") helpers: escaping, validation, splitting.
// The parser mirrors TDLib's parse_html (td/telegram/MessageEntity.cpp), which is
// what the Bot API runs; `strict` mode (the default) adds a few hygiene rules.

export type HtmlValidation =
  | { ok: true; textLength: number; text: string }
  | { ok: false; error: string };

export interface ValidateOptions {
  /**
   * Default true. Stricter than Telegram: a stray `&`, an unknown entity such as `&nbsp;`,
   * an entity without `;` and `<a>` without href are errors (Telegram keeps the first
   * three as literal text and uses the link text as URL for the last).
   */
  strict?: boolean;
}

type TagToken = { kind: 'open' | 'close'; raw: string; name: string };
type Token = { kind: 'text'; raw: string; text: string } | TagToken;

const PREFIX = "Bad Request: can't parse entities: ";
const TAGS = new Set(['a', 'b', 'strong', 'i', 'em', 's', 'strike', 'del', 'u', 'ins', 'tg-spoiler',
  'tg-emoji', 'tg-time', 'span', 'pre', 'code', 'blockquote']);
const NAMED: Record<string, number> = { lt: 60, gt: 62, amp: 38, quot: 34 };

class HtmlError extends Error {}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\0' || c === '\v';
const isAlpha = (c: string): boolean => /^[A-Za-z]$/.test(c);
const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Escapes &, <, > and " so that arbitrary text can be embedded in Telegram HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Decodes the entity at `pos` (which holds '&') the way TDLib does; null when it is not one. */
function decodeEntity(s: string, pos: number): { code: number; end: number; semicolon: boolean } | null {
  const at = (i: number): string => s[i] ?? '\0';
  let end = pos + 1;
  let code = 0;
  if (at(end) === '#') {
    end++;
    const hex = at(end) === 'x';
    if (hex) end++;
    const digit = hex ? /^[0-9A-Fa-f]$/ : /^[0-9]$/;
    while (digit.test(at(end))) code = code * (hex ? 16 : 10) + parseInt(at(end++), 16);
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return null;
  } else {
    while (isAlpha(at(end))) end++;
    const named = NAMED[s.slice(pos + 1, end)];
    if (named === undefined) return null;
    code = named;
  }
  const semicolon = at(end) === ';';
  return { code, end: semicolon ? end + 1 : end, semicolon };
}

/** Parses Telegram HTML into tokens; throws HtmlError with a Bot API style description. */
function tokenize(html: string, strict: boolean): Token[] {
  const at = (i: number): string => html[i] ?? '\0';
  const off = (i: number): number => Buffer.byteLength(html.slice(0, i), 'utf8');
  const fail = (message: string): never => { throw new HtmlError(PREFIX + message); };
  const tokens: Token[] = [];
  const stack: Array<{ name: string; argument: string; offset: number; href: boolean }> = [];
  let visible = 0;
  let surrogate = false;
  let i = 0;
  while (i < html.length) {
    const c = at(i);
    if (c === '&') {
      const entity = decodeEntity(html, i);
      if (entity && (!strict || entity.semicolon)) {
        if (entity.code >= 0xd800 && entity.code <= 0xdfff) surrogate = true;
        const text = String.fromCodePoint(entity.code);
        tokens.push({ kind: 'text', raw: html.slice(i, entity.end), text });
        visible += text.length;
        i = entity.end;
        continue;
      }
      if (strict) {
        const name = /^&#?[0-9A-Za-z]*;?/.exec(html.slice(i))?.[0] ?? '&';
        fail(name === '&' ? `Character "&" must be escaped as "&amp;" at byte offset ${off(i)}`
          : `Unsupported HTML entity "${name}" at byte offset ${off(i)}`);
      }
    }
    if (c !== '<') {
      const ch = String.fromCodePoint(html.codePointAt(i) ?? 0);
      tokens.push({ kind: 'text', raw: ch, text: ch });
      visible += ch.length;
      i += ch.length;
      continue;
    }
    const begin = i++;
    if (at(i) !== '/') {
      while (!isSpace(at(i)) && at(i) !== '>') i++;
      if (at(i) === '\0') fail(`Unclosed start tag at byte offset ${off(begin)}`);
      const name = asciiLower(html.slice(begin + 1, i));
      if (!TAGS.has(name)) fail(`Unsupported start tag "${name}" at byte offset ${off(begin)}`);
      let argument = '';
      let href = false;
      while (at(i) !== '>') {
        while (at(i) !== '\0' && isSpace(at(i))) i++;
        if (at(i) === '>') break;
        const attrBegin = i;
        while (!isSpace(at(i)) && !'=>/"\''.includes(at(i))) i++;
        const attr = html.slice(attrBegin, i);
        if (attr === '') fail(`Empty attribute name in the tag "${name}" at byte offset ${off(begin)}`);
        while (at(i) !== '\0' && isSpace(at(i))) i++;
        if (at(i) !== '=') {
          if (at(i) === '\0') fail(`Unclosed start tag "${name}" at byte offset ${off(begin)}`);
          if (name === 'blockquote' && attr === 'expandable') argument = '1';
          continue;
        }
        i++;
        while (at(i) !== '\0' && isSpace(at(i))) i++;
        if (at(i) === '\0') fail(`Unclosed start tag "${name}" at byte offset ${off(begin)}`);
        let value = '';
        if (at(i) !== '"' && at(i) !== '\'') {
          const tokenBegin = i;
          while (isAlnum(at(i)) || at(i) === '.' || at(i) === '-') i++;
          value = asciiLower(html.slice(tokenBegin, i));
          if (!isSpace(at(i)) && at(i) !== '>') fail(`Unexpected end of name token at byte offset ${off(tokenBegin)}`);
        } else {
          const quote = at(i++);
          while (at(i) !== quote && at(i) !== '\0') {
            const entity = at(i) === '&' ? decodeEntity(html, i) : null;
            if (entity && (!strict || entity.semicolon)) {
              value += String.fromCodePoint(entity.code);
              i = entity.end;
            } else if (strict && at(i) === '&') {
              fail(`Character "&" must be escaped as "&amp;" at byte offset ${off(i)}`);
            } else {
              value += at(i++);
            }
          }
          if (at(i) === quote) i++;
        }
        if (at(i) === '\0') fail(`Unclosed start tag at byte offset ${off(begin)}`);
        if (name === 'a' && attr === 'href') { argument = value; href = value !== ''; }
        else if (name === 'code' && attr === 'class' && value.startsWith('language-')) argument = value.slice(9);
        else if (name === 'span' && attr === 'class' && value.startsWith('tg-')) argument = value.slice(3);
        else if (name === 'tg-emoji' && attr === 'emoji-id') argument = value;
        else if (name === 'blockquote' && attr === 'expandable') argument = '1';
        else if (name === 'tg-time' && attr === 'format') argument = value;
      }
      if (name === 'span' && argument !== 'spoiler') fail(`Tag "span" must have class "tg-spoiler" at byte offset ${off(begin)}`);
      if (strict && name === 'a' && !href) fail(`Tag "a" must have a non-empty "href" attribute at byte offset ${off(begin)}`);
      i++;
      tokens.push({ kind: 'open', raw: html.slice(begin, i), name });
      stack.push({ name, argument, offset: visible, href });
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return fail(`Unexpected end tag at byte offset ${off(begin)}`);
      while (!isSpace(at(i)) && at(i) !== '>') i++;
      const endName = asciiLower(html.slice(begin + 2, i));
      while (isSpace(at(i)) && at(i) !== '\0') i++;
      if (at(i) !== '>') fail(`Unclosed end tag at byte offset ${off(begin)}`);
      if (endName !== '' && endName !== top.name) {
        fail(`Unmatched end tag at byte offset ${off(begin)}, expected "</${top.name}>", found "</${endName}>"`);
      }
      if (visible > top.offset && top.name === 'tg-emoji' && !isCustomEmojiId(top.argument)) {
        fail('Invalid custom emoji identifier specified');
      }
      if (visible > top.offset && top.name === 'tg-time' && !/^(?:[rR]|[tTdDwW]*)$/.test(top.argument)) {
        fail('Invalid date format used');
      }
      i++;
      tokens.push({ kind: 'close', raw: html.slice(begin, i), name: top.name });
      stack.pop();
    }
  }
  const open = stack[stack.length - 1];
  if (open) fail(`Can't find end tag corresponding to start tag "${open.name}"`);
  if (surrogate) {
    fail('Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units');
  }
  return tokens;
}

function isCustomEmojiId(value: string): boolean {
  if (!/^-?\d{1,19}$/.test(value)) return false;
  const id = BigInt(value);
  return id !== 0n && id <= 9223372036854775807n && id >= -9223372036854775808n;
}

/** Checks `html` against Telegram's HTML rules; on success reports the visible text and its UTF-16 length. */
export function validateTelegramHtml(html: string, options: ValidateOptions = {}): HtmlValidation {
  try {
    const text = tokenize(html, options.strict ?? true).map((t) => (t.kind === 'text' ? t.text : '')).join('');
    return { ok: true, textLength: text.length, text };
  } catch (error) {
    if (error instanceof HtmlError) return { ok: false, error: error.message };
    throw error;
  }
}

const isBlank = (t: Token | undefined): boolean => t?.kind === 'text' && (t.raw === ' ' || t.raw === '\n');
const closeTags = (stack: TagToken[]): string => stack.map((t) => `</${t.name}>`).reverse().join('');

function applyTokens(stack: TagToken[], tokens: Token[], from: number, to: number): TagToken[] {
  const result = [...stack];
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t?.kind === 'open') result.push(t);
    else if (t?.kind === 'close') result.pop();
  }
  return result;
}

/** Chooses where the chunk starting at token `s` ends (`end`) and where the next one starts (`next`). */
function findCut(tokens: Token[], s: number, stack: TagToken[], limit: number): { end: number; next: number } {
  const open = [...stack];
  let raw = stack.reduce((n, t) => n + t.raw.length, 0);
  let visible = 0;
  const best = { para: -1, line: -1, space: -1, hard: -1 };
  for (let e = s + 1; e <= tokens.length; e++) {
    const t = tokens[e - 1] as Token;
    raw += t.raw.length;
    if (t.kind === 'text') visible += t.text.length;
    else if (t.kind === 'open') open.push(t);
    else open.pop();
    if (raw > limit || visible > limit) break;
    if (raw + closeTags(open).length > limit) continue;
    if (e === tokens.length) return { end: e, next: e };
    best.hard = e;
    const here = tokens[e];
    if (here?.kind === 'text' && here.raw === '\n' && tokens[e + 1]?.raw === '\n') best.para = e;
    else if (here?.kind === 'text' && here.raw === '\n') best.line = e;
    else if (here?.kind === 'text' && here.raw === ' ') best.space = e;
  }
  if (best.para >= 0) return { end: best.para, next: best.para + 2 };
  if (best.line >= 0) return { end: best.line, next: best.line + 1 };
  if (best.space >= 0) return { end: best.space, next: best.space + 1 };
  return { end: Math.max(best.hard, s + 1), next: Math.max(best.hard, s + 1) };
}

/** Splits Telegram HTML into valid chunks of at most `limit` visible (and raw) characters; throws if `html` is invalid. */
export function splitMessage(html: string, limit = 4096): string[] {
  const tokens = tokenize(html, true);
  const chunks: string[] = [];
  let stack: TagToken[] = [];
  let s = 0;
  while (s < tokens.length) {
    const cut = findCut(tokens, s, stack, limit);
    const hard = cut.end === cut.next;
    let { end, next } = cut;
    // Drop trailing whitespace and dangling start tags (the next chunk reopens them).
    while (end > s && (tokens[end - 1]?.kind === 'open' || (!hard && isBlank(tokens[end - 1])))) end--;
    // Skip closing tags (already closed by this chunk) and, at soft cuts, blank space outside pre/code.
    const after = applyTokens(stack, tokens, s, next);
    for (let t = tokens[next]; t !== undefined; t = tokens[next]) {
      if (t.kind === 'close') after.pop();
      else if (hard || !isBlank(t) || after.some((o) => o.name === 'pre' || o.name === 'code')) break;
      next++;
    }
    const closing = applyTokens(stack, tokens, s, end);
    const body = tokens.slice(s, end);
    if (body.some((t) => t.kind === 'text' && t.text.trim() !== '')) {
      chunks.push(stack.map((t) => t.raw).join('') + body.map((t) => t.raw).join('') + closeTags(closing));
    }
    stack = after;
    s = next;
  }
  return chunks;
}
