/**
 * Leaderboards: periods in the channel's zone, ranking with ties and pages, the board message.
 * Invariants over many random instants and boards are in leaderboard.property.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  type BoardRow,
  leaderboardMessage,
  localDay,
  MAX_PAGE_SIZE,
  periodRange,
  rankBoard,
  rankOf,
} from '../../src/core/leaderboard.ts';
import { type Message, plainText } from '../../src/core/messages.ts';

const at = (iso: string): Date => new Date(iso);

describe('localDay', () => {
  it.each([
    // Sunday 23:30 in Sydney (UTC+10 in July) is still Sunday 13:30 in UTC.
    ['2026-07-12T13:30:00Z', 'Australia/Sydney', '2026-07-12'],
    ['2026-07-12T14:00:00Z', 'Australia/Sydney', '2026-07-13'],
    // Monday 00:30 in Los Angeles (UTC-7 in July) is Monday 07:30 in UTC.
    ['2026-07-13T07:30:00Z', 'America/Los_Angeles', '2026-07-13'],
    ['2026-07-13T06:59:59Z', 'America/Los_Angeles', '2026-07-12'],
    ['2026-12-31T23:59:59Z', 'UTC', '2026-12-31'],
    ['2027-01-01T00:00:00Z', 'UTC', '2027-01-01'],
    // Kolkata is UTC+05:30: the day turns at 18:30 UTC.
    ['2026-03-01T18:29:59Z', 'Asia/Kolkata', '2026-03-01'],
    ['2026-03-01T18:30:00Z', 'Asia/Kolkata', '2026-03-02'],
    // Santiago springs forward at local midnight: 00:00 on 6 Sep 2026 never exists.
    ['2026-09-06T03:59:59Z', 'America/Santiago', '2026-09-05'],
    ['2026-09-06T04:00:00Z', 'America/Santiago', '2026-09-06'],
    // Samoa skipped 30 Dec 2011 altogether.
    ['2011-12-30T09:59:59Z', 'Pacific/Apia', '2011-12-29'],
    ['2011-12-30T10:00:00Z', 'Pacific/Apia', '2011-12-31'],
  ])('%s in %s is local day %s', (instant, zone, day) => {
    expect(localDay(at(instant), zone)).toBe(day);
  });

  it('throws for a zone Intl does not know', () => {
    expect(() => localDay(at('2026-07-12T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('periodRange', () => {
  it('all time has no bounds', () => {
    expect(periodRange('all', at('2026-07-12T00:00:00Z'), 'UTC')).toEqual({
      from: null,
      to: null,
      label: 'All time',
    });
  });

  it.each([
    // Sunday 23:30 in Sydney: still the week of Monday 6 Jul there, though UTC says 13:30.
    ['2026-07-12T13:30:00Z', 'Australia/Sydney', '2026-07-06', '2026-07-13', '6–12 Jul 2026'],
    // Half an hour later it is Monday in Sydney and a new week, while UTC is still on Sunday.
    ['2026-07-12T14:30:00Z', 'Australia/Sydney', '2026-07-13', '2026-07-20', '13–19 Jul 2026'],
    // Monday 00:30 in Los Angeles: the new week, though that instant is Monday 07:30 UTC...
    ['2026-07-13T07:30:00Z', 'America/Los_Angeles', '2026-07-13', '2026-07-20', '13–19 Jul 2026'],
    // ...and Sunday 23:30 there is Monday 06:30 UTC, but still the old week.
    ['2026-07-13T06:30:00Z', 'America/Los_Angeles', '2026-07-06', '2026-07-13', '6–12 Jul 2026'],
    // 2026-12-31 is a Thursday; its ISO week (2026-W53) runs into 2027.
    ['2026-12-31T12:00:00Z', 'UTC', '2026-12-28', '2027-01-04', '28 Dec 2026 – 3 Jan 2027'],
    ['2027-01-01T12:00:00Z', 'UTC', '2026-12-28', '2027-01-04', '28 Dec 2026 – 3 Jan 2027'],
    ['2027-01-03T23:59:59Z', 'UTC', '2026-12-28', '2027-01-04', '28 Dec 2026 – 3 Jan 2027'],
    ['2027-01-04T00:00:00Z', 'UTC', '2027-01-04', '2027-01-11', '4–10 Jan 2027'],
    // New Year's Eve in Auckland is already 2027 there (UTC+13).
    [
      '2026-12-31T11:00:00Z',
      'Pacific/Auckland',
      '2026-12-28',
      '2027-01-04',
      '28 Dec 2026 – 3 Jan 2027',
    ],
    // A week across a month end, and the leap day 2028-02-29 (a Tuesday).
    ['2026-07-01T12:00:00Z', 'UTC', '2026-06-29', '2026-07-06', '29 Jun – 5 Jul 2026'],
    ['2028-02-29T12:00:00Z', 'Europe/London', '2028-02-28', '2028-03-06', '28 Feb – 5 Mar 2028'],
    // Sydney's 23-hour Sunday (DST starts 4 Oct 2026): Monday 00:30 there is Sunday 13:30 UTC.
    ['2026-10-04T13:30:00Z', 'Australia/Sydney', '2026-10-05', '2026-10-12', '5–11 Oct 2026'],
    ['2026-10-04T12:59:59Z', 'Australia/Sydney', '2026-09-28', '2026-10-05', '28 Sep – 4 Oct 2026'],
    // Los Angeles' 25-hour Sunday (DST ends 1 Nov 2026): the week ends at 08:00 UTC, not 07:00.
    [
      '2026-11-02T07:59:59Z',
      'America/Los_Angeles',
      '2026-10-26',
      '2026-11-02',
      '26 Oct – 1 Nov 2026',
    ],
    ['2026-11-02T08:00:00Z', 'America/Los_Angeles', '2026-11-02', '2026-11-09', '2–8 Nov 2026'],
  ])('week of %s in %s is %s..%s', (instant, zone, from, to, label) => {
    expect(periodRange('week', at(instant), zone)).toEqual({ from, to, label });
  });

  it.each([
    ['2026-07-31T13:59:59Z', 'Australia/Sydney', '2026-07-01', '2026-08-01', 'July 2026'],
    // 1 Aug 00:00 in Sydney is still 31 Jul 14:00 in UTC.
    ['2026-07-31T14:00:00Z', 'Australia/Sydney', '2026-08-01', '2026-09-01', 'August 2026'],
    // 31 Jan 16:30 in Los Angeles is already 1 Feb in UTC.
    ['2026-02-01T00:30:00Z', 'America/Los_Angeles', '2026-01-01', '2026-02-01', 'January 2026'],
    ['2026-12-31T23:59:59Z', 'UTC', '2026-12-01', '2027-01-01', 'December 2026'],
    ['2027-01-01T00:00:00Z', 'UTC', '2027-01-01', '2027-02-01', 'January 2027'],
    ['2028-02-29T12:00:00Z', 'UTC', '2028-02-01', '2028-03-01', 'February 2028'],
    ['2026-02-28T12:00:00Z', 'UTC', '2026-02-01', '2026-03-01', 'February 2026'],
    // The month that holds a DST change is still a plain calendar month.
    ['2026-03-29T00:30:00Z', 'Europe/London', '2026-03-01', '2026-04-01', 'March 2026'],
    ['2026-09-06T04:00:00Z', 'America/Santiago', '2026-09-01', '2026-10-01', 'September 2026'],
  ])('month of %s in %s is %s..%s', (instant, zone, from, to, label) => {
    expect(periodRange('month', at(instant), zone)).toEqual({ from, to, label });
  });

  it('is half-open: the bucket of the first local minute after the week is `to`, not in it', () => {
    const zone = 'Australia/Sydney';
    const { from, to } = periodRange('week', at('2026-07-12T13:30:00Z'), zone);
    const inWeek = (day: string): boolean =>
      from !== null && to !== null && from <= day && day < to;
    expect(inWeek(localDay(at('2026-07-12T13:59:59Z'), zone))).toBe(true);
    // Monday 00:00 in Sydney, still Sunday 12 Jul in UTC: next week's first bucket.
    expect(localDay(at('2026-07-12T14:00:00Z'), zone)).toBe(to);
    expect(inWeek(localDay(at('2026-07-12T14:00:00Z'), zone))).toBe(false);
    expect(inWeek(localDay(at('2026-07-05T13:59:59Z'), zone))).toBe(false);
    expect(localDay(at('2026-07-05T14:00:00Z'), zone)).toBe(from);
  });
});

const row = (memberId: string, name: string, points: number, streak?: number): BoardRow =>
  streak === undefined ? { memberId, name, points } : { memberId, name, points, streak };

/** rank:name pairs, the shortest readable form of a board. */
const places = (board: ReturnType<typeof rankBoard>): string[] =>
  board.entries.map((entry) => `${entry.rank}:${entry.name}`);

describe('rankBoard', () => {
  it('orders by points, then name ignoring case, then id; ties share a rank (1, 2, 2, 4)', () => {
    const board = rankBoard([
      row('m:5', 'erin', 3),
      row('m:2', 'bob', 9),
      row('m:4', 'Dave', 9),
      row('m:1', 'alice', 12),
      row('m:3', 'Carol', 9),
      row('m:6', 'frank', 0),
    ]);
    expect(places(board)).toEqual(['1:alice', '2:bob', '2:Carol', '2:Dave', '5:erin', '6:frank']);
    expect(board).toMatchObject({ page: 1, pages: 1, total: 6 });
  });

  it('puts "alice" and "Alice" side by side, ahead of "Bob", and breaks their tie by member id', () => {
    // A case-sensitive order would put "alice" before "Alice", a code-unit one "Bob" before "alice".
    const board = rankBoard([row('m:b', 'alice', 4), row('m:c', 'Bob', 4), row('m:a', 'Alice', 4)]);
    expect(board.entries.map((entry) => entry.memberId)).toEqual(['m:a', 'm:b', 'm:c']);
    expect(board.entries.map((entry) => entry.rank)).toEqual([1, 1, 1]);
  });

  it('gives the same board whatever order the rows come in', () => {
    const rows = [row('m:1', 'a', 2), row('m:2', 'A', 2), row('m:3', 'b', 5), row('m:4', 'c', 2)];
    expect(rankBoard([...rows].reverse())).toEqual(rankBoard(rows));
  });

  it('keeps streaks and lists members with 0 points when the caller passes them', () => {
    const board = rankBoard([row('m:1', 'a', 0, 0), row('m:2', 'b', 4, 3)]);
    expect(board.entries).toEqual([
      { memberId: 'm:2', name: 'b', points: 4, streak: 3, rank: 1 },
      { memberId: 'm:1', name: 'a', points: 0, streak: 0, rank: 2 },
    ]);
  });

  it('pages 10 at a time by default; ranks run on across pages, ties too', () => {
    // 23 members: points 30 down to 8, except members 10..12 share 20 points.
    const rows = Array.from({ length: 23 }, (_, index) =>
      row(
        `m:${String(index).padStart(2, '0')}`,
        `n${String(index).padStart(2, '0')}`,
        index >= 10 && index <= 12 ? 20 : 30 - index,
      ),
    );
    const first = rankBoard(rows);
    expect(first).toMatchObject({ page: 1, pages: 3, total: 23 });
    expect(first.entries).toHaveLength(10);
    const second = rankBoard(rows, { page: 2 });
    expect(places(second).slice(0, 4)).toEqual(['11:n10', '11:n11', '11:n12', '14:n13']);
    const third = rankBoard(rows, { page: 3 });
    expect(places(third)).toEqual(['21:n20', '22:n21', '23:n22']);
  });

  it('carries a tie that straddles a page boundary onto the next page', () => {
    const rows = [row('m:1', 'a', 5), row('m:2', 'b', 3), row('m:3', 'c', 3), row('m:4', 'd', 1)];
    expect(places(rankBoard(rows, { pageSize: 2, page: 2 }))).toEqual(['2:c', '4:d']);
  });

  it('clamps the page to the pages there are and the page size to 1..25', () => {
    const rows = Array.from({ length: 60 }, (_, index) =>
      row(`m:${index}`, `n${index}`, 100 - index),
    );
    expect(rankBoard(rows, { page: 99 })).toMatchObject({ page: 6, pages: 6 });
    expect(rankBoard(rows, { page: 0 })).toMatchObject({ page: 1 });
    expect(rankBoard(rows, { page: -3 })).toMatchObject({ page: 1 });
    expect(rankBoard(rows, { page: Number.NaN })).toMatchObject({ page: 1 });
    expect(rankBoard(rows, { page: 2.7 })).toMatchObject({ page: 2 });
    expect(rankBoard(rows, { pageSize: 100 }).entries).toHaveLength(MAX_PAGE_SIZE);
    expect(rankBoard(rows, { pageSize: 100 })).toMatchObject({ pages: 3 });
    expect(rankBoard(rows, { pageSize: 0 }).entries).toHaveLength(1);
  });

  it('is one empty page for no rows', () => {
    expect(rankBoard([], { page: 4 })).toEqual({ entries: [], page: 1, pages: 1, total: 0 });
  });
});

describe('rankOf', () => {
  const rows = [row('m:1', 'a', 12), row('m:2', 'b', 9, 4), row('m:3', 'c', 9), row('m:4', 'd', 3)];

  it('agrees with the board, ties included', () => {
    expect(rankOf(rows, 'm:3')).toEqual({
      memberId: 'm:3',
      name: 'c',
      points: 9,
      rank: 2,
      total: 4,
      tied: true,
    });
    expect(rankOf(rows, 'm:2')).toMatchObject({ rank: 2, streak: 4, tied: true });
    expect(rankOf(rows, 'm:4')).toMatchObject({ rank: 4, total: 4, tied: false });
    expect(rankOf(rows, 'm:1')).toMatchObject({ rank: 1, tied: false });
  });

  it('is undefined for a member who is not on the board', () => {
    expect(rankOf(rows, 'm:9')).toBeUndefined();
    expect(rankOf([], 'm:1')).toBeUndefined();
  });
});

const spansOf = (message: Message) =>
  message.blocks.flatMap((block) => {
    if (block.type === 'bullets') return block.items.flat();
    if (block.type === 'paragraph' || block.type === 'context' || block.type === 'quote')
      return block.spans;
    return [];
  });

describe('leaderboardMessage', () => {
  const rows = [
    row('slack:T1:U1', 'alice', 12, 5),
    row('slack:T1:U2', 'bob', 9, 1),
    row('slack:T1:U3', 'carol', 9, 0),
    row('slack:T1:U4', 'dave', 1),
  ];
  const base = {
    title: 'This week in #drills',
    periodLabel: '6–12 Jul 2026',
    scopeLabel: 'this channel',
  };

  it('lists one line per member with rank, mention, points and streak', () => {
    const message = leaderboardMessage({ ...base, board: rankBoard(rows) });
    expect(message.kind).toBe('leaderboard');
    expect(plainText(message)).toBe(
      [
        'This week in #drills',
        '6–12 Jul 2026 · this channel',
        '• 1. @alice — 12 pts · streak 5',
        '• 2. @bob — 9 pts · streak 1',
        '• 2. @carol — 9 pts',
        '• 4. @dave — 1 pt',
      ].join('\n'),
    );
    expect(spansOf(message)).toContainEqual({ member: 'slack:T1:U1', name: 'alice' });
  });

  it("marks the caller's own line", () => {
    const message = leaderboardMessage({
      ...base,
      board: rankBoard(rows),
      highlight: 'slack:T1:U3',
    });
    expect(plainText(message)).toContain('• 2. @carol — 9 pts ← you');
    expect(plainText(message).match(/← you/g)).toHaveLength(1);
  });

  it('says "top N of M" and shows where the caller stands when they are off the page', () => {
    const board = rankBoard(rows, { pageSize: 2 });
    const you = rankOf(rows, 'slack:T1:U4');
    const message = leaderboardMessage({ ...base, board, highlight: 'slack:T1:U4', you });
    const lines = plainText(message).split('\n');
    expect(lines.slice(2)).toEqual([
      '• 1. @alice — 12 pts · streak 5',
      '• 2. @bob — 9 pts · streak 1',
      'Top 2 of 4.',
      'You: #4 of 4 · 1 pt',
    ]);
  });

  it('says a tied place is tied, and points to /drill stats when it does not know the place', () => {
    const board = rankBoard(rows, { pageSize: 1 });
    const tied = leaderboardMessage({
      ...base,
      board,
      highlight: 'slack:T1:U3',
      you: rankOf(rows, 'slack:T1:U3'),
    });
    expect(plainText(tied)).toContain('You: #2 (tied) of 4 · 9 pts');
    const unknown = leaderboardMessage({ ...base, board, highlight: 'slack:T1:U3' });
    expect(plainText(unknown)).toContain('Your own place: /drill stats.');
    const none = leaderboardMessage({ ...base, board, highlight: 'slack:T1:U9', you: null });
    expect(plainText(none)).toContain('You have no points in this period yet.');
  });

  it('renders a later page as "page P of Q"', () => {
    const message = leaderboardMessage({
      ...base,
      board: rankBoard(rows, { pageSize: 3, page: 2 }),
    });
    expect(plainText(message)).toContain('• 4. @dave — 1 pt\nPage 2 of 2 · 4 ranked.');
  });

  it('has a clear empty state, worded for the period', () => {
    const empty = rankBoard([]);
    expect(plainText(leaderboardMessage({ ...base, board: empty, period: 'week' }))).toBe(
      [
        'This week in #drills',
        '6–12 Jul 2026 · this channel',
        'No points yet this week.',
        'Answer a drill before it closes to get on the board.',
      ].join('\n'),
    );
    expect(plainText(leaderboardMessage({ ...base, board: empty, period: 'month' }))).toContain(
      'No points yet this month.',
    );
    expect(plainText(leaderboardMessage({ ...base, board: empty, period: 'all' }))).toContain(
      'No points yet.',
    );
    expect(plainText(leaderboardMessage({ ...base, board: empty }))).toContain(
      'No points yet for 6–12 Jul 2026.',
    );
  });

  it('never shows more than 25 entries, even from an oversized page', () => {
    const many = Array.from({ length: 40 }, (_, index) =>
      row(`m:${index}`, `n${index}`, 100 - index),
    );
    const full = rankBoard(many, { pageSize: 25 });
    const oversized = {
      ...full,
      entries: [...full.entries, ...rankBoard(many, { page: 2, pageSize: 25 }).entries],
    };
    const message = leaderboardMessage({ ...base, board: oversized });
    const list = message.blocks.find((block) => block.type === 'bullets');
    expect(list?.type === 'bullets' ? list.items.length : 0).toBe(25);
    expect(plainText(message)).toContain('Top 25 of 40.');
  });

  it('cuts long names and names members as plain text when mentions are off', () => {
    const long = 'x'.repeat(60);
    const board = rankBoard([row('discord:G1:42', long, 3), row('discord:G1:43', '  ', 2)]);
    const message = leaderboardMessage({ ...base, board, mentions: false });
    expect(spansOf(message).some((span) => 'member' in span)).toBe(false);
    expect(plainText(message)).toContain(`• 1. ${'x'.repeat(39)}… — 3 pts`);
    expect(plainText(message)).toContain('• 2. discord:G1:43 — 2 pts');
    const mentioned = leaderboardMessage({ ...base, board });
    expect(spansOf(mentioned)).toContainEqual({ member: 'discord:G1:43' });
  });
});
