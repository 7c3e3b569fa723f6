/**
 * Field checks and text clean-up shared by the Discord inbound translators. Everything the
 * gateway sends is untrusted input: ids are checked before they reach the id codec (which
 * throws on a bad part), and member text is made storable before it reaches the core.
 */
import { z } from 'zod';

/**
 * A Discord snowflake (https://discord.com/developers/docs/reference#snowflakes): an unsigned
 * 64-bit integer as a decimal string. Digits only, so an id that passes can never make
 * `channelId`/`memberId`/`messageId` throw.
 */
export const snowflake = z.string().regex(/^\d{1,20}$/);

/**
 * Message content is at most 4,000 characters (2,000 without Nitro). Anything far beyond
 * did not come from Discord: it is rejected as malformed rather than stored or truncated.
 */
export const MAX_CONTENT = 100_000;

/** Raw member text as Discord sends it (message content, modal input). */
export const contentText = z.string().max(MAX_CONTENT);

/** A display name field (username, global name, nickname: Discord caps them at 32). */
export const nameText = z.string().max(200);

/** An ISO 8601 timestamp (`2023-11-14T22:13:20.123000+00:00`) that names a valid Date. */
export const isoTime = z
  .string()
  .max(64)
  .refine((value) => Number.isFinite(Date.parse(value)));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes text storable: Postgres `text` refuses NUL (the insert would fail and the event be
 * retried forever), and a lone surrogate has no UTF-8 form, so it becomes U+FFFD here rather
 * than wherever a driver happens to encode it. Markdown is kept as typed: it is the answer.
 */
export function cleanText(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/** The first non-blank of the names, cleaned and trimmed; undefined when all are blank. */
export function displayName(...names: (string | null | undefined)[]): string | undefined {
  for (const name of names) {
    const cleaned = cleanText(name ?? '').trim();
    if (cleaned !== '') return cleaned;
  }
  return undefined;
}
