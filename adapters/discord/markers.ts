/**
 * How a drill post can be recognised again after an unknown outcome.
 *
 * - The `nonce` (https://discord.com/developers/docs/resources/message#create-message): a
 *   hash of the marker, at most 25 characters, sent with `enforce_nonce`, so a second post with
 *   the same marker within Discord's window ("the past few minutes") returns the first message
 *   instead of creating another. That covers @discordjs/rest's own retries and a quick retry
 *   by the core.
 * - An embed footer naming the marker. Discord does not reliably return `nonce` on fetched
 *   messages, so after the window only something stored in the message itself can be found:
 *   card posts (question, reveal) carry the marker in the last embed's footer. Plain posts
 *   (a reminder) have no embed and are found by the nonce only while Discord returns it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { APIEmbed } from 'discord-api-types/v10';
import type { PostMarker } from '../../src/core/platform.ts';
import { DISCORD_LIMITS, type DiscordPayload } from './render.ts';

/** The nonce for `marker`: `d` + 24 hex characters of its SHA-256 (25 in all). */
export function markerNonce(marker: PostMarker): string {
  return `d${createHash('sha256').update(marker).digest('hex').slice(0, 24)}`;
}

/** A nonce for an unmarked post: still de-duplicates @discordjs/rest's own repeats of it. */
export function randomNonce(): string {
  return `r${randomBytes(12).toString('hex')}`;
}

/** The footer text that names `marker`. */
export function footerText(marker: PostMarker): string {
  return `drillbot ${marker}`;
}

const embedSize = (embed: APIEmbed): number =>
  (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);

/**
 * `payload` with `marker` in its last embed's footer, when it has an embed and the footer fits
 * Discord's 6,000-character total; otherwise unchanged (the nonce alone then identifies it).
 */
export function withFooter(payload: DiscordPayload, marker: PostMarker): DiscordPayload {
  const embeds = payload.embeds;
  const last = embeds?.at(-1);
  if (!embeds || !last) return payload;
  const text = footerText(marker);
  const total = embeds.reduce((sum, embed) => sum + embedSize(embed), 0);
  if (total + text.length > DISCORD_LIMITS.embedTotal) return payload;
  return { ...payload, embeds: [...embeds.slice(0, -1), { ...last, footer: { text } }] };
}

/** Whether a fetched message carries `marker`, by its nonce or by its footer. */
export function carriesMarker(
  message: { nonce?: string | number | null; embeds?: { footer?: { text?: string } }[] },
  marker: PostMarker,
): boolean {
  if (
    message.nonce !== undefined &&
    message.nonce !== null &&
    String(message.nonce) === markerNonce(marker)
  )
    return true;
  const text = footerText(marker);
  return (message.embeds ?? []).some((embed) => embed.footer?.text === text);
}
