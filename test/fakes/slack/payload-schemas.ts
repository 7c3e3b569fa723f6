/**
 * zod schemas for the inbound payloads the adapter handles, after Slack's documented shapes:
 * the Events API wrapper (https://docs.slack.dev/apis/events-api/#callback-field) around
 * message, message_changed, message_deleted, reaction_added/removed, member_left_channel and
 * channel_left events; slash command bodies; block_actions and view_submission payloads.
 *
 * Objects are loose: fixtures keep every documented field, the schemas pin the ones an
 * adapter reads, so a fixture edited into a wrong shape fails when it loads.
 */
import { z } from 'zod';

const authorization = z.looseObject({
  enterprise_id: z.string().nullable(),
  team_id: z.string(),
  user_id: z.string(),
  is_bot: z.boolean(),
  is_enterprise_install: z.boolean(),
});

const callbackFields = {
  token: z.string(),
  team_id: z.string(),
  api_app_id: z.string(),
  type: z.literal('event_callback'),
  event_id: z.string(),
  event_time: z.number(),
  authorizations: z.array(authorization),
};

function eventCallback<Event extends z.ZodType>(event: Event) {
  return z.looseObject({ ...callbackFields, event });
}

/** A user's message as it appears inside events (a reply when `thread_ts` is set). */
const userMessage = z.looseObject({
  type: z.literal('message'),
  user: z.string(),
  text: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  parent_user_id: z.string().optional(),
});

export const threadReplyEventSchema = userMessage.extend({
  thread_ts: z.string(),
  channel: z.string(),
  channel_type: z.string(),
  event_ts: z.string(),
});

export const messageChangedEventSchema = z.looseObject({
  type: z.literal('message'),
  subtype: z.literal('message_changed'),
  hidden: z.literal(true),
  channel: z.string(),
  channel_type: z.string(),
  ts: z.string(),
  event_ts: z.string(),
  message: userMessage.extend({ edited: z.object({ user: z.string(), ts: z.string() }) }),
  previous_message: userMessage,
});

export const messageDeletedEventSchema = z.looseObject({
  type: z.literal('message'),
  subtype: z.literal('message_deleted'),
  hidden: z.literal(true),
  channel: z.string(),
  channel_type: z.string(),
  ts: z.string(),
  event_ts: z.string(),
  deleted_ts: z.string(),
  previous_message: userMessage,
});

function reactionEvent<Type extends 'reaction_added' | 'reaction_removed'>(type: Type) {
  return z.looseObject({
    type: z.literal(type),
    user: z.string(),
    reaction: z.string(),
    item_user: z.string(),
    item: z.object({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
    event_ts: z.string(),
  });
}

export const memberLeftChannelEventSchema = z.looseObject({
  type: z.literal('member_left_channel'),
  user: z.string(),
  channel: z.string(),
  channel_type: z.string(),
  team: z.string(),
  event_ts: z.string(),
});

export const channelLeftEventSchema = z.looseObject({
  type: z.literal('channel_left'),
  channel: z.string(),
  actor_id: z.string(),
  event_ts: z.string(),
});

export const threadReplySchema = eventCallback(threadReplyEventSchema);
export const messageChangedSchema = eventCallback(messageChangedEventSchema);
export const messageDeletedSchema = eventCallback(messageDeletedEventSchema);
export const reactionAddedSchema = eventCallback(reactionEvent('reaction_added'));
export const reactionRemovedSchema = eventCallback(reactionEvent('reaction_removed'));
export const memberLeftChannelSchema = eventCallback(memberLeftChannelEventSchema);
export const channelLeftSchema = eventCallback(channelLeftEventSchema);

/** A slash command body; over HTTP every value is a form string, so booleans are strings too. */
export const slashCommandSchema = z.looseObject({
  token: z.string(),
  team_id: z.string(),
  team_domain: z.string(),
  channel_id: z.string(),
  channel_name: z.string(),
  user_id: z.string(),
  user_name: z.string(),
  command: z.string().startsWith('/'),
  text: z.string(),
  api_app_id: z.string(),
  is_enterprise_install: z.string(),
  response_url: z.string(),
  trigger_id: z.string(),
});

const interactionUser = z.looseObject({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  team_id: z.string(),
});
const team = z.looseObject({ id: z.string(), domain: z.string() });
const plainText = z.looseObject({ type: z.literal('plain_text'), text: z.string() });

/** `view.state.values`: block_id -> action_id -> the element's state. */
const stateValues = z.record(
  z.string(),
  z.record(
    z.string(),
    z.looseObject({ type: z.string(), value: z.string().nullable().optional() }),
  ),
);

export const blockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  user: interactionUser,
  api_app_id: z.string(),
  token: z.string(),
  container: z.looseObject({ type: z.string() }),
  trigger_id: z.string(),
  team,
  channel: z.looseObject({ id: z.string(), name: z.string() }).optional(),
  message: z.looseObject({ ts: z.string() }).optional(),
  state: z.object({ values: stateValues }),
  response_url: z.string(),
  actions: z.array(
    z.looseObject({
      action_id: z.string(),
      block_id: z.string(),
      type: z.string(),
      value: z.string().optional(),
      text: plainText.optional(),
      action_ts: z.string(),
    }),
  ),
});

export const viewSubmissionSchema = z.looseObject({
  type: z.literal('view_submission'),
  team,
  user: interactionUser,
  api_app_id: z.string(),
  token: z.string(),
  trigger_id: z.string(),
  view: z.looseObject({
    id: z.string(),
    team_id: z.string(),
    type: z.literal('modal'),
    blocks: z.array(z.unknown()),
    private_metadata: z.string(),
    callback_id: z.string(),
    state: z.object({ values: stateValues }),
    hash: z.string(),
    title: plainText,
    app_id: z.string(),
  }),
  response_urls: z.array(z.looseObject({ response_url: z.string() })),
});

export type ThreadReplyPayload = z.infer<typeof threadReplySchema>;
export type MessageChangedPayload = z.infer<typeof messageChangedSchema>;
export type MessageDeletedPayload = z.infer<typeof messageDeletedSchema>;
export type ReactionAddedPayload = z.infer<typeof reactionAddedSchema>;
export type ReactionRemovedPayload = z.infer<typeof reactionRemovedSchema>;
export type MemberLeftChannelPayload = z.infer<typeof memberLeftChannelSchema>;
export type ChannelLeftPayload = z.infer<typeof channelLeftSchema>;
export type SlashCommandPayload = z.infer<typeof slashCommandSchema>;
export type BlockActionsPayload = z.infer<typeof blockActionsSchema>;
export type ViewSubmissionPayload = z.infer<typeof viewSubmissionSchema>;
export type ViewStateValues = z.infer<typeof stateValues>;
