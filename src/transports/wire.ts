/** The composition root: the app's data, the digest service and the bot's dependencies, wired once for every transport. */
import { openApp, type OpenOverrides } from '../app/open.ts';
import type { BotDeps } from '../bot/context.ts';
import type { Config } from '../config.ts';
import { createDigestService, type DigestService } from '../digest/service.ts';
import type { Logger } from '../logger.ts';

/** The bot's dependencies with the whole digest service, which transports start and stop. */
export type Deps = BotDeps & { digests: DigestService };

/** Opens the app and adds the digest service; nothing is scheduled until a transport starts it. */
export async function openDeps(config: Config, log: Logger, overrides: OpenOverrides = {}): Promise<Deps> {
  const app = await openApp(config, log, overrides);
  const digests = createDigestService({ store: app.store, library: app.library, log, clock: app.clock, cron: config.digestCron, timezone: config.digestTz });
  return { ...app, digests };
}
