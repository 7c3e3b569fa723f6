/**
 * Everything due at a tick, read page by page: 2,000 channels drilling at 09:00 are all
 * handled in that tick, not 100 a minute. Each page starts after the last row of the one
 * before (keyset paging), so a row the tick could not handle is not read again and paging
 * ends even when rows stay due.
 */
import type { Db } from '../../db/client.ts';
import { type DueCursor, dueChannels } from '../../db/queries/channels.ts';
import { dueReveals, type RevealCursor } from '../../db/queries/drills.ts';
import type { Channel, Drill } from '../../db/schema.ts';

/** Rows per query: small enough to start posting at once, large enough to be few queries. */
const PAGE = 100;

async function* paged<Row, Cursor>(
  read: (after: Cursor | undefined) => Promise<Row[]>,
  cursorOf: (row: Row) => Cursor,
): AsyncGenerator<Row> {
  let after: Cursor | undefined;
  for (;;) {
    const page = await read(after);
    yield* page;
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) return;
    after = cursorOf(last);
  }
}

/** Active channels whose slot has come by `now`. */
export function allDueChannels(db: Db, now: Date): AsyncGenerator<Channel> {
  return paged(
    (after: DueCursor | undefined) => dueChannels(db, now, PAGE, after),
    // Due rows always have a slot; the epoch only satisfies the type.
    (channel) => ({ nextRunAt: channel.nextRunAt ?? new Date(0), id: channel.id }),
  );
}

/** Open drills whose reveal time has come by `now` and that nobody is revealing. */
export function allDueReveals(db: Db, now: Date): AsyncGenerator<Drill> {
  return paged(
    (after: RevealCursor | undefined) => dueReveals(db, now, PAGE, after),
    (drill) => ({ revealAt: drill.revealAt ?? new Date(0), id: drill.id }),
  );
}
