import { clip, displayDate, paginate, pagerButtons } from '../../src/bot/format/common.ts';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.ts';
import { ARTICLE_USAGE, articleMeta, formatArticle, formatUnknownArticle } from '../../src/bot/format/article.ts';
import { COMMANDS, commandList, formatHelp, formatStart, isKnownCommand } from '../../src/bot/format/help.ts';
import { formatUnhandledText, formatUnknownCommand } from '../../src/bot/features/fallback.ts';
import { validateTelegramHtml } from '../../src/bot/html.ts';
import { renderReplies } from '../../src/transports/console.ts';

const article: Article = {
  id: 'abc123', source: '2021-11-05.txt', title: 'A <b> & "C"', titleSource: 'printed', subtitle: '副题 <i>',
  date: '2021-11-03', reporters: ['郭树勋', '李四'], correspondents: ['张三'], body: '第一段 a<b\n\n  \n第二段 &amp;', kind: 'news',
  published: '2021-11-05',
};

describe('article formatting', () => {
  it('renders title, subtitle, meta and paragraphs, all escaped', () => {
    expect(formatArticle(article)).toBe([
      '<b>A &lt;b&gt; &amp; &quot;C&quot;</b>',
      '<i>副题 &lt;i&gt;</i>',
      '2021-11-03 · 2021-11-05.txt · 记者 郭树勋、李四 · 通讯员 张三',
      '',
      '第一段 a&lt;b',
      '',
      '第二段 &amp;amp;',
    ].join('\n'));
    expect(validateTelegramHtml(formatArticle(article)).ok).toBe(true);
  });

  it('leaves out the bylines an article lacks and says when an undated article was printed', () => {
    const bare = { ...article, subtitle: null, date: null, published: null, reporters: [], correspondents: [] };
    expect(articleMeta(bare)).toBe('日期不详 · 2021-11-05.txt');
    expect(articleMeta({ ...bare, published: '2021-11-05' })).toBe('见报 2021-11-05 · 2021-11-05.txt');
    expect(formatArticle({ ...bare, body: 'x' })).toBe('<b>A &lt;b&gt; &amp; &quot;C&quot;</b>\n日期不详 · 2021-11-05.txt\n\nx');
  });

  it('answers unknown and missing ids', () => {
    expect(formatUnknownArticle('<x>')).toBe('没有找到编号为 <code>&lt;x&gt;</code> 的文章。请核对编号，编号见搜索结果。');
    expect(formatUnknownArticle('x'.repeat(50))).toBe(`没有找到编号为 <code>${'x'.repeat(40)}…</code> 的文章。请核对编号，编号见搜索结果。`);
    expect(ARTICLE_USAGE).toBe('请在命令后写上文章编号：<code>/article 编号</code>。编号见搜索结果。');
  });
});

describe('help formatting', () => {
  it('lists every command with an example, as valid HTML', () => {
    const help = formatHelp();
    expect(validateTelegramHtml(help).ok).toBe(true);
    for (const example of ['/who 吕沛', '/people', '/meetings 2021-11', '/topics', '/topic 疫情防控', '/subscribe 疫情防控',
      '/unsubscribe', '/subscriptions', '/digest', '/article 编号']) expect(help).toContain(`<code>${example}</code>`);
    expect(help).toContain('直接发送关键词即可搜索报道');
    expect(formatStart({ pages: 5, articles: 50 })).toBe(`你好！我收录了 5 个版面、50 篇报道。\n\n${help}`);
  });

  it('knows the command names', () => {
    expect(COMMANDS.map((c) => c.command)).toEqual(['start', 'help', 'who', 'people', 'meetings', 'topics', 'topic', 'trend',
      'subscribe', 'unsubscribe', 'subscriptions', 'digest', 'article']);
    expect(isKnownCommand('WHO')).toBe(true);
    expect(isKnownCommand('nope')).toBe(false);
    expect(commandList()).toBe('/start /help /who /people /meetings /topics /topic /trend /subscribe /unsubscribe /subscriptions /digest /article');
  });
});

describe('fallback texts', () => {
  it('escapes and cuts what it echoes', () => {
    expect(formatUnhandledText('<script>alert(1)</script>')).toBe('暂时无法处理「&lt;script&gt;alert(1)&lt;/script&gt;」。发送 /help 查看用法。');
    expect(formatUnhandledText('长'.repeat(5000))).toBe(`暂时无法处理「${'长'.repeat(50)}…」。发送 /help 查看用法。`);
    expect(formatUnknownCommand('nope')).toBe(`没有 /nope 这个命令。\n可用命令：${commandList()}\n发送 /help 查看说明和示例。`);
    expect(formatUnknownCommand('who')).toBe(`命令 /who 暂时不可用。\n可用命令：${commandList()}\n发送 /help 查看说明和示例。`);
  });
});

describe('console rendering', () => {
  it('prints text, numbered buttons, edits and notices', () => {
    expect(renderReplies([
      { method: 'sendMessage', messageId: 3, raw: '<b>a</b>', text: 'a', buttons: [[{ text: '上一页', number: 1, data: 'p' }, { text: '下一页', number: 2, data: 'n' }], [{ text: '原文', url: 'https://x.example' }]] },
      { method: 'editMessageText', messageId: 3, raw: 'b', text: 'b', buttons: [] },
      { method: 'answerCallbackQuery', raw: '按钮已过期', text: '按钮已过期', buttons: [] },
    ])).toBe('a\n[1] 上一页  [2] 下一页\n原文 <https://x.example>\n\n（更新了消息 #3）\nb\n\n（提示：按钮已过期）');
  });
});

describe('shared formatting pieces', () => {
  it('clips to at most the given characters, ellipsis included, folding whitespace', () => {
    expect(clip('一二三四五', 5)).toBe('一二三四五');
    expect(clip('一二三四五六', 5)).toBe('一二三四…');
    expect(clip(' a \n b ', 10)).toBe('a b');
  });

  it('shows the dateline day, else the publication day marked 见报, else 日期不详', () => {
    expect(displayDate({ date: '2021-11-03', published: '2021-11-05' })).toBe('2021-11-03');
    expect(displayDate({ date: null, published: '2021-11-05' })).toBe('见报 2021-11-05');
    expect(displayDate({ date: null, published: null })).toBe('日期不详');
  });

  it('clamps a page to the pages there are, counting from 1', () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    expect(paginate(items, 1, 10)).toEqual({ items: items.slice(0, 10), page: 1, pages: 3 });
    expect(paginate(items, 9, 10)).toEqual({ items: items.slice(20), page: 3, pages: 3 });
    expect(paginate(items, 0, 10).page).toBe(1);
    expect(paginate([], 2, 10)).toEqual({ items: [], page: 1, pages: 1 });
  });

  it('offers previous and next buttons only where there is a page to go to', () => {
    expect(pagerButtons('p:', 1, 1)).toEqual([]);
    expect(pagerButtons('p:', 1, 3)).toEqual([[{ text: '下一页 »', callback_data: 'p:2' }]]);
    expect(pagerButtons('p:', 3, 3)).toEqual([[{ text: '« 上一页', callback_data: 'p:2' }]]);
  });
});
