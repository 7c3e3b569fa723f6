/**
 * The Slack adapter's outbound half against the fake Web API with real Bolt's WebClient:
 * what each port member sends, and how Slack's failures reach the core as PlatformError kinds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseMessageId } from '../../../src/core/ids.ts';
import { type Message, notice, paragraph, text } from '../../../src/core/messages.ts';
import { PlatformError } from '../../../src/core/platform.ts';
import { FAKE_IDS } from '../../fakes/slack/index.ts';
import { makeRig, type SlackRig, slackChannelId, slackParts } from './harness.ts';

const C = 'C0OUTBOUND1';
const CHANNEL = slackChannelId(C);

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function started(options: Parameters<typeof makeRig>[1] = {}): Promise<SlackRig> {
  rig = await makeRig('socket', options);
  await rig.adapter.start(async () => {});
  return rig;
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${error}`);
  return error;
}

/** A message of `count` paragraphs: more than 50 become several Slack messages. */
function longMessage(count: number): Message {
  return {
    kind: 'reveal',
    blocks: Array.from({ length: count }, (_, i) => paragraph(text(`part ${i + 1}`))),
  };
}

describe('SlackAdapter outbound', () => {
  it('posts rendered blocks with the marker in metadata and no unfurling, and edits and reacts', async () => {
    const { fake, adapter } = await started();
    const posted = await adapter.postMessage(CHANNEL, notice('question', text('<!channel> hi')), {
      marker: 'drill:7',
    });
    const { channel, ts } = slackParts(posted.ref);
    expect(parseMessageId(posted.ref)?.workspace).toBe(FAKE_IDS.teamId);
    expect(channel).toBe(C);
    const call = fake.requests.last('chat.postMessage');
    expect(call?.body).toMatchObject({
      channel: C,
      unfurl_links: 'false',
      metadata: { event_type: 'drillbot_post', event_payload: { marker: 'drill:7' } },
    });
    expect(JSON.stringify(call?.body.blocks)).toContain('&lt;!channel&gt; hi');
    expect(JSON.stringify(call?.body.blocks)).not.toContain('<!channel>');

    const reply = await adapter.postInThread(posted.ref, notice('reveal', text('answer')));
    expect(fake.messages.find(C, slackParts(reply.ref).ts)?.thread_ts).toBe(ts);

    await adapter.editMessage(posted.ref, notice('question', text('closed')));
    expect(fake.messages.find(C, ts)?.text).toContain('closed');

    await adapter.addReaction(posted.ref, ':white_check_mark:');
    await adapter.addReaction(posted.ref, 'white_check_mark');
    expect(fake.messages.find(C, ts)?.reactions).toEqual([
      { name: 'white_check_mark', users: [FAKE_IDS.botUserId], count: 1 },
    ]);
  });

  it('splits a message over 50 blocks into posts in order, the marker on the first only', async () => {
    const { fake, adapter } = await started();
    const posted = await adapter.postMessage(CHANNEL, longMessage(60), { marker: 'reveal:3' });
    const calls = fake.requests.all('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.body.metadata).toBeDefined();
    expect(calls[1]?.body.metadata).toBeUndefined();
    expect(JSON.stringify(calls[0]?.body.blocks)).toContain('part 1');
    expect(JSON.stringify(calls[1]?.body.blocks)).toContain('part 60');
    expect(slackParts(posted.ref).ts).toBe(fake.messages.all(C)[0]?.ts);
  });

  it('answers privately with chat.postEphemeral, or by direct message where the bot cannot post', async () => {
    const { fake, adapter } = await started({
      fake: { channels: [{ id: 'C0NOTINVTD', botIsMember: false }] },
    });
    expect(
      await adapter.postPrivate(CHANNEL, 'slack:U0MEMBER01', notice('notice', text('hi'))),
    ).toEqual({
      via: 'ephemeral',
    });
    expect(fake.messages.ephemerals(C)).toMatchObject([{ user: 'U0MEMBER01' }]);

    const away = slackChannelId('C0NOTINVTD');
    expect(
      await adapter.postPrivate(away, 'slack:U0ADMIN001', notice('notice', text('invite me'))),
    ).toEqual({
      via: 'dm',
    });
    expect(fake.messages.all('U0ADMIN001')[0]?.text).toContain('invite me');
  });

  it('reads workspace admins and owners from users.info, cached', async () => {
    const { fake, adapter } = await started({
      fake: {
        users: [
          { id: 'U0ADMIN001', is_admin: true, name: 'ada' },
          { id: 'U0OWNER001', is_owner: true },
          { id: 'U0HELPER01', is_bot: true },
        ],
      },
    });
    expect(await adapter.isPlatformAdmin(CHANNEL, 'slack:U0ADMIN001')).toBe(true);
    expect(await adapter.isPlatformAdmin(CHANNEL, 'slack:U0OWNER001')).toBe(true);
    expect(await adapter.isPlatformAdmin(CHANNEL, 'slack:U0MEMBER01')).toBe(false);
    expect(await adapter.isPlatformAdmin(CHANNEL, 'discord:123456789012345678')).toBe(false);
    expect(await adapter.getMember('slack:U0ADMIN001')).toEqual({
      id: 'slack:U0ADMIN001',
      displayName: 'ada',
      isBot: false,
    });
    expect((await adapter.getMember('slack:U0HELPER01'))?.isBot).toBe(true);
    const lookups = fake.requests.all('users.info').filter((r) => r.body.user === 'U0ADMIN001');
    expect(lookups).toHaveLength(1);
  });

  it('maps Slack failures to PlatformError kinds', async () => {
    const { fake, adapter } = await started({
      fake: {
        autoCreateChannels: false,
        channels: [
          { id: C, botIsMember: true },
          { id: 'C0NOTINVTD', botIsMember: false },
        ],
      },
    });
    const post = (channel: string) => adapter.postMessage(channel, notice('notice', text('x')));
    expect((await failure(post(slackChannelId('C0NOTINVTD')))).kind).toBe('not_in_channel');
    expect((await failure(post(slackChannelId('C0GONE0001')))).kind).toBe('channel_gone');
    fake.faults.next('chat.postMessage', { kind: 'server_error', status: 503 });
    expect((await failure(post(CHANNEL))).kind).toBe('unavailable');
    fake.faults.next('chat.postMessage', { kind: 'reset', afterApply: true });
    expect((await failure(post(CHANNEL))).kind).toBe('unknown_outcome');
    // An interrupted read is safe to repeat: an outage, not an unknown outcome.
    fake.faults.next('users.info', { kind: 'reset' });
    expect((await failure(adapter.getMember('slack:U0SOMEONE1'))).kind).toBe('unavailable');
    const invalid = await failure(adapter.postMessage('discord:1:2', notice('notice', text('x'))));
    expect(invalid.kind).toBe('invalid');
    // Nothing was posted twice by the client's own retries.
    expect(fake.messages.all(C)).toHaveLength(1);
  });

  it('waits out a 429 with Retry-After: 1 and retries, at least a second later', async () => {
    const { fake, adapter } = await started();
    fake.faults.next('chat.postMessage', { kind: 'rate_limit', retryAfterSeconds: 1 });
    await adapter.postMessage(CHANNEL, notice('notice', text('patience')));
    const [limited, retried] = fake.requests.all('chat.postMessage');
    expect(limited?.fault).toBe('rate_limit');
    expect((retried?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(fake.messages.all(C)).toHaveLength(1);
  });

  it('reports still-limited calls as rate_limited with the wait, after bounded retries', async () => {
    const { fake, adapter } = await started({ adapter: { rateLimitRetries: 1 } });
    fake.faults.next('chat.postMessage', { kind: 'rate_limit', retryAfterSeconds: 0 }, 2);
    const error = await failure(adapter.postMessage(CHANNEL, notice('notice', text('x'))));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(0);
    expect(fake.requests.count('chat.postMessage')).toBe(2);
  });

  it('finds an unknown-outcome post by its metadata, in the channel or in a thread', async () => {
    const { fake, adapter } = await started({ adapter: { timeoutMs: 300 } });
    fake.faults.next('chat.postMessage', { kind: 'hang' });
    const error = await failure(
      adapter.postMessage(CHANNEL, notice('question', text('q')), { marker: 'drill:9' }),
    );
    expect(error.kind).toBe('unknown_outcome');
    const found = await adapter.findPosted(CHANNEL, 'drill:9');
    expect(found && slackParts(found.ref).ts).toBe(fake.messages.all(C)[0]?.ts);
    expect(fake.requests.last('conversations.history')?.body.include_all_metadata).toBe('true');
    expect(await adapter.findPosted(CHANNEL, 'drill:10')).toBeUndefined();

    const root = found?.ref ?? '';
    fake.faults.next('chat.postMessage', { kind: 'hang' });
    await failure(adapter.postInThread(root, notice('reveal', text('r')), { marker: 'reveal:9' }));
    const reveal = await adapter.findPosted(CHANNEL, 'reveal:9', root);
    expect(reveal && fake.messages.find(C, slackParts(reveal.ref).ts)?.thread_ts).toBe(
      slackParts(root).ts,
    );
    // Someone else's message with the same metadata is not the bot's post.
    fake.messages.add(C, {
      user: 'U0MIMIC0001',
      text: 'copy',
      team: FAKE_IDS.teamId,
      metadata: { event_type: 'drillbot_post', event_payload: { marker: 'drill:11' } },
    });
    expect(await adapter.findPosted(CHANNEL, 'drill:11')).toBeUndefined();
  });

  it('paces posts to one channel and lets other channels through', async () => {
    const { adapter } = await started({ adapter: { postIntervalMs: 300 } });
    const started_ = Date.now();
    await Promise.all([
      adapter.postMessage(CHANNEL, notice('notice', text('1'))),
      adapter.postMessage(CHANNEL, notice('notice', text('2'))),
      adapter.postMessage(slackChannelId('C0OTHER001'), notice('notice', text('elsewhere'))),
    ]);
    expect(Date.now() - started_).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started_).toBeLessThan(1_500);
  });
});
