// A deterministic generator of realistic (and hostile) Telegram updates for fuzzing the bot.
// Same seed + same answers from `botMessages` => the same updates, byte for byte.
import type { Chat, Message, MessageEntity, Update, User } from 'telegraf/types';

// ---------------------------------------------------------------------------------------------
// Seeded PRNG
// ---------------------------------------------------------------------------------------------

/** A small seeded PRNG (sfc32 seeded through splitmix32) with the helpers the generator needs. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a key with probability proportional to its weight (weights ≤ 0 are never picked). */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  shuffle<T>(items: readonly T[]): T[];
}

export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <K extends string>(weights: Readonly<Record<K, number>>): K => {
      const entries = (Object.entries(weights) as Array<[K, number]>).filter(([, w]) => w > 0);
      const total = entries.reduce((n, [, w]) => n + w, 0);
      let x = next() * total;
      for (const [k, w] of entries) {
        x -= w;
        if (x < 0) return k;
      }
      return entries[entries.length - 1]![0];
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
  return rng;
}

// ---------------------------------------------------------------------------------------------
// Text material
// ---------------------------------------------------------------------------------------------

/** Emoji, including ZWJ sequences, skin tones, flags, keycaps and variation selectors. */
export const EMOJI = ['😀', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🧑🏻‍💻', '❤️‍🔥', '🇨🇳', '🇮🇱', '1️⃣', '🫠', '🐉', '🙂‍↔️', '👩🏿‍🦰', '🏴‍☠️', '🧑‍🤝‍🧑', '☺︎', '🀄', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'];
const ARABIC = ['مرحبا بالعالم', 'السلام عليكم', 'ما هي أخبار المنطقة؟', '١٢٣٤٥'];
const HEBREW = ['שלום עולם', 'מה נשמע', 'חדשות'];
/** RLM, LRM, RLO, LRO, PDF, isolates. */
const BIDI = ['\u200f', '\u200e', '\u202e', '\u202d', '\u202c', '\u2066', '\u2067', '\u2068', '\u2069'];
/** ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, Mongolian vowel separator. */
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e'];
const OTHER_SCRIPTS = ['こんにちは', 'カタカナ', '안녕하세요', 'Привет', 'аdmіn', 'สวัสดีครับ', 'नमस्ते', 'Tiếng Việt', 'ＡＢＣ１２３', '𝕳𝖊𝖑𝖑𝖔', '𝟘𝟙𝟚', '㊗️', '〇〆', '\ue000\uf8ff', '\ufffd', '\u3000', '𠀀𠮷𡃁'];
const HTML_BITS = ['<b>', '</b>', '</i>', '<i>', '&amp;', '&lt;', '&gt;', '&nbsp;', '&#0;', '&#x110000;', '&', '<', '>', '"', "'",
  '<script>alert(1)</script>', '<a href="javascript:alert(1)">点我</a>', '<tg-spoiler>', '<pre><code class="language-js">', '</code>', '<<>>', '<br/>', '<!-- x -->', '<b><i>未闭合', '</a></b></i>'];
const CJK_WORDS = ['疫情防控', '项目建设', '安全生产', '示范区', '高新区', '调研', '会议', '党工委', '乡村振兴', '营商环境', '复工复产', '科技创新',
  '灾后重建', '城市建设', '焦作', '杨楼村', '南李万村', '核酸检测', '新冠肺炎', '党代会', '招商引资', '生态环保', '今天', '天气', '你好', '谢谢', '怎么用'];
const PEOPLE = ['吕沛', '宫卫红', '官卫红', '赵俊生', '姜坤峰', '万英奎', '冯利民', '刘春明', '申晓东', '许海玲', '高鸿', '侯建华', '王家鹏', '张三', '李四', '欧阳娜娜'];
const TOPICS = ['疫情防控', '项目建设', '安全生产', '党建与学习', '科技创新', '复工复产', '乡村振兴', '城市建设', '营商环境', '卫生健康', '信访稳定', '生态环保', '灾后重建', '文化教育', '就业民生'];
const KNOWN_COMMANDS = ['start', 'help', 'who', 'people', 'meetings', 'topics', 'topic', 'trend', 'subscribe', 'unsubscribe', 'subscriptions', 'digest', 'article'];
const UNKNOWN_COMMANDS = ['foo', 'settings', 'START', 'Help', 'whois', 'stop', 'admin', 'reload', 'x', 'a'.repeat(32), '123', '_', 'article_', 'ping', 'search'];
const FIRST_NAMES = ['小明', '王', 'Alice', 'Бот', 'محمد', 'דוד', '🦊', 'Zalgo', '李 华', '\u202eevil', 'A'.repeat(64), '‮ admin'];

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** What kind of traffic an update is; the fuzz test derives its expectations from this. */
export type UpdateKind =
  | 'private_text' | 'private_command' | 'group_text' | 'group_mention' | 'group_reply' | 'group_command'
  | 'edited_message' | 'media' | 'service' | 'channel_post' | 'edited_channel_post' | 'inline_query'
  | 'my_chat_member' | 'callback_query';

/** A message the bot sent that is still in the chat: what callback queries and replies can point at. */
export interface BotMessageRef {
  message_id: number;
  text: string;
  /** callback_data of its inline buttons, as currently shown. */
  buttons: readonly string[];
}

/** Where a callback's data came from. */
export type CallbackOrigin = 'button' | 'stale_button' | 'forged';

export interface GeneratedUpdate {
  update: Update;
  kind: UpdateKind;
  /** The chat the update happened in (undefined for inline queries). */
  chatId?: number;
  chatType?: Chat['type'];
  /** For commands: the name as typed (no slash, no @) and the bot it was addressed to, if any. */
  command?: { name: string; to?: string };
  /** A group message (or media) that replies to one of the bot's messages. */
  repliesToBot?: boolean;
  /** For service messages: the bot itself joined. */
  botJoined?: boolean;
  callback?: { id: string; data?: string; origin: CallbackOrigin };
  /** One line for failure reports. */
  describe: string;
}

export interface UpdateGeneratorOptions {
  seed: number;
  bot: { id: number; username: string; first_name?: string };
  /** Real ids and names from the library, for realistic commands; defaults cover the seeds' people and topics. */
  vocabulary?: { articleIds?: readonly string[]; people?: readonly string[]; topics?: readonly string[]; commands?: readonly string[] };
  /** How many private chats and groups the traffic is spread over (default 40 and 14; half of the groups are supergroups). */
  privateChats?: number;
  groups?: number;
  firstUpdateId?: number;
  /** Epoch seconds of the first update (default 1_700_000_000); dates advance slowly. */
  startDate?: number;
  /** The bot's messages still in a chat, newest last; callback queries and replies to the bot use them. */
  botMessages?: (chatId: number) => readonly BotMessageRef[];
  /** Overrides of the default mix. */
  weights?: Partial<Record<UpdateKind, number>>;
}

export interface UpdateGenerator {
  /** One update; `excludeChats` lists chats it must not happen in. */
  next(options?: { excludeChats?: ReadonlySet<number> }): GeneratedUpdate;
  /** `n` updates, each in a different chat (inline queries have none), so replies can be told apart by chat. */
  batch(n: number): GeneratedUpdate[];
  readonly privateChats: readonly Chat.PrivateChat[];
  readonly groups: ReadonlyArray<Chat.GroupChat | Chat.SupergroupChat>;
  readonly rng: Rng;
}

export const DEFAULT_WEIGHTS: Readonly<Record<UpdateKind, number>> = {
  private_text: 22, private_command: 18, group_text: 8, group_mention: 8, group_reply: 4, group_command: 10,
  edited_message: 4, media: 8, service: 3, channel_post: 2, edited_channel_post: 1, inline_query: 2, my_chat_member: 2,
  callback_query: 12,
};

// ---------------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------------

const COMMAND = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])/;

/**
 * The entities Telegram would attach: bot_command for a well-formed /command at the start or after
 * whitespace, mention for @username (5–32 word characters), hashtag for #word. Offsets in UTF-16 units.
 */
export function entitiesFor(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (let i = 0; i < text.length; i++) {
    const before = i === 0 ? ' ' : text[i - 1]!;
    const boundary = /\s/.test(before);
    const rest = text.slice(i, i + 80);
    if (text[i] === '/' && boundary) {
      const m = COMMAND.exec(rest);
      if (m) entities.push({ type: 'bot_command', offset: i, length: m[0].length });
    } else if (text[i] === '@' && !/[A-Za-z0-9_]/.test(before)) {
      const m = /^@[A-Za-z][A-Za-z0-9_]{4,31}(?![A-Za-z0-9_])/.exec(rest);
      if (m) entities.push({ type: 'mention', offset: i, length: m[0].length });
    } else if (text[i] === '#' && boundary) {
      const m = /^#[\p{L}\p{N}_]{1,30}/u.exec(rest);
      if (m) entities.push({ type: 'hashtag', offset: i, length: m[0].length });
    }
  }
  return entities;
}

/** A text message as Telegram delivers it, with its entities. */
export function textMessage(chat: Chat, from: User, messageId: number, date: number, text: string, extra: Partial<Message.TextMessage> = {}): Message.TextMessage {
  const entities = entitiesFor(text);
  return { message_id: messageId, from, chat, date, text, ...(entities.length > 0 ? { entities } : {}), ...extra } as Message.TextMessage;
}

/** A private chat and its user (same id), as in a real private chat. */
export function privateChat(id: number, firstName = '测试', username?: string): { chat: Chat.PrivateChat; user: User } {
  const chat: Chat.PrivateChat = { id, type: 'private', first_name: firstName, ...(username ? { username } : {}) };
  const user: User = { id, is_bot: false, first_name: firstName, ...(username ? { username } : {}), language_code: 'zh-hans' };
  return { chat, user };
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
/** Cuts `s` (at code points) to at most `max` UTF-8 bytes. */
function cutBytes(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

export function createUpdateGenerator(options: UpdateGeneratorOptions): UpdateGenerator {
  const rng = createRng(options.seed);
  const botUser: User = { id: options.bot.id, is_bot: true, first_name: options.bot.first_name ?? 'Test Bot', username: options.bot.username };
  const me = options.bot.username;
  const articleIds = options.vocabulary?.articleIds?.length ? options.vocabulary.articleIds : ['6b6f264cbe', 'a76b7fac00'];
  const people = options.vocabulary?.people?.length ? options.vocabulary.people : PEOPLE;
  const topics = options.vocabulary?.topics?.length ? options.vocabulary.topics : TOPICS;
  const knownCommands = options.vocabulary?.commands?.length ? options.vocabulary.commands : KNOWN_COMMANDS;
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const botMessages = options.botMessages ?? (() => []);
  let updateId = options.firstUpdateId ?? 700_000_000 + rng.int(0, 1_000_000);
  let date = options.startDate ?? 1_700_000_000;
  let tick = 0;
  let callbackSeq = rng.int(1, 1_000_000);
  const nextMessageId = new Map<number, number>();
  /** Buttons seen on the bot's messages, per chat and message: the stale ones a double tap sends. */
  const seenButtons = new Map<number, Map<number, string[]>>();

  const user = (id: number): User => {
    const r = createRng(id);
    const u: User = { id, is_bot: false, first_name: r.pick(FIRST_NAMES) };
    if (r.chance(0.5)) u.last_name = r.pick(['张', 'Smith', '🙂', 'بن']);
    if (r.chance(0.6)) u.username = `user_${id.toString(36)}`;
    const lang = r.pick(['zh-hans', 'zh-hant', 'en', 'ar', 'he', 'ru', '']);
    if (lang) u.language_code = lang;
    if (r.chance(0.2)) u.is_premium = true;
    return u;
  };
  const nPrivate = options.privateChats ?? 40;
  const nGroups = options.groups ?? 14;
  const privateChats: Chat.PrivateChat[] = Array.from({ length: nPrivate }, (_, k) => {
    const u = user(5_000_000 + k * 7919);
    return { id: u.id, type: 'private', first_name: u.first_name, ...(u.last_name ? { last_name: u.last_name } : {}), ...(u.username ? { username: u.username } : {}) };
  });
  const groups: Array<Chat.GroupChat | Chat.SupergroupChat> = Array.from({ length: nGroups }, (_, k) =>
    k % 2 === 0
      ? { id: -(400_000 + k * 31), type: 'group', title: rng.pick(['示范区新闻群', '🏳️‍🌈 群', 'שלום group', 'Test group']) }
      : { id: -(1_001_000_000_000 + k * 13), type: 'supergroup', title: rng.pick(['焦作日报读者', 'Supergroup ‮', '高新区']), ...(rng.chance(0.5) ? { username: `group_${k}` } : {}) });
  const members = new Map(groups.map((g) => [g.id, Array.from({ length: rng.int(2, 6) }, (_, i) => user(9_000_000 + Math.abs(g.id % 100_000) * 10 + i))]));
  const channels: Chat.ChannelChat[] = [{ id: -1_002_000_000_001, type: 'channel', title: '示范区发布' }, { id: -1_002_000_000_002, type: 'channel', title: 'News 📰', username: 'news_ch' }];

  const messageId = (chatId: number): number => {
    const id = (nextMessageId.get(chatId) ?? 1_000_000 + rng.int(0, 1000)) + rng.int(1, 3);
    nextMessageId.set(chatId, id);
    return id;
  };
  const now = (): number => {
    tick++;
    if (tick % 3 === 0) date++;
    return date;
  };

  // ---- text ----
  const cjk = (n: number): string => Array.from({ length: n }, () => String.fromCodePoint(rng.int(0x4e00, 0x9fff))).join('');
  const zalgo = (): string => {
    const base = rng.pick(['e', 'a', '中', 'Z', 'ب']);
    return base + Array.from({ length: rng.int(1, 30) }, () => String.fromCodePoint(rng.int(0x300, 0x36f))).join('');
  };
  const fragment = (): string => {
    switch (rng.weighted({ word: 8, person: 3, cjk: 3, emoji: 3, rtl: 2, bidi: 1, zw: 1, zalgo: 1, other: 2, html: 3, ascii: 2, digits: 1, space: 1 })) {
      case 'word': return rng.pick(CJK_WORDS);
      case 'person': return rng.pick(people);
      case 'cjk': return cjk(rng.int(1, 8));
      case 'emoji': return Array.from({ length: rng.int(1, 4) }, () => rng.pick(EMOJI)).join('');
      case 'rtl': return rng.pick([...ARABIC, ...HEBREW]);
      case 'bidi': return rng.pick(BIDI) + rng.pick([...ARABIC, ...HEBREW, 'abc']) + rng.pick(BIDI);
      case 'zw': return Array.from({ length: rng.int(1, 5) }, () => rng.pick(ZERO_WIDTH)).join('');
      case 'zalgo': return zalgo();
      case 'other': return rng.pick(OTHER_SCRIPTS);
      case 'html': return rng.pick(HTML_BITS);
      case 'ascii': return rng.pick(['hello', 'test', 'SELECT * FROM chats;--', '../../etc/passwd', '${jndi:x}', '%s%n', 'null', 'undefined', 'NaN', '\\u0000', 'a:b:c', 'wm:吕沛:1']);
      case 'digits': return String(rng.pick([0, -1, 2021, 99999999999, 1e21, 3.14]));
      default: return rng.pick([' ', '  ', '\n', '\n\n', '\t', '\u3000']);
    }
  };
  /** Random text of roughly `n` fragments; never empty or whitespace-only (Telegram refuses those). */
  const freeText = (fragments = rng.int(1, 6)): string => {
    let s = '';
    for (let i = 0; i < fragments; i++) s += (i > 0 && rng.chance(0.5) ? ' ' : '') + fragment();
    s = s.trim();
    return s === '' ? rng.pick(CJK_WORDS) : s;
  };
  /** A message body: mostly short, sometimes a full 4096 or an absurd 10,000 characters. */
  const body = (): string => {
    switch (rng.weighted({ short: 70, query: 15, medium: 8, full: 4, huge: 3 })) {
      case 'short': return freeText();
      case 'query': return rng.chance(0.5) ? rng.pick(CJK_WORDS) : `${rng.pick(people)} ${rng.pick(['调研', '会议', '讲话', ''])}`.trim();
      case 'medium': return freeText(rng.int(20, 80));
      case 'full': return cutToChars(freeText(40) + cjk(4096), 4096);
      default: return cutToChars(Array.from({ length: 200 }, () => freeText(8)).join(' ') + '长'.repeat(10_000), 10_000);
    }
  };
  /** Cuts to at most `n` UTF-16 units (what Telegram counts), never inside a surrogate pair. */
  const cutToChars = (s: string, n: number): string => {
    let out = s.slice(0, n);
    if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
    return out.trim() === '' ? '长'.repeat(n) : out;
  };

  // ---- commands ----
  const payloadFor = (name: string): string => {
    const lower = name.toLowerCase();
    const junk = (): string => rng.pick(['', ' ', freeText(), `<b>${freeText()}</b>`, `${'吕'.repeat(500)}`, 'x'.repeat(500), rng.pick(EMOJI)]);
    switch (lower) {
      case 'who': return rng.pick([rng.pick(people), '', `${rng.pick(people)}${rng.pick(people)}`, 'a'.repeat(500), cjk(500), junk(), '吕', ' 吕沛 ', '@吕沛', '<吕沛>']);
      case 'people': return rng.pick(['', '-5', '0', '1', '2', '3', '99', '9999', '99999999999999999999', '9'.repeat(400), '1e9', 'NaN', '二', '-0', '0x10', junk()]);
      case 'meetings': return rng.pick(['', '2021-11', '2022-01', '9999-99', '2021-13', '2021-0', '1900-01', '2021/11', '2021年11月', '疫情', '党工委', '0000-00', '-1', junk()]);
      case 'topic': return rng.pick([rng.pick(topics), '', rng.pick(EMOJI), `${rng.pick(topics)}${rng.pick(EMOJI)}`, '疫情', '不存在的专题', 'x'.repeat(300), junk()]);
      case 'article': return rng.pick([rng.pick(articleIds), rng.pick(articleIds).toUpperCase(), '', 'zzzz', '0000000000', `${rng.pick(articleIds)} extra words`, '<x>'.repeat(300), '../etc', rng.pick(EMOJI), junk()]);
      case 'subscribe': return rng.pick(['', rng.pick(topics), rng.pick(people), '疫情防控 项目建设', 'x'.repeat(300), rng.pick(EMOJI), '<b>', junk()]);
      case 'unsubscribe': return rng.pick(['', 'all', 'ALL', '全部', rng.pick(topics), '1', '-1', junk()]);
      case 'trend': return rng.pick([rng.pick(topics), rng.pick(people), '', '冷链', '疫情', rng.pick(EMOJI), 'x'.repeat(300), junk()]);
      case 'start': return rng.pick(['', '', 'ref_123', 'a'.repeat(64), junk()]);
      default: return rng.chance(0.5) ? '' : junk();
    }
  };
  /** A command text: "/name[@to] payload"; returns the parts for the oracle. */
  const commandText = (group: boolean): { text: string; name: string; to?: string } => {
    const roll = rng.next();
    let name: string;
    if (roll < 0.72) name = rng.pick(knownCommands);
    else if (roll < 0.82) name = `article_${rng.chance(0.6) ? rng.pick(articleIds) : rng.pick(['zzzz', 'ZZZZZZZZZZ', '0', 'x'.repeat(40), '1234567890abcdef'])}`;
    else name = rng.pick(UNKNOWN_COMMANDS);
    const toRoll = rng.next();
    const to = toRoll < (group ? 0.35 : 0.08) ? me
      : toRoll < (group ? 0.45 : 0.12) ? rng.pick([me.toUpperCase(), `${me[0]!.toUpperCase()}${me.slice(1)}`])
        : toRoll < (group ? 0.6 : 0.2) ? rng.pick(['otherbot', 'other_bot', 'GroupHelpBot', `${me}x`])
          : undefined;
    // A tapped /article_<id> link sends the bare command (a trailing space at most).
    const payload = name.startsWith('article_') ? rng.pick(['', '', ' ']) : payloadFor(name);
    const sep = payload === '' ? '' : rng.pick([' ', ' ', ' ', '\n', '  ']);
    return { text: `/${name}${to ? `@${to}` : ''}${sep}${payload}`, name, ...(to ? { to } : {}) };
  };

  // ---- builders ----
  const member = (chatId: number): User => rng.pick(members.get(chatId) ?? [user(1)]);
  const fromOf = (chat: Chat): User => (chat.type === 'private' ? user(chat.id) : member(chat.id));
  const replyTarget = (chat: Chat): Message.TextMessage => {
    const real = botMessages(chat.id);
    const m = real.length > 0 ? rng.pick(real) : undefined;
    return { message_id: m?.message_id ?? rng.int(1, 50), from: botUser, chat, date: date - rng.int(1, 3600), text: (m?.text ?? '🔎 “疫情防控” 共 20 篇').slice(0, 4096) } as Message.TextMessage;
  };
  const mentionText = (): string => {
    const mention = rng.weighted({ exact: 6, upper: 2, alone: 2, other: 1, glued: 1 });
    const q = rng.chance(0.7) ? rng.pick([...CJK_WORDS, ...people]) : body();
    switch (mention) {
      case 'exact': return rng.chance(0.5) ? `@${me} ${q}` : `${q} @${me}`;
      case 'upper': return `@${me.toUpperCase()} ${q}`;
      case 'alone': return `@${me}`;
      case 'other': return `@${me} @otherbot ${q}`;
      default: return `${q}@${me}`;
    }
  };
  const chatterText = (): string => rng.pick([body(), body(), `@otherbot ${freeText()}`, `@${me}x ${freeText()}`, `/ ${freeText()}`,
    `/${rng.pick(EMOJI)}`, `//${freeText()}`, `看看 /help`, `${freeText()} #疫情防控`, `/${cjk(3)}`]);

  const messageUpdate = (message: Message, key: 'message' | 'edited_message' | 'channel_post' | 'edited_channel_post' = 'message'): Update =>
    ({ update_id: ++updateId, [key]: message }) as unknown as Update;

  const media = (): Record<string, unknown> => {
    const fid = (p: string): { file_id: string; file_unique_id: string } => ({ file_id: `${p}${rng.int(1, 1e9)}`, file_unique_id: `u${rng.int(1, 1e9)}` });
    switch (rng.pick(['sticker', 'photo', 'voice', 'document', 'location', 'poll', 'video', 'animation', 'contact', 'dice'] as const)) {
      case 'sticker': return { sticker: { ...fid('stk'), type: 'regular', width: 512, height: 512, is_animated: rng.chance(0.3), is_video: false, emoji: rng.pick(EMOJI) } };
      case 'photo': return { photo: [{ ...fid('ph'), width: 90, height: 90, file_size: 1234 }, { ...fid('ph'), width: 1280, height: 960, file_size: 123456 }], ...(rng.chance(0.5) ? { caption: rng.chance(0.5) ? `@${me} ${freeText()}` : freeText() } : {}) };
      case 'voice': return { voice: { ...fid('vo'), duration: rng.int(1, 300), mime_type: 'audio/ogg', file_size: 4000 } };
      case 'document': return { document: { ...fid('doc'), file_name: rng.pick(['报告.pdf', '<script>.txt', '‮fdp.exe', 'a'.repeat(200)]), mime_type: 'application/pdf', file_size: 99999 }, ...(rng.chance(0.3) ? { caption: '/article 6b6f264cbe' } : {}) };
      case 'location': return { location: { latitude: 35.2 + rng.next(), longitude: 113.2 + rng.next() } };
      case 'poll': return { poll: { id: String(rng.int(1, 1e9)), question: freeText(), options: [{ text: '是', voter_count: 0 }, { text: rng.pick(EMOJI), voter_count: 1 }], total_voter_count: 1, is_closed: false, is_anonymous: true, type: 'regular', allows_multiple_answers: false } };
      case 'video': return { video: { ...fid('vid'), width: 640, height: 480, duration: 10 } };
      case 'animation': return { animation: { ...fid('gif'), width: 320, height: 240, duration: 3 }, document: { ...fid('gif') } };
      case 'contact': return { contact: { phone_number: '+8613800000000', first_name: rng.pick(FIRST_NAMES) } };
      default: return { dice: { emoji: '🎲', value: rng.int(1, 6) } };
    }
  };

  const pickChat = <T extends Chat>(pool: readonly T[], exclude?: ReadonlySet<number>, filter: (c: T) => boolean = () => true): T | undefined => {
    const free = pool.filter((c) => !exclude?.has(c.id) && filter(c));
    return free.length > 0 ? rng.pick(free) : undefined;
  };

  /** Callback data: a real current button, a stale one seen before, or forged junk. */
  const callbackData = (chatId: number, message: BotMessageRef): { data?: string; origin: CallbackOrigin } => {
    const seen = seenButtons.get(chatId) ?? new Map<number, string[]>();
    seenButtons.set(chatId, seen);
    const stale = (seen.get(message.message_id) ?? []).filter((d) => !message.buttons.includes(d));
    seen.set(message.message_id, [...new Set([...(seen.get(message.message_id) ?? []), ...message.buttons])].slice(-20));
    const roll = rng.next();
    if (roll < 0.45 && message.buttons.length > 0) return { data: rng.pick(message.buttons), origin: 'button' };
    if (roll < 0.55 && stale.length > 0) return { data: rng.pick(stale), origin: 'stale_button' };
    if (rng.chance(0.02)) return { origin: 'forged' }; // a game button: no data at all
    const forged = rng.pick([
      () => cutBytes(freeText(rng.int(1, 12)), rng.int(1, 64)),
      () => `s:${rng.pick(['AAAAAAAAAA', 'zzzzzzzzzz', '-_-_-_-_-_', 'short'])}:${rng.pick([0, 1, 9999, -1, 99999])}`,
      () => `a:${rng.pick([...articleIds, '0000000000', 'ffffffffff', 'ZZZ', ''])}`,
      () => `pp:${rng.pick(['0', '1', '2', '9999', '-5', '99999', '1e3', 'x', ''])}`,
      () => `tp:${rng.pick([...topics, '不存在', '', rng.pick(EMOJI)])}:${rng.pick(['1', '2', '0', '9999', '-1', '99999'])}`,
      () => `wm:${rng.pick([...people, '不存在的人', 'ab', '吕'])}:${rng.pick(['1', '2', '0', '9999', '-3'])}`,
      () => `/article_${rng.pick(articleIds)}`,
      () => `sub:${rng.pick([...topics, '', 'x'.repeat(20), rng.pick(EMOJI), '<b>'])}`,
      () => `unsub:${rng.pick(['all', 'keep', '0', '1', '999999999', '-1', 'ALL'])}`,
      () => `tw:${rng.pick([...people, '不存在的人', 'ab', ''])}`,
      () => cutBytes('x'.repeat(rng.int(60, 64)), 64),
      () => cutBytes(`s:${'吕'.repeat(30)}`, 64),
      () => String(rng.int(-1e9, 1e9)),
    ])();
    return { data: forged === '' ? 'x' : forged, origin: 'forged' };
  };

  const generate = (kind: UpdateKind, exclude?: ReadonlySet<number>): GeneratedUpdate | undefined => {
    const d = now();
    switch (kind) {
      case 'private_text':
      case 'private_command': {
        const chat = pickChat(privateChats, exclude);
        if (!chat) return undefined;
        const cmd = kind === 'private_command' ? commandText(false) : undefined;
        const text = cmd?.text ?? body();
        const update = messageUpdate(textMessage(chat, user(chat.id), messageId(chat.id), d, text));
        return { update, kind, chatId: chat.id, chatType: 'private', ...(cmd ? { command: { name: cmd.name, ...(cmd.to ? { to: cmd.to } : {}) } } : {}), describe: `${kind} ${JSON.stringify(text.slice(0, 80))}` };
      }
      case 'group_text':
      case 'group_mention':
      case 'group_reply':
      case 'group_command': {
        const chat = pickChat(groups, exclude);
        if (!chat) return undefined;
        const cmd = kind === 'group_command' ? commandText(true) : undefined;
        const text = cmd?.text ?? (kind === 'group_mention' ? mentionText() : kind === 'group_reply' ? body() : chatterText());
        const extra = (kind === 'group_reply' ? { reply_to_message: replyTarget(chat) } : {}) as Partial<Message.TextMessage>;
        const update = messageUpdate(textMessage(chat, member(chat.id), messageId(chat.id), d, text, extra));
        return { update, kind, chatId: chat.id, chatType: chat.type, ...(cmd ? { command: { name: cmd.name, ...(cmd.to ? { to: cmd.to } : {}) } } : {}), ...(kind === 'group_reply' ? { repliesToBot: true } : {}), describe: `${kind} ${JSON.stringify(text.slice(0, 80))}` };
      }
      case 'edited_message': {
        const chat = pickChat<Chat>([...privateChats, ...groups], exclude);
        if (!chat) return undefined;
        const text = rng.chance(0.5) ? commandText(chat.type !== 'private').text : body();
        const message = textMessage(chat, fromOf(chat), messageId(chat.id) - rng.int(1, 5), d - rng.int(1, 600), text, { edit_date: d } as Partial<Message.TextMessage>);
        return { update: messageUpdate(message, 'edited_message'), kind, chatId: chat.id, chatType: chat.type, describe: `edited ${JSON.stringify(text.slice(0, 60))}` };
      }
      case 'media': {
        const chat = pickChat<Chat>([...privateChats, ...groups], exclude);
        if (!chat) return undefined;
        const replies = chat.type !== 'private' && rng.chance(0.3);
        const content = media();
        const message = { message_id: messageId(chat.id), from: fromOf(chat), chat, date: d, ...content, ...(replies ? { reply_to_message: replyTarget(chat) } : {}) } as unknown as Message;
        return { update: messageUpdate(message), kind, chatId: chat.id, chatType: chat.type, repliesToBot: replies, describe: `media ${Object.keys(content).join('+')} in ${chat.type}${replies ? ' (reply to bot)' : ''}` };
      }
      case 'service': {
        const chat = pickChat(groups, exclude);
        if (!chat) return undefined;
        const botJoined = rng.chance(0.25);
        const who = botJoined ? botUser : member(chat.id);
        const content = rng.pick([
          { new_chat_members: [who, ...(rng.chance(0.3) ? [user(rng.int(1, 1e9))] : [])] },
          { left_chat_member: rng.chance(0.3) ? botUser : who },
          { new_chat_title: freeText() },
          { group_chat_created: true },
          { pinned_message: replyTarget(chat) },
        ]);
        const joined = 'new_chat_members' in content && (content.new_chat_members ?? []).some((u) => u.id === botUser.id);
        const message = { message_id: messageId(chat.id), from: member(chat.id), chat, date: d, ...content } as unknown as Message;
        return { update: messageUpdate(message), kind, chatId: chat.id, chatType: chat.type, botJoined: joined, describe: `service ${Object.keys(content)[0]}${joined ? ' (bot joined)' : ''}` };
      }
      case 'channel_post':
      case 'edited_channel_post': {
        const chat = pickChat(channels, exclude);
        if (!chat) return undefined;
        const text = rng.pick([body(), commandText(false).text, `/article_${rng.pick(articleIds)}`, `@${me} ${rng.pick(CJK_WORDS)}`]);
        const message = textMessage(chat, undefined as unknown as User, messageId(chat.id), d, text, { sender_chat: chat } as Partial<Message.TextMessage>);
        delete (message as Partial<Message.TextMessage>).from;
        if (kind === 'edited_channel_post') Object.assign(message, { edit_date: d });
        return { update: messageUpdate(message, kind), kind, chatId: chat.id, chatType: 'channel', describe: `${kind} ${JSON.stringify(text.slice(0, 60))}` };
      }
      case 'inline_query': {
        const from = user(rng.pick(privateChats).id);
        const query = rng.pick(['', rng.pick(CJK_WORDS), `/article_${rng.pick(articleIds)}`, cutToChars(body(), 256)]);
        const update = { update_id: ++updateId, inline_query: { id: String(rng.int(1, 2 ** 52)), from, query, offset: '', chat_type: rng.pick(['sender', 'private', 'group', 'supergroup']) } } as unknown as Update;
        return { update, kind, describe: `inline_query ${JSON.stringify(query.slice(0, 40))}` };
      }
      case 'my_chat_member': {
        const chat = pickChat<Chat>([...privateChats, ...groups], exclude);
        if (!chat) return undefined;
        const statuses = chat.type === 'private' ? ['kicked', 'member'] : ['left', 'kicked', 'member', 'administrator'];
        const status = rng.pick(statuses);
        const old = rng.pick(statuses.filter((s) => s !== status));
        const member_ = (st: string): Record<string, unknown> => (st === 'administrator'
          ? { status: st, user: botUser, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: false, can_restrict_members: false, can_promote_members: false, can_change_info: false, can_invite_users: true, can_post_stories: false, can_edit_stories: false, can_delete_stories: false }
          : st === 'kicked' ? { status: st, user: botUser, until_date: 0 } : { status: st, user: botUser });
        const update = { update_id: ++updateId, my_chat_member: { chat, from: fromOf(chat), date: d, old_chat_member: member_(old), new_chat_member: member_(status) } } as unknown as Update;
        return { update, kind, chatId: chat.id, chatType: chat.type, describe: `my_chat_member ${old} → ${status} in ${chat.type}` };
      }
      case 'callback_query': {
        const chat = pickChat<Chat>([...privateChats, ...groups], exclude, (c) => botMessages(c.id).length > 0);
        if (!chat) return undefined;
        const target = rng.pick(botMessages(chat.id));
        const { data, origin } = callbackData(chat.id, target);
        // A message without text (the bot's trend picture) arrives as a photo, as Telegram sends it.
        const content = target.text !== '' ? { text: target.text.slice(0, 4096) } : { photo: [{ file_id: 'photo', file_unique_id: 'photo', width: 960, height: 480 }] };
        const message = { message_id: target.message_id, from: botUser, chat, date: d - rng.int(1, 3600), ...content };
        const id = `${(callbackSeq += rng.int(1, 99))}${rng.int(100000, 999999)}`;
        const callback_query = { id, from: fromOf(chat), message, chat_instance: String(Math.abs(chat.id) * 31), ...(data === undefined ? { game_short_name: 'game' } : { data }) };
        return { update: { update_id: ++updateId, callback_query } as unknown as Update, kind, chatId: chat.id, chatType: chat.type, callback: { id, ...(data === undefined ? {} : { data }), origin }, describe: `callback ${origin} ${JSON.stringify(data)} on message ${target.message_id} in ${chat.type}` };
      }
    }
  };

  const next = (opts: { excludeChats?: ReadonlySet<number> } = {}): GeneratedUpdate => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const made = generate(rng.weighted(weights), opts.excludeChats);
      if (made) return made;
    }
    // Every chat excluded or no bot message yet: an inline query needs no chat.
    return generate('inline_query') as GeneratedUpdate;
  };

  return {
    next,
    batch(n) {
      const used = new Set<number>();
      const out: GeneratedUpdate[] = [];
      for (let i = 0; i < n; i++) {
        const g = next({ excludeChats: used });
        if (g.chatId !== undefined) used.add(g.chatId);
        out.push(g);
      }
      return out;
    },
    privateChats,
    groups,
    rng,
  };
}
