/**
 * Catch-up after a new gateway session. Discord replays missed dispatches only to a session
 * that RESUMEs; a new session (this process took the gateway over from one that died, or its
 * own session could not be resumed) never hears what members wrote in between. The threads of
 * open drills are therefore read back over REST
 * (https://discord.com/developers/docs/resources/message#get-channel-messages) and their
 * messages handed on as MESSAGE_CREATE data; the core knows each by its message id, so the
 * ones already stored are dropped.
 */
import { type REST, Routes } from 'discord.js';
import { z } from 'zod';
import { discordMessage } from './ids.ts';
import { rest } from './rest-errors.ts';

/** Discord's largest page. */
const PAGE = 100;
/** A drill thread longer than this is unusual; the rest is left rather than stall the gateway. */
const MAX_PAGES = 10;

const messageIdSchema = z.looseObject({ id: z.string().regex(/^\d+$/) });

export interface OpenThread {
  guildId: string;
  /** A thread started from the question message has the message's id. */
  threadId: string;
}

/** The threads of open drills, from the core's message refs (`discord:<guild>:<channel>:<message>`). */
export function openThreads(refs: readonly string[]): OpenThread[] {
  return refs.flatMap((ref) => {
    try {
      const parts = discordMessage(ref);
      return [{ guildId: parts.workspace, threadId: parts.message }];
    } catch {
      return [];
    }
  });
}

const byId = (a: { id: string }, b: { id: string }) => {
  const [x, y] = [BigInt(a.id), BigInt(b.id)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Every message of `thread` after its start, oldest first, with the guild id a dispatch has. */
export async function* threadMessages(api: REST, thread: OpenThread): AsyncGenerator<unknown> {
  let after = thread.threadId;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = new URLSearchParams({ after, limit: String(PAGE) });
    const answer = await rest('idempotent', 'read thread', () =>
      api.get(Routes.channelMessages(thread.threadId), { query }),
    );
    const parsed = z.array(messageIdSchema).safeParse(answer);
    if (!parsed.success || parsed.data.length === 0) return;
    const messages = [...parsed.data].sort(byId);
    for (const message of messages) yield { ...message, guild_id: thread.guildId };
    after = (messages.at(-1) as { id: string }).id;
    if (parsed.data.length < PAGE) return;
  }
}
