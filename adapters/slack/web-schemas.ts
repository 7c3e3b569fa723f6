/**
 * zod shapes of the Web API answers the adapter reads. The SDK types every field of a
 * response as optional (and some as `any`), so each answer is narrowed here to the fields
 * used, and an answer without them is a failure with a name rather than an `undefined`
 * travelling into a message id.
 */
import { z } from 'zod';

/** https://docs.slack.dev/reference/methods/auth.test */
export const authTestSchema = z.object({
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  bot_id: z.string().min(1).optional(),
  team: z.string().optional(),
  user: z.string().optional(),
});
export type AuthTest = z.infer<typeof authTestSchema>;

/** https://docs.slack.dev/reference/methods/chat.postMessage: the new message's `ts` is its id. */
export const postedSchema = z.object({ ts: z.string().min(1) });

/** The marker a drill post carries, `metadata.event_payload.marker`. */
export const POST_EVENT_TYPE = 'drillbot_post';

const metadataSchema = z.object({
  event_type: z.string(),
  event_payload: z.record(z.string(), z.unknown()).optional(),
});

/** A message as conversations.history / conversations.replies list it. */
export const listedMessageSchema = z.object({
  ts: z.string().min(1),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  metadata: metadataSchema.optional(),
});
export type ListedMessage = z.infer<typeof listedMessageSchema>;

/**
 * One page of https://docs.slack.dev/reference/methods/conversations.history (or `.replies`).
 * Messages of other shapes (odd subtypes) are skipped rather than failing the page.
 */
export const messagePageSchema = z.object({
  messages: z.array(z.unknown()).default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/** https://docs.slack.dev/reference/methods/users.info: the fields the adapter reads. */
export const userInfoSchema = z.object({
  user: z.object({
    id: z.string().min(1),
    name: z.string().optional(),
    real_name: z.string().optional(),
    deleted: z.boolean().optional(),
    is_admin: z.boolean().optional(),
    is_owner: z.boolean().optional(),
    is_primary_owner: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    is_app_user: z.boolean().optional(),
    profile: z
      .object({ display_name: z.string().optional(), real_name: z.string().optional() })
      .optional(),
  }),
});
export type SlackUserInfo = z.infer<typeof userInfoSchema>['user'];
