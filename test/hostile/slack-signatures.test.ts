/**
 * Forged and replayed requests against the real Bolt HTTP receiver (`POST /slack/events` on
 * the process's own server), with the real engine behind it. Slack signs
 * `v0:{timestamp}:{body}` with HMAC-SHA256 and refuses timestamps more than five minutes from
 * local time (https://docs.slack.dev/authentication/verifying-requests-from-slack). Every
 * forgery gets 401 with an empty body and reaches nothing: no event stored, no command run.
 *
 * A valid request sent twice is not a forgery: the signature cannot tell, so both get 200,
 * and the delivery ids make the second a no-op (an event's `event_id`, a command's
 * `trigger_id`): stored or run once, answered once.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rawRows } from '../../db/raw.ts';
import { makeRig } from '../adapters/slack/harness.ts';
import {
  buildSignedRequest,
  drillCommand,
  FAKE_SIGNING_SECRET,
  jsonBody,
  slackSignature,
  threadReply,
} from '../fakes/slack/index.ts';
import { useDatabase } from '../support/db.ts';
import { HUGE } from './cases.ts';
import { SLACK_ADMIN, SLACK_CHANNEL, SLACK_HOSTILE } from './slack-drive.ts';
import { useWorld } from './world.ts';

const now = () => Math.floor(Date.now() / 1000);
const reply = (text: string) =>
  threadReply({
    channel: SLACK_CHANNEL,
    user: SLACK_HOSTILE,
    text,
    threadTs: '1700000000.000100',
  });

interface Forgery {
  id: string;
  /** Headers to send instead of the valid ones (undefined drops the header). */
  headers: (valid: { timestamp: string; signature: string; raw: string }) => {
    timestamp?: string;
    signature?: string;
  };
}

const hex = (signature: string) => signature.slice('v0='.length);
const signedAt = (timestamp: number, raw: string) => ({
  timestamp: String(timestamp),
  signature: slackSignature(FAKE_SIGNING_SECRET, timestamp, raw),
});

const FORGERIES: readonly Forgery[] = [
  { id: 'no signature headers at all', headers: () => ({}) },
  { id: 'no signature header', headers: ({ timestamp }) => ({ timestamp }) },
  { id: 'no timestamp header', headers: ({ signature }) => ({ signature }) },
  {
    id: 'signature without the v0= prefix',
    headers: ({ timestamp, signature }) => ({ timestamp, signature: hex(signature) }),
  },
  {
    id: 'signature with a v1= prefix',
    headers: ({ timestamp, signature }) => ({ timestamp, signature: `v1=${hex(signature)}` }),
  },
  {
    id: 'signature one hex digit short',
    headers: ({ timestamp, signature }) => ({ timestamp, signature: signature.slice(0, -1) }),
  },
  {
    id: 'signature one hex digit long',
    headers: ({ timestamp, signature }) => ({ timestamp, signature: `${signature}0` }),
  },
  {
    id: 'empty signature after v0=',
    headers: ({ timestamp }) => ({ timestamp, signature: 'v0=' }),
  },
  // Correctly signed, but with a timestamp outside Slack's five minutes.
  { id: 'timestamp 301 s old', headers: ({ raw }) => signedAt(now() - 301, raw) },
  { id: 'timestamp an hour ahead', headers: ({ raw }) => signedAt(now() + 3_600, raw) },
  { id: 'timestamp a year ahead', headers: ({ raw }) => signedAt(now() + 31_536_000, raw) },
  {
    id: 'non-numeric timestamp',
    headers: ({ raw }) => ({
      timestamp: 'soon',
      signature: slackSignature(FAKE_SIGNING_SECRET, 'soon', raw),
    }),
  },
  {
    id: 'valid signature of another body (replayed headers)',
    headers: () => {
      const other = jsonBody(reply('the body that was really signed')).raw;
      return signedAt(now(), other);
    },
  },
];

async function send(
  url: string,
  raw: string,
  contentType: string,
  headers: { timestamp?: string; signature?: string },
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...(headers.timestamp === undefined
        ? {}
        : { 'x-slack-request-timestamp': headers.timestamp }),
      ...(headers.signature === undefined ? {} : { 'x-slack-signature': headers.signature }),
    },
    body: raw,
  });
}

describe('forged and replayed requests to Slack HTTP mode', () => {
  const database = useDatabase('pglite');
  // The world's no-error check holds here too: a refusal is a warning at most, never an
  // error of the bot's.
  const world = useWorld('slack http', database, (logger) =>
    makeRig('http', {
      fake: { users: [{ id: SLACK_ADMIN, is_admin: true, name: 'ada' }] },
      adapter: { logger },
    }),
  );
  const url = () => world.rig.eventsUrl ?? '';
  const stored = async () =>
    (
      await rawRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from processed_events`,
      )
    )[0]?.n;

  it('accepts a valid signature (the control for every refusal below)', async () => {
    const body = jsonBody(reply('a valid reply'));
    const valid = signedAt(now() - 299, body.raw);
    expect((await send(url(), body.raw, body.contentType, valid)).status).toBe(200);
    expect(await stored()).toBe(1);
  });

  it.each(FORGERIES)('refuses $id with 401, reaching nothing', async ({ headers }) => {
    const body = jsonBody(reply('<!channel> forged'));
    const valid = signedAt(now(), body.raw);
    const response = await send(
      url(),
      body.raw,
      body.contentType,
      headers({ ...valid, raw: body.raw }),
    );
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
    expect(await stored()).toBe(0);
  });

  it('refuses a forged /drill now: nothing enrolled, nothing posted, nothing answered', async () => {
    const { fake } = world.rig;
    const responseUrl = fake.responseUrls.create();
    const request = buildSignedRequest(
      url(),
      drillCommand({ text: 'now', channelId: SLACK_CHANNEL, userId: SLACK_ADMIN, responseUrl }),
      FAKE_SIGNING_SECRET,
      { timestamp: now() - 301 },
    );
    expect((await fetch(request.url, request.init)).status).toBe(401);
    expect(await rawRows(database.db, sql`select id from channels`)).toEqual([]);
    expect(fake.requests.count('chat.postMessage')).toBe(0);
    expect(fake.responseUrls.posts(responseUrl)).toEqual([]);
  });

  it('runs the same signed /drill now sent twice once, and answers it once', async () => {
    const { fake } = world.rig;
    const responseUrl = fake.responseUrls.create();
    const request = buildSignedRequest(
      url(),
      drillCommand({ text: 'now', channelId: SLACK_CHANNEL, userId: SLACK_ADMIN, responseUrl }),
      FAKE_SIGNING_SECRET,
    );
    const posted = fake.requests.count('chat.postMessage');
    expect((await fetch(request.url, request.init)).status).toBe(200);
    expect((await fetch(request.url, request.init)).status).toBe(200);
    await fake.responseUrls.waitFor(responseUrl);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.responseUrls.posts(responseUrl).map((post) => post.body.text)).toEqual([
      'Drill posted.',
    ]);
    expect(fake.requests.count('chat.postMessage')).toBe(posted + 1);
    expect(await rawRows(database.db, sql`select id from drills`)).toHaveLength(1);
  });

  it('stores the same signed event sent twice once', async () => {
    const body = jsonBody(reply('sent twice'));
    const valid = signedAt(now(), body.raw);
    expect((await send(url(), body.raw, body.contentType, valid)).status).toBe(200);
    expect((await send(url(), body.raw, body.contentType, valid)).status).toBe(200);
    expect(await stored()).toBe(1);
  });

  it('refuses a correctly signed body of 1,000,000 characters with 413, unread', async () => {
    const body = jsonBody(reply('x'.repeat(HUGE)));
    const response = await send(url(), body.raw, body.contentType, signedAt(now(), body.raw));
    expect(response.status).toBe(413);
    expect(await stored()).toBe(0);
  });

  it('answers 400 to a correctly signed body that is not JSON', async () => {
    const raw = '{"type": "event_callback", "event": ';
    const response = await send(url(), raw, 'application/json', signedAt(now(), raw));
    expect(response.status).toBe(400);
    expect(await stored()).toBe(0);
  });
});
