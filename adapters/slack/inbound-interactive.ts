/**
 * Slash commands and interactivity (buttons, modals) -> the core's command and form events.
 * Pure translation like ./inbound.ts: undefined for anything irrelevant or malformed, never a
 * throw. The adapter adds `respond` (Bolt's `respond()`), which needs the live request.
 *
 * A drill's "Answer privately" button and a practice question's "Answer" button carry no
 * answer: the click is a request to open a modal (`formToOpen`), and the modal's submission is
 * the form event (`translateAction`). What the modal is about travels in its
 * `private_metadata`, written by `encodeFormMetadata` and read back here.
 */
import { z } from 'zod';
import { channelId, memberId, parseChannelId } from '../../src/core/ids.ts';
import type { CommandEvent, FormSubmissionEvent } from '../../src/core/platform.ts';
import { cleanText, memberText, slackId, slackText, triggerId } from './inbound-text.ts';

/** A command event before the adapter attaches `respond`. */
export type SlackCommandEvent = Omit<CommandEvent, 'respond'>;
/** A form event before the adapter attaches `respond`. */
export type SlackFormEvent = Omit<FormSubmissionEvent, 'respond'>;

/** The buttons whose forms the core knows (src/core/cards.ts, src/core/practice-flow.ts). */
export const FORM_ACTIONS = ['drill-answer', 'practice-answer'] as const;
export type FormAction = (typeof FORM_ACTIONS)[number];

/** The block id and action id of the modal's answer input; the core reads `fields.answer`. */
export const ANSWER_INPUT = 'answer';

/** Which form a modal belongs to: the channel it answers in, the button and its value. */
export interface FormTarget {
  /** A Slack channel id of the codec (`slack:T…:C…`). */
  channel: string;
  action: FormAction;
  value?: string;
}

/** What the adapter needs to open the answer modal for a button click (`views.open`). */
export interface FormRequest {
  triggerId: string;
  member: string;
  target: FormTarget;
  /** The modal's `private_metadata`: `encodeFormMetadata(target)`. */
  privateMetadata: string;
}

/** Slack's limit for a view's `private_metadata`. */
const MAX_METADATA = 3000;
/**
 * A button's `value` (Slack's limit is 2,000 characters). Ours are drill and question ids,
 * but it arrives in the payload like everything else, so it is made storable too.
 */
const buttonValue = z.string().max(2000).transform(cleanText);

const slackChannel = z
  .string()
  .max(200)
  .refine((id) => parseChannelId(id)?.platform === 'slack');

const targetSchema = z.object({
  channel: slackChannel,
  action: z.enum(FORM_ACTIONS),
  value: buttonValue.optional(),
});

/** The modal's `private_metadata` for `target`; `translateAction` reads it back. */
export function encodeFormMetadata(target: FormTarget): string {
  return JSON.stringify(target);
}

function decodeFormMetadata(raw: string): FormTarget | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = targetSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The slash command body: https://docs.slack.dev/interactivity/implementing-slash-commands.
 * The command name is not checked: Bolt routes `/drill` here, and a renamed command (a
 * staging app's `/drill-dev`) means the same thing.
 */
const commandSchema = z.object({
  team_id: slackId,
  channel_id: slackId,
  user_id: slackId,
  user_name: z.string().max(200).nullish(),
  text: slackText.nullish(),
  trigger_id: triggerId,
});

/**
 * Translates a `/drill` invocation. `eventId` is `slack:command:<trigger_id>`: the trigger id
 * is unique per invocation and repeated when the same payload is delivered again, so a
 * redelivered command runs once. `direct` marks a command typed in a DM (`D…` channel).
 */
export function translateCommand(body: unknown, at: Date): SlackCommandEvent | undefined {
  try {
    const parsed = commandSchema.safeParse(body);
    if (!parsed.success) return undefined;
    const command = parsed.data;
    const name = cleanText(command.user_name ?? '');
    return {
      type: 'command',
      eventId: `slack:command:${command.trigger_id}`,
      channel: channelId({
        platform: 'slack',
        workspace: command.team_id,
        channel: command.channel_id,
      }),
      at,
      member: memberId('slack', command.user_id),
      ...(name === '' ? {} : { memberName: name }),
      // Command text is entity-encoded like message text.
      text: memberText(command.text ?? ''),
      direct: command.channel_id.startsWith('D'),
    };
  } catch {
    return undefined;
  }
}

/**
 * The modal's (or message's) answer input, `state.values.answer.answer.value`. Input values
 * are the member's raw text: Slack does not entity-encode them, so they are only cleaned.
 */
const stateSchema = z.object({
  values: z.object({
    [ANSWER_INPUT]: z.object({ [ANSWER_INPUT]: z.object({ value: slackText.nullish() }) }),
  }),
});

function answerIn(state: unknown): string | undefined {
  const parsed = stateSchema.safeParse(state);
  if (!parsed.success) return undefined;
  return cleanText(parsed.data.values[ANSWER_INPUT][ANSWER_INPUT].value ?? '');
}

/** https://docs.slack.dev/reference/interaction-payloads/block_actions-payload */
const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  trigger_id: triggerId,
  user: z.object({ id: slackId, team_id: slackId.nullish() }),
  /** Null for an org-wide install; the user's team is then the workspace. */
  team: z.object({ id: slackId }).nullish(),
  /** Absent when the button sits in a modal rather than a message. */
  channel: z.object({ id: slackId }).nullish(),
  actions: z
    .array(z.object({ action_id: z.string().max(255), value: buttonValue.nullish() }))
    .max(25),
  state: z.unknown(),
  view: z.object({ private_metadata: z.string().max(MAX_METADATA).nullish() }).nullish(),
});

/** https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload */
const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: slackId }),
  view: z.object({
    id: slackId,
    private_metadata: z.string().max(MAX_METADATA),
    state: z.unknown(),
  }),
});

const interactionSchema = z.discriminatedUnion('type', [blockActionsSchema, viewSubmissionSchema]);
type BlockActions = z.infer<typeof blockActionsSchema>;

const isFormAction = (id: string): id is FormAction =>
  (FORM_ACTIONS as readonly string[]).includes(id);

/** The known button clicked, and the form it belongs to. */
function clicked(body: BlockActions): FormTarget | undefined {
  const action = body.actions.find((candidate) => isFormAction(candidate.action_id));
  if (!action || !isFormAction(action.action_id)) return undefined;
  const button = {
    action: action.action_id,
    ...(typeof action.value === 'string' ? { value: action.value } : {}),
  };
  const team = body.team?.id ?? body.user.team_id;
  if (body.channel && team) {
    return {
      channel: channelId({ platform: 'slack', workspace: team, channel: body.channel.id }),
      ...button,
    };
  }
  // A button inside our own modal: the modal says which channel it answers in.
  const metadata = body.view?.private_metadata;
  const inModal = metadata ? decodeFormMetadata(metadata) : undefined;
  return inModal ? { ...inModal, ...button } : undefined;
}

function formEvent(
  eventId: string,
  target: FormTarget,
  user: string,
  answer: string,
  at: Date,
): SlackFormEvent {
  return {
    type: 'form_submitted',
    eventId,
    channel: target.channel,
    at,
    member: memberId('slack', user),
    action: target.action,
    ...(target.value === undefined ? {} : { value: target.value }),
    fields: { [ANSWER_INPUT]: answer },
  };
}

/**
 * Translates a submitted answer: a `view_submission` of the answer modal, or a
 * `block_actions` click whose message carries a filled `answer` input. `eventId` is
 * `slack:view:<view id>` (one modal is submitted once; a redelivery repeats its id) or
 * `slack:action:<trigger_id>`. A bare button click is not an answer: see `formToOpen`.
 */
export function translateAction(body: unknown, at: Date): SlackFormEvent | undefined {
  try {
    const parsed = interactionSchema.safeParse(body);
    if (!parsed.success) return undefined;
    const payload = parsed.data;
    if (payload.type === 'view_submission') {
      const target = decodeFormMetadata(payload.view.private_metadata);
      const answer = answerIn(payload.view.state);
      if (!target || answer === undefined) return undefined;
      return formEvent(`slack:view:${payload.view.id}`, target, payload.user.id, answer, at);
    }
    const target = clicked(payload);
    const answer = answerIn(payload.state);
    if (!target || answer === undefined) return undefined;
    return formEvent(`slack:action:${payload.trigger_id}`, target, payload.user.id, answer, at);
  } catch {
    return undefined;
  }
}

/**
 * For a click on a known answer button that carries no answer: the modal to open, with the
 * `private_metadata` that makes its submission translatable. Undefined for everything else,
 * including clicks `translateAction` already turns into an answer.
 */
export function formToOpen(body: unknown): FormRequest | undefined {
  try {
    const parsed = blockActionsSchema.safeParse(body);
    if (!parsed.success || answerIn(parsed.data.state) !== undefined) return undefined;
    const target = clicked(parsed.data);
    if (!target) return undefined;
    return {
      triggerId: parsed.data.trigger_id,
      member: memberId('slack', parsed.data.user.id),
      target,
      privateMetadata: encodeFormMetadata(target),
    };
  } catch {
    return undefined;
  }
}
