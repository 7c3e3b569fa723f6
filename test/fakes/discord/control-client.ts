/**
 * Typed client for the standalone fake's `/_fake/` control routes: the same operations as the
 * in-process `FakeDiscord`, over HTTP, for a chaos test that runs the fake as its own process.
 * Answers are narrowed with zod; a control call that fails throws with the fake's detail.
 */
import { z } from 'zod';
import type { PermissionName } from './constants.ts';
import type { Fault } from './faults.ts';
import { type FakeDiscordInfo, fakeDiscordInfoSchema } from './info.ts';
import type { MemberPostInput, MemberReactionInput } from './member-actions.ts';
import { type RecordedRequest, recordedRequestSchema } from './request-log.ts';

const okSchema = z.looseObject({ ok: z.literal(true) });
const errorSchema = z.object({
  ok: z.literal(false),
  error: z.string(),
  detail: z.string().optional(),
});

const remoteMessageSchema = z.looseObject({
  id: z.string(),
  channel_id: z.string(),
  content: z.string(),
  author: z.looseObject({ id: z.string() }),
  nonce: z.union([z.string(), z.number()]).optional(),
});
export type RemoteMessage = z.infer<typeof remoteMessageSchema>;

const sessionSchema = z.object({
  id: z.string(),
  status: z.enum(['live', 'detached', 'ended']),
  seq: z.number(),
  intents: z.number(),
  shard: z.tuple([z.number(), z.number()]),
  resumes: z.number(),
});
export type RemoteSession = z.infer<typeof sessionSchema>;

export class FakeDiscordControl {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  private async call(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}/_fake/${path}`, {
      method,
      ...(payload === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }),
    });
    const json: unknown = await response.json();
    const failed = errorSchema.safeParse(json);
    if (failed.success)
      throw new Error(
        `fake discord control ${path}: ${failed.data.error} ${failed.data.detail ?? ''}`,
      );
    return okSchema.parse(json);
  }

  async info(): Promise<FakeDiscordInfo> {
    return z.object({ info: fakeDiscordInfoSchema }).parse(await this.call('GET', 'info')).info;
  }

  async requests(route?: string): Promise<RecordedRequest[]> {
    const query = route === undefined ? '' : `?route=${encodeURIComponent(route)}`;
    return z
      .object({ requests: z.array(recordedRequestSchema) })
      .parse(await this.call('GET', `requests${query}`)).requests;
  }

  async fault(route: string, fault: Fault, times = 1): Promise<void> {
    await this.call('POST', 'faults', { route, fault, times });
  }

  async dispatch(type: string, data: unknown): Promise<void> {
    await this.call('POST', 'dispatch', { type, data });
  }

  async interact(payload: unknown): Promise<void> {
    await this.call('POST', 'interact', { payload });
  }

  async disconnect(code?: number, terminate?: boolean): Promise<number> {
    return z
      .object({ dropped: z.number() })
      .parse(await this.call('POST', 'disconnect', { code, terminate })).dropped;
  }

  async sessions(): Promise<RemoteSession[]> {
    return z.object({ sessions: z.array(sessionSchema) }).parse(await this.call('GET', 'sessions'))
      .sessions;
  }

  async messages(channelId?: string): Promise<RemoteMessage[]> {
    const query = channelId === undefined ? '' : `?channel=${encodeURIComponent(channelId)}`;
    const parsed = z
      .object({ messages: z.array(z.object({ message: remoteMessageSchema })) })
      .parse(await this.call('GET', `messages${query}`));
    return parsed.messages.map((entry) => entry.message);
  }

  async post(input: MemberPostInput): Promise<RemoteMessage> {
    return z
      .object({ message: remoteMessageSchema })
      .parse(await this.call('POST', 'members/post', input)).message;
  }

  /** `post`, with the gateway sessions the MESSAGE_CREATE was sent to. */
  async postTracked(input: MemberPostInput): Promise<{
    message: RemoteMessage;
    dispatched: { sessionId: string; s: number; delivered: boolean }[];
  }> {
    return z
      .object({
        message: remoteMessageSchema,
        dispatched: z.array(
          z.object({ sessionId: z.string(), s: z.number(), delivered: z.boolean() }),
        ),
      })
      .parse(await this.call('POST', 'members/post', input));
  }

  async edit(messageId: string, content: string): Promise<void> {
    await this.call('POST', 'members/edit', { messageId, content });
  }

  async delete(messageId: string): Promise<void> {
    await this.call('POST', 'members/delete', { messageId });
  }

  async react(input: MemberReactionInput): Promise<void> {
    await this.call('POST', 'members/react', input);
  }

  async removeBotFromGuild(guildId?: string): Promise<void> {
    await this.call('POST', 'guilds/remove-bot', { guildId });
  }

  async denyBot(channelId: string, denyBot: PermissionName[]): Promise<void> {
    await this.call('POST', 'permissions', { channelId, denyBot });
  }
}
