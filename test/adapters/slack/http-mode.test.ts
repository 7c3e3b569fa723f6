/**
 * Slack HTTP mode: real Bolt behind the process's own HTTP server at `POST /slack/events`.
 * Only requests with a valid v0 signature and a fresh timestamp reach a listener, and the
 * response is written once the sink has stored the delivery (`processBeforeResponse`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { notice, text } from '../../../src/core/messages.ts';
import type { InboundEvent } from '../../../src/core/platform.ts';
import {
  drillCommand,
  FAKE_SIGNING_SECRET,
  jsonBody,
  signedRequest,
  threadReply,
} from '../../fakes/slack/index.ts';
import { makeRig, type SlackRig, slackChannelId } from './harness.ts';

const C = 'C0HTTPMODE1';

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function httpRig(): Promise<SlackRig & { eventsUrl: string }> {
  rig = await makeRig('http');
  const { eventsUrl } = rig;
  if (!eventsUrl) throw new Error('no HTTP route');
  return { ...rig, eventsUrl };
}

const reply = (textValue: string) =>
  threadReply({ channel: C, user: 'U0MEMBER01', text: textValue, threadTs: '1700000000.000100' });

describe('SlackAdapter in HTTP mode', () => {
  it('answers the URL check, and 503 until started', async () => {
    const { eventsUrl, adapter } = await httpRig();
    const check = await signedRequest(
      eventsUrl,
      jsonBody({ type: 'url_verification', challenge: 'c-123', token: 'x' }),
      FAKE_SIGNING_SECRET,
    );
    expect(await check.json()).toEqual({ challenge: 'c-123' });
    const early = await signedRequest(eventsUrl, reply('too early'), FAKE_SIGNING_SECRET);
    expect(early.status).toBe(503);
    expect(adapter.connectionState()).toBe('disconnected');
  });

  it('responds 200 only once the sink has stored the event', async () => {
    const { eventsUrl, adapter } = await httpRig();
    const events: InboundEvent[] = [];
    let release = () => {};
    const stored = new Promise<void>((resolve) => {
      release = resolve;
    });
    await adapter.start(async (event) => {
      await stored;
      events.push(event);
    });
    expect(adapter.connectionState()).toBe('connected');
    let answered = false;
    const response = signedRequest(eventsUrl, reply('over http'), FAKE_SIGNING_SECRET, {
      retryNum: 1,
      retryReason: 'http_timeout',
    }).then((res) => {
      answered = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(answered).toBe(false);
    release();
    expect((await response).status).toBe(200);
    expect(events).toMatchObject([{ type: 'thread_reply', text: 'over http' }]);
  });

  it('refuses a forged signature and a stale timestamp with 401 before any listener', async () => {
    const { eventsUrl, adapter } = await httpRig();
    const events: InboundEvent[] = [];
    await adapter.start(async (event) => {
      events.push(event);
    });
    const forged = await signedRequest(eventsUrl, reply('forged'), FAKE_SIGNING_SECRET, {
      signature: `v0=${'0'.repeat(64)}`,
    });
    expect(forged.status).toBe(401);
    const wrongSecret = await signedRequest(eventsUrl, reply('wrong secret'), 'not-the-secret');
    expect(wrongSecret.status).toBe(401);
    const stale = await signedRequest(eventsUrl, reply('stale'), FAKE_SIGNING_SECRET, {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    expect(events).toEqual([]);
  });

  it('answers 500 when the sink fails, so Slack retries', async () => {
    const { eventsUrl, adapter } = await httpRig();
    await adapter.start(async () => {
      throw new Error('database down');
    });
    const res = await signedRequest(eventsUrl, reply('lost?'), FAKE_SIGNING_SECRET);
    expect(res.status).toBe(500);
  });

  it('takes a signed slash command and answers through response_url', async () => {
    const { eventsUrl, adapter, fake } = await httpRig();
    const events: InboundEvent[] = [];
    await adapter.start(async (event) => {
      events.push(event);
      if (event.type === 'command') await event.respond?.(notice('notice', text('Drill posted.')));
    });
    const responseUrl = fake.responseUrls.create();
    const res = await signedRequest(
      eventsUrl,
      drillCommand({ text: 'now', channelId: C, userId: 'U0ADMIN001', responseUrl }),
      FAKE_SIGNING_SECRET,
    );
    expect(res.status).toBe(200);
    expect(events).toMatchObject([
      { type: 'command', text: 'now', channel: slackChannelId(C), member: 'slack:U0ADMIN001' },
    ]);
    expect((await fake.responseUrls.waitFor(responseUrl)).body).toMatchObject({
      response_type: 'ephemeral',
      text: 'Drill posted.',
    });
  });
});
