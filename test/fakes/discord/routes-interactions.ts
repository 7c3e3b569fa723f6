/**
 * The interaction callback: the one answer each interaction gets, within 3 seconds.
 *
 * It carries no Authorization header (the token in the path is the credential) and answers
 * 204, or 200 with an interaction callback object when `?with_response=true`. Types: 4 reply,
 * 5 deferred reply (a LOADING message the later edit or first follow-up fills in), 6 deferred
 * update, 7 update the component's message, 8 autocomplete choices, 9 open a modal.
 *
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#create-interaction-response
 */
import { z } from 'zod';
import { CALLBACK_TYPE, INTERACTION_TYPE, MESSAGE_FLAG, MESSAGE_TYPE } from './constants.ts';
import { RestError } from './errors.ts';
import type { InteractionRecord } from './interaction-store.ts';
import { resolveMentions } from './mentions.ts';
import {
  checkMessageLimits,
  createMessage,
  messageEventData,
  parseMessageBody,
} from './message-create.ts';
import type { StoredMessage } from './message-store.ts';
import { ROUTES } from './routes.ts';
import type { FakeDiscordState, RouteContext, RouteDef, RouteResult } from './state.ts';
import { renderUser } from './world-render.ts';

const callbackSchema = z.object({ type: z.number().int(), data: z.unknown().optional() });

const modalSchema = z.looseObject({
  custom_id: z.string().min(1).max(100),
  title: z.string().min(1).max(45),
  components: z.array(z.unknown()).min(1).max(5),
});

/** Which callback types each interaction type may use. */
const ALLOWED: Record<number, readonly number[]> = {
  [INTERACTION_TYPE.applicationCommand]: [4, 5, 9],
  [INTERACTION_TYPE.messageComponent]: [4, 5, 6, 7, 9],
  [INTERACTION_TYPE.autocomplete]: [8],
  [INTERACTION_TYPE.modalSubmit]: [4, 5, 6, 7],
};

/** The interaction a webhook-style request names, or the error Discord gives. */
export function liveInteraction(
  ctx: RouteContext,
  interactionId: string,
  token: string,
): InteractionRecord {
  const record = ctx.state.interactions.get(interactionId);
  if (!record || record.token !== token) throw RestError.unknownInteraction();
  return record;
}

/** The interaction's reply message: by the bot, as the application's webhook. */
export function interactionReply(
  state: FakeDiscordState,
  record: InteractionRecord,
  data: unknown,
  extraFlags = 0,
): StoredMessage {
  const channel = state.world.channels.get(record.channelId ?? '');
  if (!channel) throw RestError.unknownChannel();
  const body = parseMessageBody(data);
  const ephemeral = ((body.flags ?? 0) & MESSAGE_FLAG.ephemeral) !== 0;
  return createMessage(state, channel, state.world.botUserId, body, {
    type:
      record.type === INTERACTION_TYPE.applicationCommand
        ? MESSAGE_TYPE.chatInputCommand
        : MESSAGE_TYPE.default,
    webhookId: record.applicationId,
    applicationId: record.applicationId,
    ephemeral,
    extraFlags,
    interactionMetadata: {
      id: record.id,
      type: record.type,
      user: renderUser(state.world.users.get(record.userId), record.userId),
      authorizing_integration_owners: {},
    },
  });
}

function updateComponentMessage(
  ctx: RouteContext,
  record: InteractionRecord,
  data: unknown,
): StoredMessage {
  const stored = ctx.state.messages.get(record.messageId ?? '');
  if (!stored) throw RestError.unknownMessage();
  const body = parseMessageBody(data);
  checkMessageLimits(body, true);
  if (body.content !== undefined) stored.message.content = body.content;
  if (body.embeds !== undefined) stored.message.embeds = body.embeds;
  if (body.components !== undefined) stored.message.components = body.components;
  const channel = ctx.state.world.channels.get(stored.message.channel_id);
  if (channel)
    Object.assign(
      stored.message,
      resolveMentions(
        ctx.state.world,
        channel,
        stored.message.content,
        body.allowed_mentions ?? undefined,
      ),
    );
  stored.message.edited_timestamp = new Date(ctx.state.options.now()).toISOString();
  ctx.emit('MESSAGE_UPDATE', messageEventData(ctx.state, stored));
  return stored;
}

function callback(ctx: RouteContext): RouteResult {
  const { state } = ctx;
  const record = liveInteraction(ctx, ctx.params.interactionId ?? '', ctx.params.token ?? '');
  if (record.response) throw RestError.alreadyAcknowledged();
  if (state.options.now() - record.createdAt > state.options.interactionDeadlineMs)
    throw RestError.unknownInteraction();
  const parsed = callbackSchema.safeParse(ctx.body);
  if (!parsed.success)
    throw RestError.invalidField('type', 'BASE_TYPE_REQUIRED', 'This field is required');
  const { type, data } = parsed.data;
  if (!(ALLOWED[record.type] ?? []).includes(type)) {
    throw RestError.invalidField(
      'type',
      'INTERACTION_RESPONSE_TYPE_INVALID',
      'Interaction response type is invalid for this interaction',
    );
  }
  let message: StoredMessage | undefined;
  if (type === CALLBACK_TYPE.channelMessageWithSource) {
    const body = parseMessageBody(data);
    checkMessageLimits(body);
    message = interactionReply(state, record, data);
  } else if (type === CALLBACK_TYPE.deferredChannelMessageWithSource) {
    message = interactionReply(
      state,
      record,
      { content: '', flags: parseMessageBody(data).flags ?? 0 },
      MESSAGE_FLAG.loading,
    );
  } else if (type === CALLBACK_TYPE.updateMessage) {
    message = updateComponentMessage(ctx, record, data);
  } else if (type === CALLBACK_TYPE.modal) {
    const modal = modalSchema.safeParse(data);
    if (!modal.success)
      throw RestError.invalidField(
        'data',
        'BASE_TYPE_INVALID',
        modal.error.issues[0]?.message ?? 'Invalid',
      );
  }
  record.response = { type, at: state.options.now(), data };
  if (
    message &&
    (type === CALLBACK_TYPE.channelMessageWithSource ||
      type === CALLBACK_TYPE.deferredChannelMessageWithSource)
  ) {
    record.originalMessageId = message.message.id;
    if (!message.ephemeral) ctx.emit('MESSAGE_CREATE', messageEventData(state, message));
  }
  if (ctx.query.get('with_response') !== 'true') return { status: 204 };
  return {
    status: 200,
    body: {
      interaction: {
        id: record.id,
        type: record.type,
        ...(message
          ? {
              response_message_id: message.message.id,
              response_message_loading: ((message.message.flags ?? 0) & MESSAGE_FLAG.loading) !== 0,
              response_message_ephemeral: message.ephemeral,
            }
          : {}),
      },
      resource: {
        type,
        ...(message ? { message: state.messages.render(message, state.world.botUserId) } : {}),
      },
    },
  };
}

export const interactionRoutes: RouteDef[] = [
  { route: ROUTES.interactionCallback, auth: false, handle: callback },
];
