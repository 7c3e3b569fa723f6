/**
 * Times for the terminal. A terminal cannot show each reader their own time the way Slack
 * date formatting or Discord timestamps do, so times are shown in one zone and the zone is
 * named (interface.md, "Drill rules").
 */
import { ZoneFormat } from '../../src/core/zone-parts.ts';

// Seconds are asked for but shown only when not zero (see formatTime).
const terminalTime = new ZoneFormat('en-GB', {
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * `Tue 2026-03-03 09:02 UTC`, with `:ss` only when the seconds are not zero (terminal drills
 * run on short windows started at any second). An unknown zone falls back to UTC, named as
 * such, because rendering must never fail a post.
 */
export function formatTime(time: Date, zone: string): string {
  const { parts, zone: shown } = terminalTime.readOrFallback(time, zone);
  const seconds = parts.second && parts.second !== '00' ? `:${parts.second}` : '';
  return (
    `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ` +
    `${parts.hour}:${parts.minute}${seconds} ${shown}`
  );
}
