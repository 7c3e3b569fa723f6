/**
 * What the adapter knows about channels from the gateway and its own REST calls: the guild of
 * each channel, and the parent channel of each thread. The translators of ./inbound.ts need
 * the parent because a dispatch in a thread names only the thread, while the core keeps the
 * drill under its channel. Fed by GUILD_CREATE (`channels`, and `threads`: the guild's active
 * threads, https://discord.com/developers/docs/events/gateway-events#guild-create),
 * THREAD_CREATE / THREAD_UPDATE / THREAD_LIST_SYNC, CHANNEL_CREATE, and the threads the
 * adapter starts itself; a thread still unknown (archived before a restart) is looked up once
 * with GET /channels/{id} (see `DiscordAdapter`).
 */
import { z } from 'zod';
import { THREAD_TYPES } from './inbound-schemas.ts';

const channelSchema = z.object({
  id: z.string(),
  type: z.number().int(),
  guild_id: z.string().nullish(),
  parent_id: z.string().nullish(),
});
const guildSchema = z.object({
  id: z.string(),
  channels: z.array(z.unknown()).optional(),
  threads: z.array(z.unknown()).optional(),
});
const threadListSchema = z.object({ guild_id: z.string(), threads: z.array(z.unknown()) });

export class ChannelDirectory {
  private readonly guilds = new Map<string, string>();
  private readonly parents = new Map<string, string>();

  guildOf = (channel: string): string | undefined => this.guilds.get(channel);
  parentOf = (thread: string): string | undefined => this.parents.get(thread);

  /** Whether `channel` is known at all (as a channel or a thread). */
  knows(channel: string): boolean {
    return this.guilds.has(channel);
  }

  /** Records a channel or thread object (REST or gateway shape). */
  addChannel(data: unknown, guildId?: string): void {
    const parsed = channelSchema.safeParse(data);
    if (!parsed.success) return;
    const channel = parsed.data;
    const guild = channel.guild_id ?? guildId;
    if (guild) this.guilds.set(channel.id, guild);
    if (THREAD_TYPES.has(channel.type) && channel.parent_id) {
      this.parents.set(channel.id, channel.parent_id);
    }
  }

  /** A thread the adapter started itself on a message (its id is the message's). */
  addThread(guild: string, parent: string, thread: string): void {
    this.guilds.set(thread, guild);
    this.parents.set(thread, parent);
  }

  /** Feeds one gateway dispatch; unrelated dispatches are ignored. */
  observe(type: string, data: unknown): void {
    switch (type) {
      case 'GUILD_CREATE': {
        const guild = guildSchema.safeParse(data);
        if (!guild.success) return;
        for (const channel of guild.data.channels ?? []) this.addChannel(channel, guild.data.id);
        for (const thread of guild.data.threads ?? []) this.addChannel(thread, guild.data.id);
        return;
      }
      case 'THREAD_LIST_SYNC': {
        const list = threadListSchema.safeParse(data);
        if (!list.success) return;
        for (const thread of list.data.threads) this.addChannel(thread, list.data.guild_id);
        return;
      }
      case 'CHANNEL_CREATE':
      case 'CHANNEL_UPDATE':
      case 'THREAD_CREATE':
      case 'THREAD_UPDATE':
        this.addChannel(data);
        return;
      default:
        return;
    }
  }
}
