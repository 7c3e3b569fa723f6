/**
 * Who a posted message would actually notify, from its content and `allowed_mentions`.
 *
 * drillbot's rule is "no mentions except the configured ping role", and the honest test of
 * that is not "the body had `parse: []`" but "the stored message mentions nobody": the fake
 * resolves mentions the documented way so tests can assert on the outcome, and it rejects
 * the combinations Discord rejects (`parse: ['users']` together with `users: [...]`).
 *
 * @see https://discord.com/developers/docs/resources/message#allowed-mentions-object
 */
import type { APIUser } from 'discord.js';
import { z } from 'zod';
import { PERMISSION } from './constants.ts';
import { RestError } from './errors.ts';
import type { ChannelState, World } from './world.ts';
import { renderUser } from './world-render.ts';

export const allowedMentionsSchema = z.object({
  parse: z.array(z.enum(['users', 'roles', 'everyone'])).optional(),
  users: z.array(z.string()).max(100).optional(),
  roles: z.array(z.string()).max(100).optional(),
  replied_user: z.boolean().optional(),
});
export type AllowedMentions = z.infer<typeof allowedMentionsSchema>;

export interface ResolvedMentions {
  mentions: APIUser[];
  mention_roles: string[];
  mention_everyone: boolean;
}

const NONE: ResolvedMentions = { mentions: [], mention_roles: [], mention_everyone: false };

function ids(content: string, pattern: RegExp): string[] {
  return [...new Set([...content.matchAll(pattern)].map((match) => match[1] ?? ''))].filter(
    Boolean,
  );
}

/** Throws the 400 Discord gives for contradictory allowed_mentions. */
export function validateAllowedMentions(allowed: AllowedMentions | undefined): void {
  if (!allowed?.parse) return;
  for (const kind of ['users', 'roles'] as const) {
    if (allowed.parse.includes(kind) && allowed[kind] !== undefined) {
      throw RestError.invalidForm({
        allowed_mentions: {
          _errors: [
            {
              code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
              message: `parse:["${kind}"] and ${kind}: [ids] are mutually exclusive.`,
            },
          ],
        },
      });
    }
  }
}

/**
 * Resolves `<@id>`, `<@&id>` and `@everyone`/`@here` against `allowed_mentions` (absent
 * means "parse everything", Discord's default). Role and everyone pings also need the
 * role to be mentionable or the bot to hold Mention Everyone, as on Discord.
 */
export function resolveMentions(
  world: World,
  channel: ChannelState,
  content: string,
  allowed: AllowedMentions | undefined,
): ResolvedMentions {
  if (content.length === 0) return NONE;
  const parse = allowed === undefined ? ['users', 'roles', 'everyone'] : (allowed.parse ?? []);
  const guild = world.guildOf(channel);
  const mayMentionAll =
    guild !== undefined &&
    (world.channelPermissions(channel, world.botUserId) & PERMISSION.MentionEveryone) !== 0n;

  const userIds = ids(content, /<@!?(\d+)>/g).filter(
    (id) => parse.includes('users') || (allowed?.users ?? []).includes(id),
  );
  const roleIds = ids(content, /<@&(\d+)>/g).filter((id) => {
    const allowedHere = parse.includes('roles') || (allowed?.roles ?? []).includes(id);
    return allowedHere && (mayMentionAll || guild?.roles.get(id)?.mentionable === true);
  });
  const everyone =
    /@(everyone|here)\b/.test(content) && parse.includes('everyone') && mayMentionAll;
  return {
    mentions: userIds.map((id) => renderUser(world.users.get(id), id)),
    mention_roles: roleIds,
    mention_everyone: everyone,
  };
}
