/**
 * The fake Slack itself, exercised with the clients the adapter uses: @slack/web-api's
 * WebClient against the Web API, a raw `ws` client (and real Bolt) against Socket Mode, and a
 * reference HMAC check against the signing helper. If these pass, a failing adapter test
 * points at the adapter, not at the fake.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { App, LogLevel as BoltLogLevel, isValidSlackRequest } from '@slack/bolt';
import { ErrorCode, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { waitFor } from './common/wait.ts';
import {
  blockActions,
  blockActionsSchema,
  buildSignedRequest,
  channelLeft,
  channelLeftSchema,
  drillCommand,
  FAKE_APP_TOKEN,
  FAKE_BOT_TOKEN,
  FAKE_IDS,
  FAKE_SIGNING_SECRET,
  type FakeSlack,
  type FakeSlackOptions,
  memberLeftChannel,
  memberLeftChannelSchema,
  messageChanged,
  messageChangedSchema,
  messageDeleted,
  messageDeletedSchema,
  reactionAdded,
  reactionAddedSchema,
  reactionRemoved,
  reactionRemovedSchema,
  SocketDeliveryError,
  signedRequest,
  slashCommandSchema,
  socketEnvelopeSchema,
  spawnFakeSlack,
  startFakeSlack,
  threadReply,
  threadReplySchema,
  viewSubmission,
  viewSubmissionSchema,
} from './slack/index.ts';

const CHANNEL = 'C0FAKECHN1';
const MEMBER = 'U0FAKEUSR1';
const running: FakeSlack[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(running.splice(0).map((fake) => fake.stop()));
});

async function fakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = await startFakeSlack(options);
  running.push(fake);
  return fake;
}

function client(fake: FakeSlack, token = FAKE_BOT_TOKEN, extra: WebClientOptions = {}): WebClient {
  return new WebClient(token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...extra,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** A raw Socket Mode client that keeps every message it receives, parsed. */
async function rawSocket(
  fake: FakeSlack,
): Promise<{ ws: WebSocket; next: () => Promise<unknown> }> {
  const { url } = await client(fake, FAKE_APP_TOKEN).apps.connections.open();
  if (url === undefined) throw new Error('apps.connections.open gave no url');
  const ws = new WebSocket(url);
  sockets.push(ws);
  const inbox: unknown[] = [];
  ws.on('message', (data) => inbox.push(JSON.parse(String(data))));
  let read = 0;
  const next = async () => {
    const value = await waitFor(() => inbox[read], 2_000, 'a socket message');
    read += 1;
    return value;
  };
  return { ws, next };
}

const helloSchema = z.object({
  type: z.literal('hello'),
  num_connections: z.number(),
  debug_info: z.object({ host: z.string() }),
  connection_info: z.object({ app_id: z.string() }),
});

/** Slack's documented check, written independently of the helper under test. */
function referenceVerify(secret: string, headers: Record<string, string>, body: string): boolean {
  const timestamp = headers['x-slack-request-timestamp'] ?? '';
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  );
  const given = Buffer.from(headers['x-slack-signature'] ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('fake Slack Web API', () => {
  it('stores a post with blocks and metadata and finds it with include_all_metadata', async () => {
    const fake = await fakeSlack();
    const web = client(fake);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Drill* of the day' } }];
    const metadata = { event_type: 'drillbot_drill', event_payload: { drill_id: 'd-1' } };
    const posted = await web.chat.postMessage({
      channel: CHANNEL,
      text: 'Drill',
      blocks,
      metadata,
    });
    expect(posted).toMatchObject({
      ok: true,
      channel: CHANNEL,
      message: { text: 'Drill', metadata },
    });

    const request = fake.requests.last('chat.postMessage');
    expect(request?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBe(`Bearer ${FAKE_BOT_TOKEN}`);
    expect(new URLSearchParams(request?.rawBody).get('blocks')).toBe(JSON.stringify(blocks));
    expect(request?.body).toMatchObject({ channel: CHANNEL, blocks, metadata });

    const history = await web.conversations.history({
      channel: CHANNEL,
      include_all_metadata: true,
    });
    const found = history.messages?.find(
      (message) => JSON.stringify(message.metadata?.event_payload) === '{"drill_id":"d-1"}',
    );
    expect(found?.ts).toBe(posted.ts);
    const withoutFlag = await web.conversations.history({ channel: CHANNEL });
    expect(withoutFlag.messages?.[0]?.ts).toBe(posted.ts);
    expect(withoutFlag.messages?.[0]?.metadata).toBeUndefined();
  });

  it('hands out strictly increasing timestamps and pages history newest first', async () => {
    const fake = await fakeSlack({ now: () => 1_700_000_000_000 });
    const web = client(fake);
    const first = await web.chat.postMessage({ channel: CHANNEL, text: 'one' });
    const second = await web.chat.postMessage({ channel: CHANNEL, text: 'two' });
    const reply = await web.chat.postMessage({ channel: CHANNEL, text: 're', thread_ts: first.ts });
    const third = await web.chat.postMessage({ channel: CHANNEL, text: 'three' });
    expect([first.ts, second.ts, reply.ts, third.ts]).toEqual([
      '1700000000.000000',
      '1700000000.000001',
      '1700000000.000002',
      '1700000000.000003',
    ]);

    const page = await web.conversations.history({ channel: CHANNEL, limit: 2 });
    expect(page.messages?.map((message) => message.text)).toEqual(['three', 'two']);
    expect(page.has_more).toBe(true);
    const rest = await web.conversations.history({
      channel: CHANNEL,
      cursor: page.response_metadata?.next_cursor,
    });
    expect(rest.messages?.map((message) => message.text)).toEqual(['one']);
    expect(rest.messages?.[0]).toMatchObject({ reply_count: 1, latest_reply: reply.ts });
    const after = await web.conversations.history({ channel: CHANNEL, oldest: second.ts });
    expect(after.messages?.map((message) => message.text)).toEqual(['three']);
    const before = await web.conversations.history({
      channel: CHANNEL,
      latest: second.ts,
      inclusive: true,
    });
    expect(before.messages?.map((message) => message.text)).toEqual(['two', 'one']);

    fake.postAsUser({ channel: CHANNEL, user: MEMBER, text: 'my answer', threadTs: first.ts });
    const thread = await web.conversations.replies({ channel: CHANNEL, ts: first.ts ?? '' });
    expect(thread.messages?.map((message) => message.text)).toEqual(['one', 're', 'my answer']);
  });

  it('edits, reacts, posts ephemerally and answers users.info and auth.test', async () => {
    const fake = await fakeSlack({
      users: [
        { id: 'U0FAKEADM1', is_admin: true },
        { id: 'U0FAKEOWN1', is_owner: true },
        { id: MEMBER, name: 'member' },
      ],
    });
    const web = client(fake);
    const posted = await web.chat.postMessage({ channel: CHANNEL, text: 'draft' });
    const ts = posted.ts ?? '';
    const updated = await web.chat.update({ channel: CHANNEL, ts, text: 'final' });
    expect(updated).toMatchObject({
      ok: true,
      ts,
      text: 'final',
      message: { edited: { user: FAKE_IDS.botUserId } },
    });
    await web.reactions.add({ channel: CHANNEL, timestamp: ts, name: 'white_check_mark' });
    await expect(
      rejection(web.reactions.add({ channel: CHANNEL, timestamp: ts, name: 'white_check_mark' })),
    ).resolves.toMatchObject({ data: { error: 'already_reacted' } });
    expect(fake.messages.find(CHANNEL, ts)?.reactions).toEqual([
      { name: 'white_check_mark', users: [FAKE_IDS.botUserId], count: 1 },
    ]);
    const ephemeral = await web.chat.postEphemeral({
      channel: CHANNEL,
      user: MEMBER,
      text: 'psst',
    });
    expect(fake.messages.ephemerals(CHANNEL)).toEqual([
      { channel: CHANNEL, user: MEMBER, text: 'psst', message_ts: ephemeral.message_ts },
    ]);

    const admin = await web.users.info({ user: 'U0FAKEADM1' });
    const owner = await web.users.info({ user: 'U0FAKEOWN1' });
    const member = await web.users.info({ user: MEMBER });
    expect([admin.user?.is_admin, owner.user?.is_owner, member.user?.is_admin]).toEqual([
      true,
      true,
      false,
    ]);
    const unlisted = await web.users.info({ user: 'U0UNLISTED' });
    expect([unlisted.user?.is_admin, unlisted.user?.is_owner]).toEqual([false, false]);
    const strict = await fakeSlack({ autoCreateUsers: false });
    await expect(
      rejection(client(strict).users.info({ user: 'U0UNLISTED' })),
    ).resolves.toMatchObject({
      data: { error: 'user_not_found' },
    });
    expect(await web.auth.test()).toMatchObject({
      ok: true,
      team_id: FAKE_IDS.teamId,
      user_id: FAKE_IDS.botUserId,
      bot_id: FAKE_IDS.botId,
    });
  });

  it('rejects bad tokens, unknown methods, channels without the bot and over-long blocks', async () => {
    const fake = await fakeSlack({ channels: [{ id: 'C0FAKEPRIV', botIsMember: false }] });
    const platformError = (error: string) => ({
      code: ErrorCode.PlatformError,
      data: { ok: false, error },
    });
    await expect(rejection(client(fake, 'xoxb-forged').auth.test())).resolves.toMatchObject(
      platformError('invalid_auth'),
    );
    await expect(rejection(client(fake).apiCall('drills.explode'))).resolves.toMatchObject(
      platformError('unknown_method'),
    );
    await expect(
      rejection(client(fake, FAKE_APP_TOKEN).chat.postMessage({ channel: CHANNEL, text: 'x' })),
    ).resolves.toMatchObject(platformError('not_allowed_token_type'));
    await expect(
      rejection(client(fake).chat.postMessage({ channel: 'C0FAKEPRIV', text: 'x' })),
    ).resolves.toMatchObject(platformError('not_in_channel'));
    fake.workspace.setBotMembership('C0FAKEPRIV', true);
    await expect(
      client(fake).chat.postMessage({ channel: 'C0FAKEPRIV', text: 'x' }),
    ).resolves.toMatchObject({ ok: true });
    const longSection = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3_001) } }];
    await expect(
      rejection(
        client(fake).chat.postMessage({ channel: CHANNEL, text: 'x', blocks: longSection }),
      ),
    ).resolves.toMatchObject(platformError('invalid_blocks'));
    expect(fake.requests.all().map((request) => request.method)).toContain('drills.explode');
  });

  it('accepts JSON bodies and records response_url posts', async () => {
    const fake = await fakeSlack();
    const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${FAKE_BOT_TOKEN}` },
      body: JSON.stringify({
        channel: CHANNEL,
        text: 'json',
        metadata: { event_type: 'e', event_payload: {} },
      }),
    });
    expect(await response.json()).toMatchObject({ ok: true, message: { text: 'json' } });
    const url = fake.responseUrls.create();
    const posted = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text: 'Only you can see this' }),
    });
    expect(posted.status).toBe(200);
    expect(fake.responseUrls.posts(url).map((post) => post.body)).toEqual([
      { response_type: 'ephemeral', text: 'Only you can see this' },
    ]);
  });
});

describe('fake Slack faults', () => {
  it('answers 429 with Retry-After, which the WebClient honours before retrying', async () => {
    const fake = await fakeSlack();
    fake.faults.next('chat.postMessage', { kind: 'rate_limit', retryAfterSeconds: 1 });
    const web = client(fake, FAKE_BOT_TOKEN, { retryConfig: { retries: 1 } });
    const started = performance.now();
    await web.chat.postMessage({ channel: CHANNEL, text: 'paced' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
    const [limited, retried] = fake.requests.all('chat.postMessage');
    expect(limited?.fault).toBe('rate_limit');
    expect(retried?.fault).toBeUndefined();
    expect((retried?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(990);
    expect(fake.messages.all(CHANNEL)).toHaveLength(1);

    fake.faults.next('chat.postMessage', { kind: 'rate_limit', retryAfterSeconds: 7 });
    const rejecting = client(fake, FAKE_BOT_TOKEN, { rejectRateLimitedCalls: true });
    await expect(
      rejection(rejecting.chat.postMessage({ channel: CHANNEL, text: 'x' })),
    ).resolves.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
  });

  it('accepts a post and then hangs, so only a metadata lookup can tell it landed', async () => {
    const fake = await fakeSlack();
    const metadata = { event_type: 'drillbot_drill', event_payload: { drill_id: 'd-9' } };
    fake.faults.next('chat.postMessage', { kind: 'hang' });
    const web = client(fake, FAKE_BOT_TOKEN, { timeout: 300 });
    await expect(
      rejection(web.chat.postMessage({ channel: CHANNEL, text: 'drill', metadata })),
    ).resolves.toMatchObject({ code: ErrorCode.RequestError });
    const history = await web.conversations.history({
      channel: CHANNEL,
      include_all_metadata: true,
    });
    const found = history.messages?.filter(
      (message) => message.metadata?.event_type === 'drillbot_drill',
    );
    expect(found?.map((message) => message.metadata?.event_payload)).toEqual([{ drill_id: 'd-9' }]);

    fake.faults.next('chat.postMessage', { kind: 'hang', answerAfterMs: 150 });
    const started = performance.now();
    await expect(
      client(fake).chat.postMessage({ channel: CHANNEL, text: 'late' }),
    ).resolves.toMatchObject({ ok: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('fails with 500 or a reset connection without storing anything', async () => {
    const fake = await fakeSlack();
    fake.faults.next('chat.postMessage', { kind: 'server_error' });
    fake.faults.next('chat.postMessage', { kind: 'reset' });
    await expect(
      rejection(client(fake).chat.postMessage({ channel: CHANNEL, text: 'a' })),
    ).resolves.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 500,
    });
    await expect(
      rejection(client(fake).chat.postMessage({ channel: CHANNEL, text: 'b' })),
    ).resolves.toMatchObject({
      code: ErrorCode.RequestError,
    });
    expect(fake.messages.all(CHANNEL)).toEqual([]);
    expect(fake.faults.pending('chat.postMessage')).toBe(0);
  });
});

describe('fake Slack Socket Mode', () => {
  it('greets with hello, delivers an envelope and resolves with the ack', async () => {
    const fake = await fakeSlack();
    const { ws, next } = await rawSocket(fake);
    expect(helloSchema.parse(await next())).toMatchObject({
      num_connections: 1,
      connection_info: { app_id: FAKE_IDS.appId },
    });
    const payload = threadReply({
      channel: CHANNEL,
      user: MEMBER,
      text: 'answer',
      threadTs: '1700000000.000100',
    });
    const delivery = fake.deliver({ payload });
    const envelope = socketEnvelopeSchema.parse(await next());
    expect(envelope).toMatchObject({
      type: 'events_api',
      payload: { event_id: payload.event_id, event: { text: 'answer' } },
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
    });
    ws.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: {} }));
    await expect(delivery).resolves.toMatchObject({
      envelope_id: envelope.envelope_id,
      connectionId: 1,
    });
  });

  it('refuses a reused connection URL, as Slack tickets are single-use', async () => {
    const fake = await fakeSlack();
    const { url } = await client(fake, FAKE_APP_TOKEN).apps.connections.open();
    const first = new WebSocket(url ?? '');
    sockets.push(first);
    await new Promise((resolve) => first.once('open', resolve));
    const second = new WebSocket(url ?? '');
    sockets.push(second);
    const status = await new Promise<number | undefined>((resolve) => {
      second.once('unexpected-response', (_request, response) => resolve(response.statusCode));
      second.once('error', () => resolve(undefined));
    });
    expect(status).toBe(401);
  });

  it('rejects an un-acked envelope after the timeout and redelivers it as a retry', async () => {
    const fake = await fakeSlack();
    const { ws, next } = await rawSocket(fake);
    await next();
    const payload = drillCommand({ text: 'now', channelId: CHANNEL, userId: MEMBER });
    const failed = await rejection(fake.deliver({ payload }, { timeoutMs: 100 }));
    if (!(failed instanceof SocketDeliveryError)) throw new Error('expected a SocketDeliveryError');
    expect(failed.code).toBe('ack_timeout');
    const original = socketEnvelopeSchema.parse(await next());
    expect(original).toMatchObject({ type: 'slash_commands', accepts_response_payload: true });

    const redelivery = fake.redeliver(failed.envelope);
    const retry = socketEnvelopeSchema.parse(await next());
    expect(retry).toMatchObject({
      retry_attempt: 1,
      retry_reason: 'timeout',
      payload: original.payload,
    });
    expect(retry.envelope_id).not.toBe(original.envelope_id);
    ws.send(JSON.stringify({ envelope_id: retry.envelope_id, payload: { text: 'Posted.' } }));
    await expect(redelivery).resolves.toMatchObject({ payload: { text: 'Posted.' } });
    ws.send(JSON.stringify({ envelope_id: original.envelope_id }));
    await waitFor(
      () => (fake.socketMode.acks().some((ack) => ack.late) ? true : undefined),
      2_000,
      'a late ack',
    );
  });

  it('spreads envelopes round robin and retries on its own with `retries`', async () => {
    const fake = await fakeSlack();
    const a = await rawSocket(fake);
    const b = await rawSocket(fake);
    await a.next();
    expect(helloSchema.parse(await b.next()).num_connections).toBe(2);
    const ackAll = (
      socket: { ws: WebSocket; next: () => Promise<unknown> },
      skipFirst: boolean,
    ) => {
      let skipped = !skipFirst;
      socket.ws.on('message', (data) => {
        const envelope = socketEnvelopeSchema.safeParse(JSON.parse(String(data)));
        if (!envelope.success) return;
        if (!skipped) {
          skipped = true;
          return;
        }
        socket.ws.send(JSON.stringify({ envelope_id: envelope.data.envelope_id }));
      });
    };
    ackAll(a, true);
    ackAll(b, false);
    const payload = reactionAdded({
      channel: CHANNEL,
      user: MEMBER,
      reaction: '+1',
      itemTs: '1.000001',
      itemUser: 'U2',
    });
    const ack = await fake.deliver({ payload }, { timeoutMs: 500, retries: 2 });
    const deliveries = fake.socketMode.deliveries();
    expect(deliveries.map((delivery) => delivery.connectionId)).toEqual([1, 2]);
    expect(ack).toMatchObject({ connectionId: 2, envelope: { retry_attempt: 1 } });
    const eventIds = deliveries.map((delivery) => delivery.envelope.payload.event_id);
    expect(eventIds).toEqual([payload.event_id, payload.event_id]);
  });

  it('serves real Bolt: an event and a command reach listeners and respond() is recorded', async () => {
    const fake = await fakeSlack();
    const app = new App({
      token: FAKE_BOT_TOKEN,
      appToken: FAKE_APP_TOKEN,
      socketMode: true,
      logLevel: BoltLogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    const texts: string[] = [];
    app.message(async ({ message }) => {
      if ('text' in message && typeof message.text === 'string') texts.push(message.text);
    });
    app.command('/drill', async ({ ack, respond, command }) => {
      await ack();
      await respond({ response_type: 'ephemeral', text: `got ${command.text}` });
    });
    await app.start();
    try {
      await fake.deliver({
        payload: threadReply({ channel: CHANNEL, user: MEMBER, text: 'hi', threadTs: '1.000001' }),
      });
      const responseUrl = fake.responseUrls.create();
      await fake.deliver({
        payload: drillCommand({
          text: 'leaderboard',
          channelId: CHANNEL,
          userId: MEMBER,
          responseUrl,
        }),
      });
      const post = await fake.responseUrls.waitFor(responseUrl);
      expect(post.body).toEqual({ response_type: 'ephemeral', text: 'got leaderboard' });
      expect(texts).toEqual(['hi']);
    } finally {
      await app.stop();
      await fake.socketMode.waitForNoConnections();
    }
  });
});

describe('signed HTTP-mode requests', () => {
  it('signs with v0 HMAC-SHA256 that a reference check and Bolt accept, and a tampered body fails', () => {
    const payload = threadReply({
      channel: CHANNEL,
      user: MEMBER,
      text: 'answer',
      threadTs: '1.000001',
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const request = buildSignedRequest(
      'http://127.0.0.1:9/slack/events',
      payload,
      FAKE_SIGNING_SECRET,
      {
        timestamp,
        retryNum: 1,
        retryReason: 'http_timeout',
      },
    );
    const { headers, body } = request.init;
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(referenceVerify(FAKE_SIGNING_SECRET, headers, body)).toBe(true);
    expect(referenceVerify(FAKE_SIGNING_SECRET, headers, body.replace('answer', 'forged'))).toBe(
      false,
    );
    expect(referenceVerify('another-secret', headers, body)).toBe(false);
    const boltHeaders = {
      'x-slack-signature': headers['x-slack-signature'] ?? '',
      'x-slack-request-timestamp': timestamp,
    };
    expect(
      isValidSlackRequest({ signingSecret: FAKE_SIGNING_SECRET, body, headers: boltHeaders }),
    ).toBe(true);
    expect(
      isValidSlackRequest({
        signingSecret: FAKE_SIGNING_SECRET,
        body: `${body} `,
        headers: boltHeaders,
      }),
    ).toBe(false);
  });

  it('form-encodes commands and wraps interactions in payload=', () => {
    const command = drillCommand({ text: 'now', channelId: CHANNEL, userId: MEMBER });
    const commandRequest = buildSignedRequest('http://127.0.0.1:9/x', command, FAKE_SIGNING_SECRET);
    expect(commandRequest.init.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(commandRequest.init.body);
    expect([form.get('command'), form.get('text'), form.get('user_id')]).toEqual([
      '/drill',
      'now',
      MEMBER,
    ]);

    const click = blockActions({
      userId: MEMBER,
      channelId: CHANNEL,
      messageTs: '1.000001',
      actionId: 'a',
      value: 'v',
    });
    const clickRequest = buildSignedRequest('http://127.0.0.1:9/x', click, FAKE_SIGNING_SECRET);
    const wrapped = new URLSearchParams(clickRequest.init.body);
    expect([...wrapped.keys()]).toEqual(['payload']);
    expect(JSON.parse(wrapped.get('payload') ?? '')).toEqual(click);
    expect(
      referenceVerify(FAKE_SIGNING_SECRET, clickRequest.init.headers, clickRequest.init.body),
    ).toBe(true);
  });

  it('sends the signed request, and a forged signature is refused by a verifying receiver', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        seen.push(req.headers);
        const headers = {
          'x-slack-signature': String(req.headers['x-slack-signature']),
          'x-slack-request-timestamp': String(req.headers['x-slack-request-timestamp']),
        };
        res.writeHead(referenceVerify(FAKE_SIGNING_SECRET, headers, body) ? 200 : 401).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const address = receiver.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const url = `http://127.0.0.1:${port}/slack/events`;
      const payload = viewSubmission({
        userId: MEMBER,
        callbackId: 'blind',
        values: { answer: { text: 'x' } },
      });
      const good = await signedRequest(url, payload, FAKE_SIGNING_SECRET, { retryNum: 2 });
      const forged = await signedRequest(url, payload, FAKE_SIGNING_SECRET, { signature: 'v0=00' });
      expect([good.status, forged.status]).toEqual([200, 401]);
      expect(seen[0]?.['x-slack-retry-num']).toBe('2');
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe('payload builders', () => {
  it('build documented shapes with fresh event ids and the fake workspace ids', () => {
    const reply = threadReply({
      channel: CHANNEL,
      user: MEMBER,
      text: 't',
      threadTs: '1.000001',
      ts: '2.000002',
    });
    const again = threadReply({ channel: CHANNEL, user: MEMBER, text: 't', threadTs: '1.000001' });
    expect(threadReplySchema.parse(reply)).toMatchObject({
      team_id: FAKE_IDS.teamId,
      api_app_id: FAKE_IDS.appId,
      event_time: 2,
      authorizations: [{ user_id: FAKE_IDS.botUserId }],
      event: { type: 'message', ts: '2.000002', thread_ts: '1.000001', event_ts: '2.000002' },
    });
    expect(again.event_id).not.toBe(reply.event_id);
    const edited = messageChanged({
      channel: CHANNEL,
      user: MEMBER,
      ts: '2.000002',
      threadTs: '1.000001',
      text: 'new',
      previousText: 'old',
    });
    expect(messageChangedSchema.parse(edited).event).toMatchObject({
      subtype: 'message_changed',
      message: { text: 'new', ts: '2.000002', thread_ts: '1.000001' },
      previous_message: { text: 'old' },
    });
    const deleted = messageDeleted({
      channel: CHANNEL,
      user: MEMBER,
      deletedTs: '2.000002',
      threadTs: '1.000001',
      previousText: 'old',
    });
    expect(messageDeletedSchema.parse(deleted).event.deleted_ts).toBe('2.000002');
    const reaction = {
      channel: CHANNEL,
      user: 'U2',
      reaction: '+1',
      itemTs: '2.000002',
      itemUser: MEMBER,
    };
    expect(reactionAddedSchema.parse(reactionAdded(reaction)).event.item.ts).toBe('2.000002');
    expect(reactionRemovedSchema.parse(reactionRemoved(reaction)).event.type).toBe(
      'reaction_removed',
    );
    expect(memberLeftChannelSchema.parse(memberLeftChannel({ channel: CHANNEL })).event.user).toBe(
      FAKE_IDS.botUserId,
    );
    expect(
      channelLeftSchema.parse(channelLeft({ channel: CHANNEL, actorId: 'U0FAKEADM1' })).event
        .actor_id,
    ).toBe('U0FAKEADM1');
    const bot = threadReply({
      channel: CHANNEL,
      user: MEMBER,
      text: 'x',
      threadTs: '1.1',
      eventExtra: { bot_id: 'B1' },
    });
    expect(bot.event).toMatchObject({ bot_id: 'B1' });
  });

  it('build interactions whose default response_url never leaves the machine', () => {
    const command = slashCommandSchema.parse(
      drillCommand({ text: 'reveal', channelId: CHANNEL, userId: MEMBER }),
    );
    expect(new URL(command.response_url).hostname).toBe('127.0.0.1');
    const click = blockActionsSchema.parse(
      blockActions({
        userId: MEMBER,
        channelId: CHANNEL,
        messageTs: '1.000001',
        actionId: 'go',
        isEphemeral: true,
      }),
    );
    expect(click).toMatchObject({
      container: { is_ephemeral: true },
      actions: [{ action_id: 'go' }],
    });
    expect(click.message).toBeUndefined();
    const modal = viewSubmissionSchema.parse(
      viewSubmission({
        userId: MEMBER,
        callbackId: 'blind',
        privateMetadata: '{"d":1}',
        values: { answer: { text: 'hello' } },
      }),
    );
    expect(modal.view).toMatchObject({
      callback_id: 'blind',
      private_metadata: '{"d":1}',
      state: { values: { answer: { text: { type: 'plain_text_input', value: 'hello' } } } },
    });
  });
});

describe('standalone fake Slack process', () => {
  it('prints its ports, is driven over /_fake/, and stops on SIGTERM', async () => {
    const standalone = await spawnFakeSlack({
      options: { users: [{ id: 'U0FAKEADM1', is_admin: true }] },
    });
    const { info, control } = standalone;
    try {
      expect(info).toMatchObject({
        apiUrl: `http://127.0.0.1:${info.port}/api/`,
        botUserId: FAKE_IDS.botUserId,
      });
      expect(info.socketPort).toBeGreaterThan(0);
      const web = new WebClient(FAKE_BOT_TOKEN, {
        slackApiUrl: info.apiUrl,
        retryConfig: { retries: 0 },
      });
      expect((await web.users.info({ user: 'U0FAKEADM1' })).user?.is_admin).toBe(true);
      await control.failNext('chat.postMessage', { kind: 'server_error' });
      await expect(
        rejection(web.chat.postMessage({ channel: CHANNEL, text: 'x' })),
      ).resolves.toMatchObject({
        statusCode: 500,
      });
      await web.chat.postMessage({ channel: CHANNEL, text: 'drill' });
      expect((await control.requests('chat.postMessage')).map((request) => request.fault)).toEqual([
        'server_error',
        undefined,
      ]);
      expect((await control.messages(CHANNEL)).map((message) => message.text)).toEqual(['drill']);
      const failed = await rejection(
        control.deliver(
          { payload: channelLeft({ channel: CHANNEL, actorId: 'U0FAKEADM1' }) },
          { timeoutMs: 100 },
        ),
      );
      expect(failed).toBeInstanceOf(SocketDeliveryError);
      expect(failed).toMatchObject({ code: 'no_connection' });
    } finally {
      expect(await standalone.stop()).toEqual({ code: 0, signal: null });
    }
    await expect(fetch(`${info.baseUrl}/_fake/info`)).rejects.toThrow();
  });

  it('exits by itself when its parent goes away (stdin closes)', async () => {
    const standalone = await spawnFakeSlack();
    standalone.child.stdin?.end();
    expect(await standalone.exited).toEqual({ code: 0, signal: null });
  });
});
