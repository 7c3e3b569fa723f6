/**
 * Who a member is and whether Discord makes them an admin. Admin means the guild owner, or a
 * member whose roles grant Administrator or Manage Server
 * (https://discord.com/developers/docs/topics/permissions#permission-hierarchy): both are
 * guild-wide, so channel overwrites do not matter. An interaction already carries the
 * invoker's computed permissions; the adapter passes that hint here, so the usual admin check
 * (right after a command) costs no REST call.
 */
import type { REST } from 'discord.js';
import { Routes } from 'discord.js';
import { z } from 'zod';
import { PlatformError } from '../../src/core/platform.ts';
import { rest } from './rest-errors.ts';

const ADMIN_BITS = (1n << 3n) | (1n << 5n);
/** How long an interaction's hint and a lookup are trusted. */
const HINT_MS = 60_000;

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  global_name: z.string().nullish(),
  bot: z.boolean().nullish(),
});
export type DiscordUser = z.infer<typeof userSchema>;
const guildSchema = z.object({
  owner_id: z.string(),
  roles: z.array(z.object({ id: z.string(), permissions: z.string() })),
});
const memberSchema = z.object({ roles: z.array(z.string()) });

export class MemberDirectory {
  private readonly api: REST;
  private readonly now: () => number;
  private readonly users = new Map<string, { user: DiscordUser; at: number }>();
  private readonly admins = new Map<string, { admin: boolean; at: number }>();

  constructor(api: REST, now: () => number) {
    this.api = api;
    this.now = now;
  }

  /** An interaction's `member.permissions` said whether `user` is an admin of `guild`. */
  hint(guild: string, user: string, admin: boolean): void {
    this.admins.set(`${guild}:${user}`, { admin, at: this.now() });
  }

  /** https://discord.com/developers/docs/resources/user#get-user (cached). */
  async user(id: string): Promise<DiscordUser | undefined> {
    const cached = this.users.get(id);
    if (cached && this.now() - cached.at < 5 * HINT_MS) return cached.user;
    const fetched = await rest('idempotent', 'get user', () => this.api.get(Routes.user(id))).catch(
      (error: unknown) => {
        // 404 Unknown User: no such member, not a failure.
        if (error instanceof PlatformError && error.kind === 'channel_gone') return undefined;
        throw error;
      },
    );
    const parsed = userSchema.safeParse(fetched);
    if (!parsed.success) return undefined;
    this.users.set(id, { user: parsed.data, at: this.now() });
    return parsed.data;
  }

  /** Owner, Administrator or Manage Server in `guild`; the hint when fresh, else computed. */
  async isAdmin(guild: string, user: string): Promise<boolean> {
    const key = `${guild}:${user}`;
    const known = this.admins.get(key);
    if (known && this.now() - known.at < HINT_MS) return known.admin;
    const guildData = guildSchema.parse(
      await rest('idempotent', 'get guild', () => this.api.get(Routes.guild(guild))),
    );
    let admin = guildData.owner_id === user;
    if (!admin) {
      const member = await rest('idempotent', 'get member', () =>
        this.api.get(Routes.guildMember(guild, user)),
      ).catch(() => undefined);
      const parsed = memberSchema.safeParse(member);
      // @everyone's id is the guild's own; its permissions apply to every member.
      const roles = new Set([guild, ...(parsed.success ? parsed.data.roles : [])]);
      const bits = guildData.roles
        .filter((role) => roles.has(role.id))
        .reduce((all, role) => all | BigInt(role.permissions), 0n);
      admin = parsed.success && (bits & ADMIN_BITS) !== 0n;
    }
    this.admins.set(key, { admin, at: this.now() });
    return admin;
  }
}
