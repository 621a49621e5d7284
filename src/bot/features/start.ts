/** /start and /help: a greeting with the library's size, and the usage with an example of every command. */
import { Composer } from 'telegraf';
import type { Context } from 'telegraf';
import type { BotDeps } from '../context.ts';
import { replyHtml } from '../context.ts';
import { formatHelp, formatStart } from '../format/help.ts';

/** The /start and /help commands. */
export function startFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.start((ctx) => replyHtml(ctx, formatStart(deps.library.stats())));
  feature.help((ctx) => replyHtml(ctx, formatHelp()));
  return feature;
}
