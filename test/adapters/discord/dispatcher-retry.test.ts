/**
 * The Discord dispatcher's retry of a gateway event while the database is unreachable
 * (adapters/discord/dispatcher.ts, `deliver`). The gateway never sends a dispatch again, so
 * an event whose store failed with DB_UNREACHABLE must be retried in place, before the
 * events queued behind it; any other failure is logged once and the queue moves on.
 *
 * The real Dispatcher is fed raw gateway packets (the documented fixtures) as discord.js's
 * `raw` listener would; the sink stands in for the core. Both threads are known to the
 * channel directory up front, so no REST call is made. The retry waits are the dispatcher's
 * own (250 ms, then 500 ms): real, and short enough to keep.
 */
import { REST } from 'discord.js';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ChannelDirectory } from '../../../adapters/discord/directory.ts';
import { Dispatcher } from '../../../adapters/discord/dispatcher.ts';
import { MemberDirectory } from '../../../adapters/discord/members.ts';
import { systemClock } from '../../../src/core/clock.ts';
import { DrillError } from '../../../src/core/errors.ts';
import type { InboundEvent } from '../../../src/core/platform.ts';
import { loadFixtures } from './fixtures.ts';

const { fixture } = loadFixtures('gateway-message-create-');

// The ids the two fixtures below use: Alice's and Bob's replies in thread T of channel C.
const G = '1000000000000000001';
const C = '1000000000000000010';
const T = '1100000000000000900';
const ALICE_EVENT = 'discord:1200000000000000101';
const BOB_EVENT = 'discord:1200000000000000102';

interface LogLine {
  level: number;
  msg: string;
  event?: string;
  attempt?: number;
  type?: string;
}

/** pino's numeric levels. */
const WARN = 40;
const ERROR = 50;

interface Attempt {
  eventId: string;
  at: number;
  outcome: 'stored' | 'failed';
}

/**
 * A Dispatcher whose sink runs `fail` before each store: when `fail` throws for an event,
 * that attempt fails; otherwise the event counts as stored. Every attempt is recorded in
 * order, and the dispatcher's log lines are captured.
 */
function rig(fail: (eventId: string, attempt: number) => void) {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  );
  const directory = new ChannelDirectory();
  directory.addThread(G, C, T);
  // No token and no server: any REST call would fail, and none is expected.
  const api = new REST();
  const attempts: Attempt[] = [];
  const dispatcher = new Dispatcher({
    api,
    applicationId: '4000000000000000001',
    directory,
    members: new MemberDirectory(api, () => Date.now()),
    clock: systemClock,
    logger,
    sink: () => async (event: InboundEvent) => {
      const tried = attempts.filter((attempt) => attempt.eventId === event.eventId).length;
      try {
        fail(event.eventId, tried + 1);
      } catch (error) {
        attempts.push({ eventId: event.eventId, at: Date.now(), outcome: 'failed' });
        throw error;
      }
      attempts.push({ eventId: event.eventId, at: Date.now(), outcome: 'stored' });
    },
    packIds: () => [],
    channelsOf: async () => [],
    deferAfterMs: 2_000,
  });
  const send = (name: string) => dispatcher.onRaw(fixture(`gateway-message-create-${name}`));
  return { dispatcher, send, attempts, lines };
}

const stored = (attempts: readonly Attempt[]) =>
  attempts.filter((attempt) => attempt.outcome === 'stored').map((attempt) => attempt.eventId);

describe('Discord dispatcher: an event whose store hits an unreachable database', () => {
  it('is retried until stored, once, before the event queued behind it', async () => {
    const { dispatcher, send, attempts, lines } = rig((eventId, attempt) => {
      if (eventId === ALICE_EVENT && attempt <= 2) {
        throw new DrillError('DB_UNREACHABLE', 'the database could not be reached');
      }
    });
    send('thread-reply');
    send('reply-type');
    await dispatcher.idle();

    // Alice's reply: two failed attempts, then stored; Bob's only after it, at the first try.
    expect(attempts.map(({ eventId, outcome }) => [eventId, outcome])).toEqual([
      [ALICE_EVENT, 'failed'],
      [ALICE_EVENT, 'failed'],
      [ALICE_EVENT, 'stored'],
      [BOB_EVENT, 'stored'],
    ]);
    expect(stored(attempts)).toEqual([ALICE_EVENT, BOB_EVENT]);
    // It backed off between attempts rather than spinning (the first wait is 250 ms).
    const [first, second] = attempts;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(200);

    const retries = lines.filter((line) => line.level === WARN && line.msg.includes('retrying'));
    expect(retries.map((line) => [line.event, line.attempt])).toEqual([
      [ALICE_EVENT, 1],
      [ALICE_EVENT, 2],
    ]);
    expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
  });

  it.each([
    ['a plain Error', () => new Error('a bug in the handler')],
    ['a DrillError with another code', () => new DrillError('NOT_ENROLLED', 'not enrolled')],
  ])(
    'is not retried when the failure is %s: logged once, the next event still handled',
    async (_, error) => {
      // Alice's event would succeed on a second attempt: it must not get one.
      const { dispatcher, send, attempts, lines } = rig((eventId, attempt) => {
        if (eventId === ALICE_EVENT && attempt === 1) throw error();
      });
      send('thread-reply');
      send('reply-type');
      await dispatcher.idle();

      expect(attempts.map(({ eventId, outcome }) => [eventId, outcome])).toEqual([
        [ALICE_EVENT, 'failed'],
        [BOB_EVENT, 'stored'],
      ]);
      expect(lines.filter((line) => line.msg.includes('retrying'))).toEqual([]);
      const errors = lines.filter((line) => line.level >= ERROR);
      expect(errors.map((line) => [line.msg, line.type])).toEqual([
        ['discord dispatch not stored', 'MESSAGE_CREATE'],
      ]);
    },
  );
});
