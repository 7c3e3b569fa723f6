/**
 * The terminal's input syntax: continuation lines, `/drill`, `/as` in all its forms, help
 * for unknown commands, and what blank lines and stray whitespace do.
 */
import { describe, expect, it } from 'vitest';
import { joinLine, type ParsedLine, parseLine } from '../../../adapters/console/input.ts';

/** Feeds raw lines through `joinLine` like the session does; returns the complete lines. */
function complete(lines: string[]): { done: string[]; pending: string | undefined } {
  const done: string[] = [];
  let pending: string | undefined;
  for (const line of lines) {
    const joined = joinLine(pending, line);
    if ('pending' in joined) {
      pending = joined.pending;
    } else {
      pending = undefined;
      done.push(joined.done);
    }
  }
  return { done, pending };
}

describe('joinLine', () => {
  it.each<[string, string[], string[], string | undefined]>([
    ['a plain line is complete', ['hello'], ['hello'], undefined],
    ['a trailing backslash continues', ['first \\', 'second'], ['first \nsecond'], undefined],
    ['continues over several lines', ['a\\', 'b\\', 'c'], ['a\nb\nc'], undefined],
    ['spaces after the backslash still continue', ['a\\  \t', 'b'], ['a\nb'], undefined],
    ['a blank line inside a continuation is kept', ['a\\', '\\', 'b'], ['a\n\nb'], undefined],
    ['a blank line ends a continuation', ['a\\', ''], ['a\n'], undefined],
    ['a backslash inside a line is literal', ['C:\\temp is fine'], ['C:\\temp is fine'], undefined],
    ['an unfinished continuation stays pending', ['a\\', 'b\\'], [], 'a\nb'],
    [
      'commands continue too',
      ['/drill answer one\\', 'two'],
      ['/drill answer one\ntwo'],
      undefined,
    ],
    ['lines after a continuation are separate', ['a\\', 'b', 'c'], ['a\nb', 'c'], undefined],
  ])('%s', (_name, lines, done, pending) => {
    expect(complete(lines)).toEqual({ done, pending });
  });
});

describe('parseLine', () => {
  it.each<[string, ParsedLine]>([
    ['', { type: 'empty' }],
    ['   \t ', { type: 'empty' }],
    ['my answer', { type: 'reply', text: 'my answer' }],
    ['  padded answer  ', { type: 'reply', text: 'padded answer' }],
    ['line one\nline two', { type: 'reply', text: 'line one\nline two' }],
    [' /etc/shadow is root-only', { type: 'reply', text: '/etc/shadow is root-only' }],
    ['/drill now', { type: 'drill', text: 'now' }],
    ['/drill', { type: 'drill', text: '' }],
    ['/drill   leaderboard   week  ', { type: 'drill', text: 'leaderboard   week' }],
    ['/DRILL help', { type: 'drill', text: 'help' }],
    ['/drill answer one\ntwo', { type: 'drill', text: 'answer one\ntwo' }],
    ['/as', { type: 'as', name: null }],
    ['/as   ', { type: 'as', name: null }],
    ['/as me', { type: 'as', name: null }],
    ['/as ME', { type: 'as', name: null }],
    ['/as alice', { type: 'as', name: 'alice' }],
    ['/as @bob', { type: 'as', name: 'bob' }],
    ['/as  carol.d_e-f ', { type: 'as', name: 'carol.d_e-f' }],
    [
      '/as alice least privilege first',
      { type: 'as', name: 'alice', once: { type: 'reply', text: 'least privilege first' } },
    ],
    ['/as bob /drill stats', { type: 'as', name: 'bob', once: { type: 'drill', text: 'stats' } }],
    [
      '/as me my own answer',
      { type: 'as', name: null, once: { type: 'reply', text: 'my own answer' } },
    ],
    [
      '/as alice line one\nline two',
      {
        type: 'as',
        name: 'alice',
        once: { type: 'reply', text: 'line one\nline two' },
      },
    ],
    ['/help', { type: 'help' }],
    ['/?', { type: 'help' }],
    ['/dril now', { type: 'help', unknown: '/dril' }],
    ['/', { type: 'help', unknown: '/' }],
    ['/etc/shadow is root-only', { type: 'help', unknown: '/etc/shadow' }],
  ])('%j', (line, parsed) => {
    expect(parseLine(line)).toEqual(parsed);
  });

  it.each(['/as al!ce', '/as <@U123>', `/as ${'x'.repeat(41)}`])(
    'refuses a name that cannot be a member id: %s',
    (line) => {
      const parsed = parseLine(line);
      expect(parsed.type).toBe('invalid');
      if (parsed.type === 'invalid') expect(parsed.reason).toMatch(/^\/as needs a name/);
    },
  );

  it.each(['/as alice /as bob hi', '/as alice /help'])(
    'refuses a command other than /drill after /as NAME: %s',
    (line) => {
      expect(parseLine(line)).toEqual({
        type: 'invalid',
        reason: 'after /as NAME write a reply or a /drill command, not another command',
      });
    },
  );
});
