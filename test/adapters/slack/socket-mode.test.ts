/**
 * The Slack adapter's inbound half in Socket Mode with real Bolt: when deliveries are acked
 * (after the sink stored them; never when it failed), commands answered through
 * `response_url`, the answer button opening a modal whose submission becomes a form event,
 * and what start-up says about rejected tokens.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../../adapters/slack/index.ts';
import { DrillError } from '../../../src/core/errors.ts';
import { notice, text } from '../../../src/core/messages.ts';
import type { CommandEvent, InboundEvent } from '../../../src/core/platform.ts';
import {
  blockActions,
  drillCommand,
  FAKE_APP_TOKEN,
  FAKE_IDS,
  memberLeftChannel,
  SocketDeliveryError,
  startFakeSlack,
  threadReply,
  viewSubmission,
} from '../../fakes/slack/index.ts';
import { logger, makeRig, type SlackRig, slackChannelId } from './harness.ts';

const C = 'C0INBOUND01';
const ROOT_TS = '1700000000.000100';

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function gate(): { wait: Promise<void>; open(): void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

const reply = (text: string) =>
  threadReply({ channel: C, user: 'U0MEMBER01', text, threadTs: ROOT_TS });

describe('SlackAdapter in Socket Mode', () => {
  it('acks an event only after the sink has stored it', async () => {
    rig = await makeRig('socket');
    const stored = gate();
    const events: InboundEvent[] = [];
    await rig.adapter.start(async (event) => {
      await stored.wait;
      events.push(event);
    });
    expect(rig.adapter.connectionState()).toBe('connected');
    let acked = false;
    const delivery = rig.fake.deliver({ payload: reply('my answer') }).then((ack) => {
      acked = true;
      return ack;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(acked).toBe(false);
    stored.open();
    await delivery;
    expect(events).toMatchObject([
      {
        type: 'thread_reply',
        channel: slackChannelId(C),
        root: `${slackChannelId(C)}:${ROOT_TS}`,
        member: 'slack:U0MEMBER01',
        text: 'my answer',
      },
    ]);
  });

  it('leaves a delivery unacked when the sink fails, and takes Slack’s retry', async () => {
    rig = await makeRig('socket');
    const seen: string[] = [];
    let failing = true;
    await rig.adapter.start(async (event) => {
      seen.push(event.eventId);
      if (failing) throw new Error('database down');
    });
    const payload = reply('retry me');
    const error = await rig.fake.deliver({ payload }, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SocketDeliveryError);
    if (!(error instanceof SocketDeliveryError)) return;
    expect(error.code).toBe('ack_timeout');
    failing = false;
    const ack = await rig.fake.redeliver(error.envelope);
    expect(ack.envelope.retry_attempt).toBe(1);
    // Same event id both times: the core stores it once.
    expect(seen).toEqual([`slack:${payload.event_id}`, `slack:${payload.event_id}`]);
  });

  it('turns the bot leaving a channel into bot_removed and drops other members leaving', async () => {
    rig = await makeRig('socket');
    const events: InboundEvent[] = [];
    await rig.adapter.start(async (event) => {
      events.push(event);
    });
    await rig.fake.deliver({ payload: memberLeftChannel({ channel: C, user: 'U0MEMBER01' }) });
    await rig.fake.deliver({ payload: memberLeftChannel({ channel: C }) });
    expect(events).toMatchObject([{ type: 'bot_removed', channel: slackChannelId(C) }]);
  });

  it('answers a command through response_url, acking a slow command within the deadline', async () => {
    rig = await makeRig('socket', { adapter: { ackDeadlineMs: 200 } });
    const commands: CommandEvent[] = [];
    await rig.adapter.start(async (event) => {
      if (event.type !== 'command') return;
      commands.push(event);
      await new Promise((resolve) => setTimeout(resolve, 700));
      await event.respond?.(notice('notice', text('Drill posted.')));
    });
    const responseUrl = rig.fake.responseUrls.create();
    const began = Date.now();
    await rig.fake.deliver({
      payload: drillCommand({ text: 'now', channelId: C, userId: 'U0ADMIN001', responseUrl }),
    });
    expect(Date.now() - began).toBeLessThan(650);
    expect(commands).toMatchObject([{ text: 'now', member: 'slack:U0ADMIN001' }]);
    const answered = await rig.fake.responseUrls.waitFor(responseUrl);
    expect(answered.body).toMatchObject({ response_type: 'ephemeral', text: 'Drill posted.' });
  });

  it('opens the answer modal for the button and turns its submission into a form event', async () => {
    rig = await makeRig('socket');
    const events: InboundEvent[] = [];
    await rig.adapter.start(async (event) => {
      events.push(event);
    });
    await rig.fake.deliver({
      payload: blockActions({
        userId: 'U0MEMBER01',
        channelId: C,
        messageTs: ROOT_TS,
        actionId: 'drill-answer',
        value: '42',
      }),
    });
    const opened = await rig.fake.requests.waitFor('views.open');
    const view = opened.body.view;
    expect(view).toMatchObject({
      type: 'modal',
      blocks: [{ type: 'input', block_id: 'answer', element: { action_id: 'answer' } }],
    });
    const metadata =
      typeof view === 'object' && view !== null ? Reflect.get(view, 'private_metadata') : '';
    expect(typeof metadata).toBe('string');
    expect(events).toEqual([]);

    await rig.fake.deliver({
      payload: viewSubmission({
        userId: 'U0MEMBER01',
        callbackId: 'drillbot-answer',
        privateMetadata: String(metadata),
        values: { answer: { answer: 'Rotate, then revoke.' } },
      }),
    });
    expect(events).toMatchObject([
      {
        type: 'form_submitted',
        channel: slackChannelId(C),
        member: 'slack:U0MEMBER01',
        action: 'drill-answer',
        value: '42',
        fields: { answer: 'Rotate, then revoke.' },
      },
    ]);
  });

  it('reports disconnected after stop', async () => {
    rig = await makeRig('socket');
    await rig.adapter.start(async () => {});
    await rig.adapter.stop();
    expect(rig.adapter.connectionState()).toBe('disconnected');
    await rig.fake.socketMode.waitForNoConnections();
  });
});

describe('SlackAdapter start-up', () => {
  it('stops with a clear error naming SLACK_BOT_TOKEN when auth.test rejects it', async () => {
    const fake = await startFakeSlack();
    try {
      const adapter = new SlackAdapter({
        botToken: 'xoxb-revoked',
        connection: { mode: 'socket', appToken: FAKE_APP_TOKEN },
        apiUrl: fake.apiUrl,
        logger,
      });
      const error = await adapter.start(async () => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DrillError);
      expect(error instanceof Error && error.message).toMatch(
        /^SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/,
      );
      expect(fake.socketMode.connectionCount).toBe(0);
    } finally {
      await fake.stop();
    }
  });

  it('names SLACK_APP_TOKEN when Socket Mode refuses the app-level token', async () => {
    rig = await makeRig('socket', {
      adapter: { connection: { mode: 'socket', appToken: 'xapp-wrong' } },
    });
    const error = await rig.adapter.start(async () => {}).catch((e: unknown) => e);
    expect(error instanceof DrillError && error.message).toMatch(
      /^SLACK_APP_TOKEN was rejected by Slack \(invalid_auth\)/,
    );
    expect(rig.adapter.identity).toMatchObject({ teamId: FAKE_IDS.teamId });
  });
});
