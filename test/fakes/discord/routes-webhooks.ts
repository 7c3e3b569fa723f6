/**
 * The interaction webhook: follow-ups and the original response, addressed by application
 * id and interaction token (no Authorization header), usable for 15 minutes.
 *
 * After a deferred reply (type 5) the first follow-up fills in the LOADING message instead
 * of posting a new one, as Discord does; `editReply` (PATCH `@original`) does the same.
 * Edits never notify anyone on Discord, which is why a drill's role ping must be a new post.
 *
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#edit-original-interaction-response
 */
import { MESSAGE_FLAG } from './constants.ts';
import { RestError } from './errors.ts';
import type { InteractionRecord } from './interaction-store.ts';
import { resolveMentions } from './mentions.ts';
import { checkMessageLimits, messageEventData, parseMessageBody } from './message-create.ts';
import type { StoredMessage } from './message-store.ts';
import { ROUTES } from './routes.ts';
import { interactionReply } from './routes-interactions.ts';
import type { RouteContext, RouteDef, RouteResult } from './state.ts';

function webhookInteraction(ctx: RouteContext): InteractionRecord {
  const { state } = ctx;
  const record = state.interactions.byToken(ctx.params.token ?? '');
  if (!record || record.applicationId !== ctx.params.applicationId)
    throw RestError.unknownWebhook();
  if (state.options.now() - record.createdAt > state.options.interactionTokenLifetimeMs) {
    throw RestError.unknownWebhook();
  }
  return record;
}

function targetMessage(ctx: RouteContext, record: InteractionRecord): StoredMessage {
  const id = ctx.params.messageId === '@original' ? record.originalMessageId : ctx.params.messageId;
  const owned =
    id !== undefined && (id === record.originalMessageId || record.followupMessageIds.includes(id));
  const stored = owned ? ctx.state.messages.get(id) : undefined;
  if (!stored) throw RestError.unknownMessage();
  return stored;
}

/** Applies an edit body to an interaction message; finishing a LOADING one as a first answer. */
function applyEdit(ctx: RouteContext, stored: StoredMessage, data: unknown): RouteResult {
  const { state } = ctx;
  const body = parseMessageBody(data);
  checkMessageLimits(body, true);
  const message = stored.message;
  const wasLoading = ((message.flags ?? 0) & MESSAGE_FLAG.loading) !== 0;
  if (body.content !== undefined) message.content = body.content;
  if (body.embeds !== undefined) message.embeds = body.embeds;
  if (body.components !== undefined) message.components = body.components;
  if (body.allowed_mentions !== undefined)
    stored.allowedMentions = body.allowed_mentions ?? undefined;
  message.flags = (message.flags ?? 0) & ~MESSAGE_FLAG.loading;
  const channel = state.world.channels.get(message.channel_id);
  if (channel)
    Object.assign(
      message,
      resolveMentions(state.world, channel, message.content, stored.allowedMentions),
    );
  if (!wasLoading) message.edited_timestamp = new Date(state.options.now()).toISOString();
  if (!stored.ephemeral) ctx.emit('MESSAGE_UPDATE', messageEventData(state, stored));
  return { status: 200, body: state.messages.render(stored, state.world.botUserId) };
}

function followup(ctx: RouteContext): RouteResult {
  const { state } = ctx;
  const record = webhookInteraction(ctx);
  if (!record.response) throw RestError.unknownWebhook();
  const original =
    record.originalMessageId === undefined
      ? undefined
      : state.messages.get(record.originalMessageId);
  if (original && ((original.message.flags ?? 0) & MESSAGE_FLAG.loading) !== 0) {
    return applyEdit(ctx, original, ctx.body);
  }
  const body = parseMessageBody(ctx.body);
  checkMessageLimits(body);
  const stored = interactionReply(state, record, ctx.body);
  record.followupMessageIds.push(stored.message.id);
  if (!stored.ephemeral) ctx.emit('MESSAGE_CREATE', messageEventData(state, stored));
  return { status: 200, body: state.messages.render(stored, state.world.botUserId) };
}

function getMessage(ctx: RouteContext): RouteResult {
  const stored = targetMessage(ctx, webhookInteraction(ctx));
  return { status: 200, body: ctx.state.messages.render(stored, ctx.state.world.botUserId) };
}

function editMessage(ctx: RouteContext): RouteResult {
  const record = webhookInteraction(ctx);
  // A type 6/7 response has no message of its own: @original is the component's message.
  if (
    ctx.params.messageId === '@original' &&
    record.originalMessageId === undefined &&
    record.messageId
  ) {
    record.originalMessageId = record.messageId;
  }
  return applyEdit(ctx, targetMessage(ctx, record), ctx.body);
}

function deleteMessage(ctx: RouteContext): RouteResult {
  const stored = targetMessage(ctx, webhookInteraction(ctx));
  stored.deleted = true;
  if (!stored.ephemeral) {
    ctx.emit('MESSAGE_DELETE', {
      id: stored.message.id,
      channel_id: stored.message.channel_id,
      ...(stored.guildId === undefined ? {} : { guild_id: stored.guildId }),
    });
  }
  return { status: 204 };
}

export const webhookRoutes: RouteDef[] = [
  { route: ROUTES.createFollowup, auth: false, handle: followup },
  { route: ROUTES.getWebhookMessage, auth: false, handle: getMessage },
  { route: ROUTES.editWebhookMessage, auth: false, handle: editMessage },
  { route: ROUTES.deleteWebhookMessage, auth: false, handle: deleteMessage },
];
