/**
 * The payloads a client sends the gateway, narrowed from untrusted JSON with zod, and the
 * checks IDENTIFY must pass (token, intents, privileged intents, shard) mapped to the close
 * code Discord uses for each failure.
 *
 * @see https://discord.com/developers/docs/events/gateway-events#identify
 * @see https://discord.com/developers/docs/events/gateway-events#resume
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
 */
import { z } from 'zod';
import { CLOSE, PRIVILEGED_INTENTS, type PrivilegedIntentName } from './constants.ts';

export const frameSchema = z.object({ op: z.number().int(), d: z.unknown().optional() });

export const identifySchema = z.looseObject({
  token: z.string(),
  intents: z.number().int(),
  properties: z.looseObject({}),
  shard: z.tuple([z.number().int(), z.number().int()]).optional(),
  compress: z.boolean().optional(),
  large_threshold: z.number().int().optional(),
  presence: z.unknown().optional(),
});
export type Identify = z.infer<typeof identifySchema>;

export const resumeSchema = z.object({
  token: z.string(),
  session_id: z.string(),
  seq: z.number().int().nullable(),
});
export type Resume = z.infer<typeof resumeSchema>;

export const requestMembersSchema = z.looseObject({
  guild_id: z.string(),
  query: z.string().optional(),
  limit: z.number().int().optional(),
  user_ids: z.union([z.string(), z.array(z.string())]).optional(),
  nonce: z.string().optional(),
});

/** Every intent bit Discord defines today (bits 0-16, 20, 21, 24, 25). */
const KNOWN_INTENTS = 0x1ffff | (1 << 20) | (1 << 21) | (1 << 24) | (1 << 25);

export interface IdentifyCheck {
  tokens: readonly string[];
  privilegedAllowed: readonly PrivilegedIntentName[];
}

/** The close code an IDENTIFY earns, or undefined when it is accepted. */
export function identifyFailure(
  identify: Identify,
  check: IdentifyCheck,
): { code: number; reason: string } | undefined {
  if (!check.tokens.includes(identify.token))
    return { code: CLOSE.authenticationFailed, reason: 'Authentication failed.' };
  if (identify.intents < 0 || (identify.intents & ~KNOWN_INTENTS) !== 0) {
    return { code: CLOSE.invalidIntents, reason: 'Invalid intent(s).' };
  }
  for (const [name, bit] of Object.entries(PRIVILEGED_INTENTS)) {
    const allowed = check.privilegedAllowed.some((allowedName) => allowedName === name);
    if ((identify.intents & bit) !== 0 && !allowed)
      return { code: CLOSE.disallowedIntents, reason: 'Disallowed intent(s).' };
  }
  const [shardId, shardCount] = identify.shard ?? [0, 1];
  if (shardCount < 1 || shardId < 0 || shardId >= shardCount)
    return { code: CLOSE.invalidShard, reason: 'Invalid shard.' };
  return undefined;
}
