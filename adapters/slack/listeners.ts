/**
 * Bolt listeners: every event, slash command, button and modal submission goes through the
 * translators of ./inbound.ts to the sink. Listeners decide nothing; they only choose how a
 * delivery is acknowledged (the App acks when the listener returns, see ./app.ts):
 *
 * - Events API deliveries are acked only after the sink resolves. Slack retries an unacked
 *   event, and the core stores a retry once by its event id.
 * - Commands and interactions must be acked within Slack's 3 seconds or the member sees an
 *   error, and Slack does not retry them. The sink stores them first thing (the core claims
 *   the event id before anything else), so the ack waits for the sink up to `ackDeadlineMs`
 *   and slow work (posting a drill, scoring) continues after it. A sink that fails within
 *   the deadline leaves the delivery unacked.
 */
import type { App, RespondFn } from '@slack/bolt';
import type { Clock } from '../../src/core/clock.ts';
import { type Message, notice, text } from '../../src/core/messages.ts';
import type { EventSink, InboundEvent, Responder } from '../../src/core/platform.ts';
import type { Logger } from '../../src/logger.ts';
import {
  formToOpen,
  type SlackCommandEvent,
  type SlackFormEvent,
  translateAction,
  translateCommand,
  translateEvent,
} from './inbound.ts';
import { answerModal } from './modal.ts';
import { renderSlackMessage } from './render.ts';
import type { SlackWeb } from './web.ts';

export interface ListenerDeps {
  /** The sink while the adapter runs; undefined makes every delivery fail (and go unacked). */
  sink(): EventSink | undefined;
  botUserId: string;
  botId: string | undefined;
  web: SlackWeb;
  clock: Clock;
  logger: Logger;
  ackDeadlineMs: number;
}

/**
 * Bolt's `respond()` (a POST to the delivery's `response_url`) as the core's Responder. Bolt
 * passes none when the payload has no response URL (a button inside a modal), whatever its
 * types say; the core then answers with `postPrivate`.
 */
export function responder(respond: RespondFn | undefined): Responder | undefined {
  if (typeof respond !== 'function') return undefined;
  return async (message) => {
    for (const payload of renderSlackMessage(message)) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: payload.text,
        blocks: payload.blocks,
      });
    }
  };
}

/**
 * Waits for `work` until it settles or `ms` pass. A failure within the window is thrown (no
 * ack); one after it can only be logged, since the delivery has been acknowledged by then.
 */
export async function withinAckWindow(
  work: Promise<void>,
  ms: number,
  onLateFailure: (error: unknown) => void,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    const first = await Promise.race([work.then(() => 'done' as const), deadline]);
    if (first === 'late') work.catch(onLateFailure);
  } finally {
    clearTimeout(timer);
  }
}

function withResponder<Event extends SlackCommandEvent | SlackFormEvent>(
  event: Event,
  respond: RespondFn | undefined,
): Event & { respond?: Responder } {
  const reply = responder(respond);
  return reply ? { ...event, respond: reply } : event;
}

const FORM_FAILED: Message = notice(
  'error',
  text('The answer form could not open; answer with /drill answer <your answer> instead.'),
);

export function registerListeners(app: App, deps: ListenerDeps): void {
  const deliver = async (event: InboundEvent): Promise<void> => {
    const sink = deps.sink();
    if (!sink) throw new Error('the Slack adapter is not running: delivery left for a retry');
    await sink(event);
  };
  const deliverSoon = (event: InboundEvent): Promise<void> =>
    withinAckWindow(deliver(event), deps.ackDeadlineMs, (error) =>
      deps.logger.error(
        { err: error, event: event.eventId },
        'slack delivery failed after its ack',
      ),
    );

  // https://docs.slack.dev/apis/events-api: messages, edits, deletes, reactions, departures.
  app.event(/.*/, async ({ body }) => {
    const event = translateEvent(body, {
      botUserId: deps.botUserId,
      ...(deps.botId === undefined ? {} : { botId: deps.botId }),
      receivedAt: deps.clock.now(),
    });
    if (event) await deliver(event);
  });

  // https://docs.slack.dev/interactivity/implementing-slash-commands: `/drill ...`.
  app.command(/.*/, async ({ body, respond }) => {
    const event = translateCommand(body, deps.clock.now());
    if (event) await deliverSoon(withResponder(event, respond));
  });

  // https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
  app.action(/.*/, async ({ body, respond }) => {
    const form = formToOpen(body);
    if (form) {
      try {
        await deps.web.openView(form.triggerId, answerModal(form));
      } catch (error) {
        deps.logger.warn({ err: error, member: form.member }, 'slack answer form did not open');
        await responder(respond)?.(FORM_FAILED).catch(() => {});
      }
      return;
    }
    const event = translateAction(body, deps.clock.now());
    if (event) await deliverSoon(withResponder(event, respond));
  });

  // https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload: an empty
  // ack closes the modal; the core answers privately (ephemeral) in the form's channel.
  app.view(/.*/, async ({ body, respond }) => {
    const event = translateAction(body, deps.clock.now());
    if (event) await deliverSoon(withResponder(event, respond));
  });
}
