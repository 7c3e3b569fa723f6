/**
 * The real drill engine on a DiscordAdapter, and `/drill` as a member sends it through the
 * fake Discord, for the end-to-end tests.
 */

import type { DiscordAdapter } from '../../../adapters/discord/index.ts';
import { type Catalog, loadCatalog } from '../../../src/content/catalog.ts';
import { systemClock } from '../../../src/core/clock.ts';
import type { EngineContext } from '../../../src/core/context.ts';
import type { PlatformName } from '../../../src/core/ids.ts';
import { noMetrics } from '../../../src/core/metrics-port.ts';
import type { Platform } from '../../../src/core/platform.ts';
import { DrillService } from '../../../src/core/service.ts';
import {
  drillCommand,
  type FakeDiscord,
  type OptionValue,
  type PayloadUser,
} from '../../fakes/discord/index.ts';
import { adapterOn, channelsIn, logger } from './harness.ts';

/** Starts the engine with a DiscordAdapter on `fake`; `close` stops adapter and fake. */
export async function withEngine(
  db: EngineContext['db'],
  fake: FakeDiscord,
  adapterOptions: { deferAfterMs?: number } = {},
): Promise<{ service: DrillService; adapter: DiscordAdapter; close(): Promise<void> }> {
  let catalog: Catalog = await loadCatalog(db, []);
  const adapter = adapterOn(fake, {
    packIds: () => catalog.packs.map((pack) => pack.id),
    channelsOf: channelsIn(db),
    ...adapterOptions,
  });
  const context: EngineContext = {
    db,
    clock: systemClock,
    logger,
    metrics: noMetrics,
    platforms: new Map<PlatformName, Platform>([['discord', adapter]]),
    instanceId: 'discord-e2e',
    settings: { bootstrapAdmins: [], defaultWindowMs: () => 8 * 3_600_000, leaseMs: 60_000 },
    catalog: () => catalog,
    async reloadCatalog() {
      catalog = await loadCatalog(db, []);
      return catalog;
    },
  };
  const service = new DrillService(context);
  await adapter.start((event) => service.handle(event));
  return {
    service,
    adapter,
    async close() {
      await adapter.stop();
      await fake.stop();
    },
  };
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface CommandAnswer {
  /** Content and embed text of the reply the invoker saw. */
  text: string;
  /** The first callback's type (4 answered at once, 5 deferred). */
  callbackType: number;
  /** Whether the reply is ephemeral (flag 64). */
  ephemeral: boolean;
}

/** `/drill <sub>` by `user` (with `permissions`); resolves with the reply the invoker saw. */
export async function command(
  fake: FakeDiscord,
  user: PayloadUser,
  subcommand: string,
  options: {
    permissions?: string;
    values?: Record<string, OptionValue>;
    channelId?: string;
    channelType?: 0 | 11;
  } = {},
): Promise<CommandAnswer> {
  const record = fake.interact(
    drillCommand({
      subcommand,
      user,
      ...(options.permissions ? { permissions: options.permissions } : {}),
      ...(options.values ? { options: options.values } : {}),
      ...(options.channelId ? { channelId: options.channelId } : {}),
      ...(options.channelType ? { channelType: options.channelType } : {}),
    }),
  );
  const stored = await until(() => {
    const id = record.originalMessageId;
    const message = id === undefined ? undefined : fake.messages.get(id);
    if (!message) return undefined;
    const { content, embeds } = message.message;
    return content !== '' || embeds.length > 0 ? message : undefined;
  }, `the answer to /drill ${subcommand}`);
  const embeds = stored.message.embeds.map((embed) => JSON.stringify(embed));
  return {
    text: [stored.message.content, ...embeds].join('\n'),
    callbackType: record.response?.type ?? 0,
    ephemeral: ((stored.message.flags ?? 0) & 64) === 64,
  };
}

export { until };
