/** Admin commands, answered only in the chats listed in ADMIN_CHAT_IDS. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import { reloadAll } from '../../app/ingest.ts';
import type { BotDeps } from '../context.ts';
import { replyHtml } from '../context.ts';
import { escapeHtml } from '../html.ts';

/** /reload: read SEEDS_DIR again and index what is new. */
export function adminFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.command('reload', async (ctx) => {
    if (!deps.config.adminChatIds.includes(ctx.chat.id)) {
      deps.log.warn({ chatId: ctx.chat.id }, 'refused an admin command');
      return void (await replyHtml(ctx, '抱歉，这个命令只对管理员开放。'));
    }
    const result = reloadAll({ ...deps, seedsDir: deps.config.seedsDir });
    const changed = result.changed > 0 ? `，更新或撤下 ${result.changed} 篇` : '';
    const lines = [`已重新读取 ${result.pages} 个版面，新增 ${result.added} 篇文章${changed}。`];
    for (const w of result.warnings.slice(0, 10)) lines.push(`⚠️ ${escapeHtml(w.source)} ${escapeHtml(w.message)}`);
    await replyHtml(ctx, lines.join('\n'));
  });
  return feature;
}
