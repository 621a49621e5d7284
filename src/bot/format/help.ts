/** The command list (for the menu and help) and the /start and /help texts, as pure functions. */
import { escapeHtml } from '../html.ts';

/** A command of the menu: name without slash, short Chinese description, and an example use. */
export interface CommandInfo {
  command: string;
  description: string;
  example: string;
}

/** Every command the bot knows, in menu order. */
export const COMMANDS: readonly CommandInfo[] = [
  { command: 'start', description: '开始使用', example: '/start' },
  { command: 'help', description: '查看用法和示例', example: '/help' },
  { command: 'who', description: '查人物：出现过的报道和职务', example: '/who 吕沛' },
  { command: 'people', description: '人物名录', example: '/people' },
  { command: 'meetings', description: '会议列表，可按月份或关键词', example: '/meetings 2021-11' },
  { command: 'topics', description: '专题列表', example: '/topics' },
  { command: 'topic', description: '查看一个专题的报道', example: '/topic 疫情防控' },
  { command: 'trend', description: '专题或关键词的月度趋势图', example: '/trend 疫情防控' },
  { command: 'subscribe', description: '订阅专题或关键词，每日推送', example: '/subscribe 疫情防控' },
  { command: 'unsubscribe', description: '取消订阅', example: '/unsubscribe' },
  { command: 'subscriptions', description: '我的订阅', example: '/subscriptions' },
  { command: 'digest', description: '立即查看订阅的新报道', example: '/digest' },
  { command: 'article', description: '按编号阅读全文', example: '/article 编号' },
];

/** Whether `name` (without slash, any case) is one of COMMANDS. */
export const isKnownCommand = (name: string): boolean => COMMANDS.some((c) => c.command === name.toLowerCase());

/** The /help text: how to search, then every command with an example. */
export function formatHelp(): string {
  const lines = [
    '<b>焦作日报·示范区（高新区）版 查询助手</b>',
    '',
    '直接发送关键词即可搜索报道，例如：<code>疫情防控</code>、<code>吕沛 调研</code>。',
    '在群里使用时，请 @我 或回复我的消息。',
    '',
    '<b>命令</b>',
    ...COMMANDS.map((c) => `<code>${escapeHtml(c.example)}</code> — ${escapeHtml(c.description)}`),
    '',
    '<code>/meetings</code> 后可写月份（如 <code>2021-11</code>）或关键词（如 <code>/meetings 党工委</code>）。',
    '在任意聊天中输入 <code>@机器人用户名 关键词</code> 可以分享报道卡片，<code>@机器人用户名 who 吕沛</code> 分享人物卡片。',
  ];
  return lines.join('\n');
}

/** The /start text: a greeting with the size of the library, then the help. */
export function formatStart(stats: { pages: number; articles: number }): string {
  return `你好！我收录了 ${stats.pages} 个版面、${stats.articles} 篇报道。\n\n${formatHelp()}`;
}

/** The compact command list appended to short notes: "/start /help /who …". */
export function commandList(): string {
  return COMMANDS.map((c) => `/${c.command}`).join(' ');
}
