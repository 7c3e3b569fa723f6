/**
 * The fakes' documented platform rate limits (off by default): Discord's global limit per bot
 * token and Slack's one chat.postMessage per second per channel. The benchmarks rely on them
 * answering exactly as the platforms document, and on nothing else being limited.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from './discord/index.ts';
import { FAKE_BOT_TOKEN, type FakeSlack, startFakeSlack } from './slack/index.ts';

const stops: (() => Promise<void>)[] = [];
/** The fakes' clock, moved by hand: a loaded machine must not stretch "within a second". */
let clock = 1_800_000_000_000;
const now = () => clock;
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function discord(perSecond?: number): Promise<FakeDiscord> {
  const fake = await startFakeDiscord(
    perSecond === undefined ? { now } : { now, globalRateLimitPerSecond: perSecond },
  );
  stops.push(() => fake.stop());
  return fake;
}

function getMe(fake: FakeDiscord, token = fake.token): Promise<Response> {
  return fetch(`${fake.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${token}` } });
}

describe('fake Discord global rate limit', () => {
  it('answers the request over the limit with the documented global 429', async () => {
    const fake = await discord(3);
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await getMe(fake));
    expect(answers.slice(0, 3).map((res) => res.status)).toEqual([200, 200, 200]);
    const limited = answers[3];
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited?.headers.get('x-ratelimit-scope')).toBe('global');
    expect(limited?.headers.get('retry-after')).toBe('1');
    const body = (await limited?.json()) as { message: string; retry_after: number; global: true };
    expect(body.global).toBe(true);
    expect(body.message).toBe('You are being rate limited.');
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.retry_after).toBeLessThanOrEqual(1);
    expect(fake.requests.all().filter((request) => request.status === 429)).toHaveLength(1);
  });

  it('lets requests through again once the oldest leaves the one-second window', async () => {
    const fake = await discord(2);
    expect((await getMe(fake)).status).toBe(200);
    expect((await getMe(fake)).status).toBe(200);
    expect((await getMe(fake)).status).toBe(429);
    clock += 999;
    expect((await getMe(fake)).status).toBe(429);
    clock += 1;
    expect((await getMe(fake)).status).toBe(200);
  });

  it('does not count requests without a bot token (interaction endpoints)', async () => {
    const fake = await discord(1);
    await fetch(`${fake.apiUrl}/v10/interactions/1/nope/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 1 }),
    });
    expect((await getMe(fake)).status).toBe(200);
  });

  it('limits nothing by default', async () => {
    const fake = await discord();
    const statuses = await Promise.all(Array.from({ length: 60 }, () => getMe(fake)));
    expect(statuses.every((res) => res.status === 200)).toBe(true);
  });
});

async function slack(channelRateLimitMs?: number): Promise<FakeSlack> {
  const fake = await startFakeSlack(
    channelRateLimitMs === undefined ? { now } : { now, channelRateLimitMs },
  );
  stops.push(() => fake.stop());
  return fake;
}

function post(fake: FakeSlack, channel: string, method = 'chat.postMessage'): Promise<Response> {
  return fetch(`${fake.apiUrl}${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${FAKE_BOT_TOKEN}`,
      'content-type': 'application/json; charset=utf-8',
    },
    body: JSON.stringify({ channel, text: 'hello' }),
  });
}

describe('fake Slack per-channel posting limit', () => {
  it('refuses a second post to one channel within the interval with 429 and Retry-After', async () => {
    const fake = await slack(1_000);
    expect((await post(fake, 'C0RATE0001')).status).toBe(200);
    const limited = await post(fake, 'C0RATE0001');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    // Other channels and other methods are not held back; the refused post had no effect.
    expect((await post(fake, 'C0RATE0002')).status).toBe(200);
    expect((await post(fake, 'C0RATE0001', 'chat.postEphemeral')).status).toBe(200);
    expect(fake.messages.all('C0RATE0001')).toHaveLength(1);
    expect(fake.requests.all('chat.postMessage').map((request) => request.fault)).toEqual([
      undefined,
      'rate_limit',
      undefined,
    ]);
  });

  it('accepts the next post once the interval has passed', async () => {
    const fake = await slack(200);
    expect((await post(fake, 'C0RATE0001')).status).toBe(200);
    clock += 199;
    expect((await post(fake, 'C0RATE0001')).status).toBe(429);
    clock += 1;
    expect((await post(fake, 'C0RATE0001')).status).toBe(200);
  });

  it('limits nothing by default', async () => {
    const fake = await slack();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(fake, 'C0RATE0001')));
    expect(answers.every((res) => res.status === 200)).toBe(true);
  });
});
