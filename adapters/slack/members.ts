/**
 * Workspace members as `users.info` describes them (https://docs.slack.dev/reference/methods/users.info),
 * cached briefly: every admin command asks whether its caller is a workspace admin or owner,
 * and a burst of commands should not become a burst of Web API calls (users.info is Tier 4).
 * A promotion or demotion shows after at most the cache time (5 minutes by default).
 */

import type { SlackWeb } from './web.ts';
import type { SlackUserInfo } from './web-schemas.ts';

interface Entry {
  expiresAt: number;
  user: Promise<SlackUserInfo | undefined>;
}

export class MemberDirectory {
  private readonly web: SlackWeb;
  private readonly ttlMs: number;
  private readonly entries = new Map<string, Entry>();

  constructor(web: SlackWeb, ttlMs: number) {
    this.web = web;
    this.ttlMs = ttlMs;
  }

  /** The user, or undefined when Slack knows no such user. Concurrent lookups share one call. */
  lookup(userId: string): Promise<SlackUserInfo | undefined> {
    const now = Date.now();
    const cached = this.entries.get(userId);
    if (cached && cached.expiresAt > now) return cached.user;
    this.prune(now);
    const user = this.web.userInfo(userId);
    this.entries.set(userId, { expiresAt: now + this.ttlMs, user });
    // A failed lookup is not remembered: the next caller asks Slack again.
    user.catch(() => {
      if (this.entries.get(userId)?.user === user) this.entries.delete(userId);
    });
    return user;
  }

  private prune(now: number): void {
    if (this.entries.size < 1_000) return;
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}

/** Workspace admins and owners (the primary owner is always an owner too, but both are read). */
export function isWorkspaceAdmin(user: SlackUserInfo): boolean {
  if (user.deleted) return false;
  return user.is_admin === true || user.is_owner === true || user.is_primary_owner === true;
}

/** Slackbot is no `is_bot` user, but it is a bot all the same. */
export function isBotUser(user: SlackUserInfo): boolean {
  return user.is_bot === true || user.id === 'USLACKBOT';
}

/** What members see: the display name, else the full name, else the handle. */
export function displayNameOf(user: SlackUserInfo): string {
  const candidates = [
    user.profile?.display_name,
    user.profile?.real_name,
    user.real_name,
    user.name,
  ];
  return candidates.find((name) => name !== undefined && name.trim() !== '')?.trim() ?? user.id;
}
