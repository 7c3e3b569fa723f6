/**
 * Enrolled channels written straight into the database, row for row what `/drill schedule`
 * (and `/drill window`) would have stored: the workspace, the channel with its schedule text,
 * cron, zone, window, rotation seed, who enrolled it and its next slot. Thousands of channels
 * through commands would measure the command path, not what the benchmark is about.
 */
import type { Db } from '../../../db/client.ts';
import { channels, type NewChannel, workspaces } from '../../../db/schema.ts';
import type { PlatformName } from '../../../src/core/ids.ts';
import { compileSchedule } from '../../../src/core/schedule.ts';
import { seedFromText } from '../../../src/core/seeded.ts';

export interface EnrolmentSpec {
  platform: PlatformName;
  /** Platform workspace ids (`T0FAKE0001`, a guild id) with their platform channel ids. */
  workspaces: readonly { id: string; channels: readonly string[] }[];
  /** The `<when>` as `/drill schedule` stores it: its label and its cron. */
  scheduleText: string;
  cron: string;
  zone: string;
  windowSeconds: number;
  /** The member who ran `/drill schedule` (`slack:U...`, `discord:...`). */
  enrolledBy: string;
  /** The stored next slot; the schedule's next one after now when left out. */
  nextRunAt?: Date;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at ~20 columns a row. */
const CHUNK = 1_000;

export async function seedChannels(db: Db, spec: EnrolmentSpec): Promise<number> {
  const nextRunAt = spec.nextRunAt ?? compileSchedule(spec.cron, spec.zone).next(new Date());
  await db
    .insert(workspaces)
    .values(
      spec.workspaces.map((w) => ({ id: `${spec.platform}:${w.id}`, platform: spec.platform })),
    )
    .onConflictDoNothing();
  const rows: NewChannel[] = spec.workspaces.flatMap((workspace) =>
    workspace.channels.map((channel) => {
      const id = `${spec.platform}:${workspace.id}:${channel}`;
      return {
        id,
        workspaceId: `${spec.platform}:${workspace.id}`,
        enrolledBy: spec.enrolledBy,
        scheduleText: spec.scheduleText,
        cron: spec.cron,
        zone: spec.zone,
        windowSeconds: spec.windowSeconds,
        nextRunAt,
        rotationSeed: seedFromText(id),
      };
    }),
  );
  for (let start = 0; start < rows.length; start += CHUNK) {
    await db.insert(channels).values(rows.slice(start, start + CHUNK));
  }
  return rows.length;
}

/** `daily HH:MM` in UTC for the minute of `at`, as `/drill schedule daily HH:MM UTC` stores it. */
export function dailyAt(at: Date): { scheduleText: string; cron: string } {
  const hour = at.getUTCHours();
  const minute = at.getUTCMinutes();
  const shown = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return { scheduleText: `daily ${shown}`, cron: `${minute} ${hour} * * *` };
}

/** The first multiple of `everyMs` since the epoch at least `leadMs` from now. */
export function nextBoundaryAfter(leadMs: number, everyMs: number): Date {
  const earliest = Date.now() + leadMs;
  return new Date(Math.ceil(earliest / everyMs) * everyMs);
}

/** The first whole minute at least `leadMs` from now. */
export function nextMinuteAfter(leadMs: number): Date {
  return nextBoundaryAfter(leadMs, 60_000);
}
