/**
 * The terminal adapter end to end over in-memory streams: scripted input in, port events to
 * a recording sink that answers like the engine would, the transcript out.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  CONSOLE_CHANNEL,
  ConsoleAdapter,
  type ConsoleAdapterOptions,
} from '../../../adapters/console/index.ts';
import { HELP_LINE } from '../../../adapters/console/session.ts';
import { parseMessageId } from '../../../src/core/ids.ts';
import { heading, type Message, notice, paragraph, text } from '../../../src/core/messages.ts';
import { type EventSink, type InboundEvent, PlatformError } from '../../../src/core/platform.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const START = '2026-03-02T09:00:00Z';
const HINT =
  '· terminal channel #drills, you are @you (admin): /drill help lists the commands, /help the input syntax, end of input quits';
const RULE = '─'.repeat(47);

function question(title: string): Message {
  return { kind: 'question', blocks: [heading(title), paragraph(text('Answer in this thread.'))] };
}

/** A terminal on PassThrough streams; `transcript()` is everything printed so far. */
function makeConsole(options: Partial<ConsoleAdapterOptions> = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => {
    printed += chunk;
  });
  const clock = new FakeClock(START);
  const adapter = new ConsoleAdapter({ input, output, color: false, clock, ...options });
  return {
    adapter,
    input,
    clock,
    transcript: () => printed,
    /** Writes the lines, ends input, and waits for the session to finish. */
    async run(lines: string[]): Promise<void> {
      input.end(lines.map((line) => `${line}\n`).join(''));
      await adapter.closed;
    },
  };
}

/** Records events and answers `/drill now` and `/drill reveal` like the engine would. */
function engineLike(adapter: ConsoleAdapter): { events: InboundEvent[]; sink: EventSink } {
  const events: InboundEvent[] = [];
  let drills = 0;
  const sink: EventSink = async (event) => {
    events.push(event);
    if (event.type !== 'command') return;
    if (event.text === 'now') {
      drills += 1;
      await adapter.postMessage(CONSOLE_CHANNEL, question(`Drill ${drills}`), {
        marker: `drill:${drills}`,
      });
      await event.respond?.(notice('notice', text('Posted a drill.')));
    } else if (event.text === 'reveal') {
      const root = adapter.replyRoot;
      if (root) await adapter.postInThread(root, notice('reveal', text('Strong answers cover X.')));
    } else {
      await event.respond?.(notice('status', text(`you said: ${event.text}`)));
    }
  };
  return { events, sink };
}

const flush = async (): Promise<void> => {
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('ConsoleAdapter: a scripted session', () => {
  it('turns commands, replies as two members and continuations into events, and prints the round', async () => {
    const terminal = makeConsole();
    const { events, sink } = engineLike(terminal.adapter);
    await terminal.adapter.start(sink);
    await terminal.run([
      'is anyone there?',
      '/drill now',
      '/as alice rotate the key first \\',
      'then check the logs',
      '/as bob',
      'revoke it',
      '',
      '/as',
      '/drill reveal',
      '/drill stats',
      '/bogus',
    ]);

    expect(events.map((event) => event.type)).toEqual([
      'command',
      'thread_reply',
      'thread_reply',
      'command',
      'command',
    ]);
    const [now, alice, bob, reveal, stats] = events;
    expect(now).toMatchObject({
      type: 'command',
      channel: CONSOLE_CHANNEL,
      member: 'console:you',
      memberName: 'you',
      text: 'now',
      at: new Date(START),
    });
    const root = terminal.adapter.replyRoot;
    expect(root && parseMessageId(root)?.channel).toBe('drills');
    expect(alice).toMatchObject({
      type: 'thread_reply',
      channel: CONSOLE_CHANNEL,
      root,
      member: 'console:alice',
      memberName: 'alice',
      text: 'rotate the key first \nthen check the logs',
    });
    expect(bob).toMatchObject({
      root,
      member: 'console:bob',
      memberName: 'bob',
      text: 'revoke it',
    });
    expect(reveal).toMatchObject({ member: 'console:you', text: 'reveal' });
    expect(stats).toMatchObject({ member: 'console:you', text: 'stats' });

    const ids = events.map((event) => event.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^console:ev-/);
    const messages = [alice, bob].map((event) =>
      event?.type === 'thread_reply' ? event.message : undefined,
    );
    for (const message of messages) expect(message && parseMessageId(message)).toBeDefined();
    expect(new Set([root, ...messages]).size).toBe(3);

    expect(terminal.transcript().split('\n')).toEqual([
      HINT,
      '· no open drill yet: try /drill now',
      `╭─ drillbot · question ${'─'.repeat(25)}`,
      '│ Drill 1',
      '│ Answer in this thread.',
      `╰${RULE}`,
      '(only you see this) Posted a drill.',
      '  ↳ @alice replied in the drill thread',
      '· speaking as @bob; /as returns to you',
      '  ↳ @bob replied in the drill thread',
      '· speaking as @you (you)',
      `  ↳ ╔═ drillbot · reveal ${'═'.repeat(27)}`,
      '    ║ Strong answers cover X.',
      `    ╚${'═'.repeat(47)}`,
      '(only you see this) you said: stats',
      `· unknown command /bogus: ${HELP_LINE}`,
      '',
    ]);
  });

  it('awaits each event before reading the next line', async () => {
    const terminal = makeConsole();
    const events: InboundEvent[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await terminal.adapter.start(async (event) => {
      events.push(event);
      if (events.length === 1) await held;
    });
    terminal.input.write('/drill one\n/drill two\n');
    await flush();
    expect(events.map((event) => event.type === 'command' && event.text)).toEqual(['one']);
    release();
    terminal.input.end();
    await terminal.adapter.closed;
    expect(events.map((event) => event.type === 'command' && event.text)).toEqual(['one', 'two']);
  });

  it('prints a failing delivery as an error and goes on with the next line', async () => {
    const terminal = makeConsole();
    const seen: string[] = [];
    await terminal.adapter.start(async (event) => {
      if (event.type === 'command') seen.push(event.text);
      if (event.type === 'command' && event.text === 'boom') throw new Error('database down');
    });
    await terminal.run(['/drill boom', '/drill after']);
    expect(seen).toEqual(['boom', 'after']);
    expect(terminal.transcript()).toContain(
      '✖ your command was not taken (database down); try again\n',
    );
  });

  it('responds privately to the member who ran the command', async () => {
    const terminal = makeConsole();
    const { sink } = engineLike(terminal.adapter);
    await terminal.adapter.start(sink);
    await terminal.run(['/as carol /drill leaderboard']);
    expect(terminal.transcript()).toContain('(only @carol sees this) you said: leaderboard\n');
  });

  it('drops lines spoken as the bot itself or another bot', async () => {
    const terminal = makeConsole({ bots: ['ci-bot'] });
    const { events, sink } = engineLike(terminal.adapter);
    await terminal.adapter.start(sink);
    await terminal.run(['/drill now', '/as drillbot hi', '/as CI-Bot', '/as alice ok']);
    expect(events.map((event) => event.type)).toEqual(['command', 'thread_reply']);
    expect(terminal.transcript()).toContain(
      '· @drillbot is a bot: its messages never reach drillbot\n',
    );
    expect(terminal.transcript()).toContain(
      '· @CI-Bot is a bot: its messages never reach drillbot\n',
    );
  });

  it('sends an unfinished continuation at end of input rather than losing it', async () => {
    const terminal = makeConsole();
    const { events, sink } = engineLike(terminal.adapter);
    await terminal.adapter.start(sink);
    await terminal.run(['/drill now', 'last words \\']);
    expect(events.at(-1)).toMatchObject({ type: 'thread_reply', text: 'last words' });
  });

  it('reports a malformed /as and keeps the current speaker', async () => {
    const terminal = makeConsole();
    const { events, sink } = engineLike(terminal.adapter);
    await terminal.adapter.start(sink);
    await terminal.run(['/drill now', '/as b@d', 'mine']);
    expect(terminal.transcript()).toContain('✖ /as needs a name');
    expect(events.at(-1)).toMatchObject({ type: 'thread_reply', member: 'console:you' });
  });

  it('makes the next line answer a pending practice question', async () => {
    const terminal = makeConsole();
    const events: InboundEvent[] = [];
    await terminal.adapter.start(async (event) => {
      events.push(event);
      if (event.type === 'command' && event.text === 'practice') {
        await event.respond?.({
          kind: 'practice',
          blocks: [
            paragraph(text('Practice: what is SSRF?')),
            { type: 'actions', buttons: [{ id: 'practice-answer', label: 'Answer', value: 'p9' }] },
          ],
        });
      }
    });
    await terminal.run(['/drill practice', 'server-side request forgery', 'one more']);
    expect(events[1]).toMatchObject({
      type: 'form_submitted',
      member: 'console:you',
      action: 'practice-answer',
      value: 'p9',
      fields: { answer: 'server-side request forgery' },
    });
    expect(events).toHaveLength(2);
    expect(terminal.transcript()).toContain(
      '(only you see this) Practice: what is SSRF?\n  [Answer: type your answer on the next line]\n',
    );
    expect(terminal.transcript()).toContain('· no open drill yet: try /drill now\n');
  });

  it('stops reading on stop() and resolves closed, taking no later line', async () => {
    const terminal = makeConsole();
    const { events, sink } = engineLike(terminal.adapter);
    await terminal.adapter.start(sink);
    terminal.input.write('/drill first\n');
    await flush();
    await terminal.adapter.stop();
    await terminal.adapter.closed;
    terminal.input.write('/drill second\n');
    await flush();
    expect(events.map((event) => event.type === 'command' && event.text)).toEqual(['first']);
    await expect(terminal.adapter.start(sink)).rejects.toThrow(/only once/);
  });

  it('is connected from start until end of input', async () => {
    const terminal = makeConsole();
    expect(terminal.adapter.connectionState()).toBe('disconnected');
    await terminal.adapter.start(async () => {});
    expect(terminal.adapter.connectionState()).toBe('connected');
    await terminal.run([]);
    expect(terminal.adapter.connectionState()).toBe('disconnected');
  });

  it('resolves closed on stop() even if never started', async () => {
    const terminal = makeConsole();
    await terminal.adapter.stop();
    await expect(terminal.adapter.closed).resolves.toBeUndefined();
  });

  it('colours the transcript only when asked', async () => {
    const coloured = makeConsole({ color: true });
    await coloured.adapter.postMessage(CONSOLE_CHANNEL, question('Q'));
    expect(coloured.transcript()).toContain('\u001b[');
    const plain = makeConsole();
    await plain.adapter.postMessage(CONSOLE_CHANNEL, question('Q'));
    expect(plain.transcript()).not.toContain('\u001b[');
  });
});

describe('ConsoleAdapter: the port', () => {
  it('names only the terminal user as platform admin', async () => {
    const { adapter } = makeConsole({ user: 'dana' });
    expect(await adapter.isPlatformAdmin(CONSOLE_CHANNEL, 'console:dana')).toBe(true);
    expect(await adapter.isPlatformAdmin(CONSOLE_CHANNEL, 'console:alice')).toBe(false);
    expect(await adapter.isPlatformAdmin('console:local:other', 'console:dana')).toBe(false);
  });

  it('looks members up by name, bots included', async () => {
    const { adapter } = makeConsole({ bots: ['ci-bot'] });
    expect(await adapter.getMember('console:alice')).toEqual({
      id: 'console:alice',
      displayName: 'alice',
      isBot: false,
    });
    expect((await adapter.getMember('console:ci-bot'))?.isBot).toBe(true);
    expect((await adapter.getMember('console:drillbot'))?.isBot).toBe(true);
    expect(await adapter.getMember('slack:U1')).toBeUndefined();
  });

  it('refuses a terminal user that is not a valid name or is a bot', () => {
    expect(() => makeConsole({ user: 'no spaces' })).toThrow(TypeError);
    expect(() => makeConsole({ user: 'drillbot' })).toThrow(/cannot be a bot/);
  });

  it('finds posts by marker, in a thread when asked', async () => {
    const { adapter } = makeConsole();
    const root = await adapter.postMessage(CONSOLE_CHANNEL, question('Q'), { marker: 'drill:3' });
    const reveal = await adapter.postInThread(root.ref, notice('reveal', text('R')), {
      marker: 'reveal:3',
    });
    expect(await adapter.findPosted(CONSOLE_CHANNEL, 'drill:3')).toEqual(root);
    expect(await adapter.findPosted(CONSOLE_CHANNEL, 'reveal:3', root.ref)).toEqual(reveal);
    expect(await adapter.findPosted(CONSOLE_CHANNEL, 'reveal:3', reveal.ref)).toBeUndefined();
    expect(await adapter.findPosted('console:local:other', 'drill:3')).toBeUndefined();
  });

  it('prints private messages, edits and thread posts in their own looks', async () => {
    const terminal = makeConsole();
    const { adapter } = terminal;
    const root = await adapter.postMessage(CONSOLE_CHANNEL, notice('notice', text('top')));
    const reply = await adapter.postInThread(root.ref, notice('reminder', text('soon')));
    expect(
      await adapter.postPrivate(CONSOLE_CHANNEL, 'console:bob', notice('notice', text('psst'))),
    ).toEqual({
      via: 'ephemeral',
    });
    await adapter.editMessage(reply.ref, notice('reminder', text('sooner')));
    await adapter.editMessage(root.ref, notice('notice', text('top, edited')));
    expect(terminal.transcript()).toBe(
      [
        'drillbot: top',
        '  ↳ drillbot: soon',
        '(only @bob sees this) psst',
        '  ↳ drillbot (edited): sooner',
        'drillbot (edited): top, edited',
        '',
      ].join('\n'),
    );
  });

  it('accepts a thread root from an earlier session, whose drill may still be open', async () => {
    const { adapter } = makeConsole();
    await expect(
      adapter.postInThread(`${CONSOLE_CHANNEL}:old-1`, notice('reveal', text('R'))),
    ).resolves.toHaveProperty('ref');
  });

  it('refuses other channels with a coded PlatformError', async () => {
    const { adapter } = makeConsole();
    const message = notice('notice', text('x'));
    await expect(adapter.postMessage('console:local:other', message)).rejects.toMatchObject({
      kind: 'not_in_channel',
    });
    await expect(adapter.postMessage('slack:T1:C1', message)).rejects.toBeInstanceOf(PlatformError);
    await expect(adapter.postInThread('nonsense', message)).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(adapter.editMessage('slack:T1:C1:1.2', message)).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(adapter.postPrivate(CONSOLE_CHANNEL, 'slack:U1', message)).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('never reuses message or event ids across sessions', async () => {
    // The embedded database outlives a session: a restart must not count from 1 again.
    const first = makeConsole();
    const second = makeConsole({ clock: new FakeClock('2026-03-02T09:00:01Z') });
    const posts = await Promise.all(
      [first, second].map(({ adapter }) => adapter.postMessage(CONSOLE_CHANNEL, question('Q'))),
    );
    expect(posts[0]?.ref).not.toBe(posts[1]?.ref);
    const ids: string[] = [];
    for (const terminal of [first, second]) {
      await terminal.adapter.start(async (event) => {
        ids.push(event.eventId);
      });
      await terminal.run(['/drill status']);
    }
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
