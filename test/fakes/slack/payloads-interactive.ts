/**
 * Builders for what a person's click or command sends: the `/drill` slash command,
 * `block_actions` (buttons) and `view_submission` (modals), from the fixtures.
 *
 * The default `response_url` points at a closed loopback port rather than hooks.slack.com, so
 * a test that forgets to pass the fake's own URL fails locally instead of reaching out.
 */
import { FIXTURES } from './fixtures.ts';
import { IdSequence } from './ids.ts';
import { FAKE_IDS } from './options.ts';
import type {
  BlockActionsPayload,
  SlashCommandPayload,
  ViewStateValues,
  ViewSubmissionPayload,
} from './payload-schemas.ts';
import { nextEventTs } from './payloads-events.ts';

const triggerIds = new IdSequence('1700000000.0000000000.faketrigger', 6);

export interface InteractionOptions {
  teamId?: string;
  teamDomain?: string;
  appId?: string;
  /** Use the fake's `responseUrls.create()` to capture what the adapter answers. */
  responseUrl?: string;
}

export interface DrillCommandInput extends InteractionOptions {
  /** Everything after the command, e.g. `now` or `reveal`. */
  text: string;
  channelId: string;
  userId: string;
  userName?: string;
  channelName?: string;
  /** `/drill` unless a test needs another command. */
  command?: string;
}

/** The body of `/drill <text>` (form fields over HTTP, the same object in Socket Mode). */
export function drillCommand(input: DrillCommandInput): SlashCommandPayload {
  const base = structuredClone(FIXTURES.drillCommand);
  return {
    ...base,
    team_id: input.teamId ?? FAKE_IDS.teamId,
    team_domain: input.teamDomain ?? FAKE_IDS.teamDomain,
    api_app_id: input.appId ?? FAKE_IDS.appId,
    channel_id: input.channelId,
    channel_name: input.channelName ?? base.channel_name,
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command ?? '/drill',
    text: input.text,
    response_url: input.responseUrl ?? base.response_url,
    trigger_id: triggerIds.next(),
  };
}

function interactionUser(userId: string, teamId: string) {
  return {
    id: userId,
    username: userId.toLowerCase(),
    name: userId.toLowerCase(),
    team_id: teamId,
  };
}

export interface BlockActionsInput extends InteractionOptions {
  userId: string;
  channelId: string;
  /** The message holding the button. */
  messageTs: string;
  actionId: string;
  value?: string;
  blockId?: string;
  /** True for a button on an ephemeral message (there is then no `message`). */
  isEphemeral?: boolean;
}

/** A button click on a message. */
export function blockActions(input: BlockActionsInput): BlockActionsPayload {
  const base = structuredClone(FIXTURES.blockActions);
  const teamId = input.teamId ?? FAKE_IDS.teamId;
  const [baseAction] = base.actions;
  const { message: baseMessage, ...withoutMessage } = base;
  const action = {
    ...baseAction,
    action_id: input.actionId,
    block_id: input.blockId ?? baseAction?.block_id ?? 'actions',
    type: 'button',
    ...(input.value !== undefined ? { value: input.value } : {}),
    action_ts: nextEventTs(),
  };
  const isEphemeral = input.isEphemeral ?? false;
  return {
    ...withoutMessage,
    user: interactionUser(input.userId, teamId),
    team: { id: teamId, domain: input.teamDomain ?? FAKE_IDS.teamDomain },
    api_app_id: input.appId ?? FAKE_IDS.appId,
    container: {
      type: 'message',
      message_ts: input.messageTs,
      channel_id: input.channelId,
      is_ephemeral: isEphemeral,
    },
    channel: { id: input.channelId, name: base.channel?.name ?? 'channel' },
    ...(isEphemeral || !baseMessage ? {} : { message: { ...baseMessage, ts: input.messageTs } }),
    trigger_id: triggerIds.next(),
    response_url: input.responseUrl ?? base.response_url,
    actions: [action],
  };
}

export interface ViewSubmissionInput extends InteractionOptions {
  userId: string;
  callbackId: string;
  privateMetadata?: string;
  /**
   * Submitted values, block_id -> action_id -> value; a string is a plain_text_input's value,
   * an object is passed through (selects, checkboxes).
   */
  values: Record<string, Record<string, string | ViewStateValues[string][string]>>;
}

/** A modal submitted by a member. */
export function viewSubmission(input: ViewSubmissionInput): ViewSubmissionPayload {
  const base = structuredClone(FIXTURES.viewSubmission);
  const teamId = input.teamId ?? FAKE_IDS.teamId;
  const values: ViewStateValues = {};
  for (const [blockId, actions] of Object.entries(input.values)) {
    const block: ViewStateValues[string] = {};
    for (const [actionId, value] of Object.entries(actions)) {
      block[actionId] = typeof value === 'string' ? { type: 'plain_text_input', value } : value;
    }
    values[blockId] = block;
  }
  return {
    ...base,
    team: { id: teamId, domain: input.teamDomain ?? FAKE_IDS.teamDomain },
    user: interactionUser(input.userId, teamId),
    api_app_id: input.appId ?? FAKE_IDS.appId,
    trigger_id: triggerIds.next(),
    view: {
      ...base.view,
      team_id: teamId,
      app_id: input.appId ?? FAKE_IDS.appId,
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? base.view.private_metadata,
      state: { values },
    },
    response_urls: input.responseUrl ? [{ response_url: input.responseUrl }] : [],
  };
}
