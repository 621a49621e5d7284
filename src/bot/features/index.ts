/** The features every transport installs, in order, between /article and the fallback. */
import type { Composer, Context } from 'telegraf';
import type { BotDeps } from '../context.ts';
import { adminFeature } from './admin.ts';
import { inlineFeature } from './inline.ts';
import { peopleFeature } from './people.ts';
import { searchFeature } from './search.ts';
import { subscribeFeature } from './subscribe.ts';
import { topicsFeature } from './topics.ts';
import { trendFeature } from './trend.ts';

/** Feature composers installed between /article and the fallback, in this order. Add new features here. */
export function pluginFeatures(deps: BotDeps): Composer<Context>[] {
  return [peopleFeature(deps), topicsFeature(deps), trendFeature(deps), subscribeFeature(deps), adminFeature(deps), inlineFeature(deps), searchFeature(deps)];
}
