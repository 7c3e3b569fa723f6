/**
 * Times for the terminal. A terminal cannot show each reader their own time the way Slack
 * date formatting or Discord timestamps do, so times are shown in one zone and the zone is
 * named (interface.md, "Drill rules").
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      // h23, not the locale default, so midnight is 00:00 and never 24:00.
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  return format;
}

/**
 * `Tue 2026-03-03 09:02 UTC`, with `:ss` only when the seconds are not zero (terminal drills
 * run on short windows started at any second). An unknown zone falls back to UTC, named as
 * such, because rendering must never fail a post.
 */
export function formatTime(time: Date, zone: string): string {
  let format: Intl.DateTimeFormat;
  let shown = zone;
  try {
    format = formatFor(zone);
  } catch {
    format = formatFor('UTC');
    shown = 'UTC';
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(time)) parts[part.type] = part.value;
  const seconds = parts.second && parts.second !== '00' ? `:${parts.second}` : '';
  return (
    `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ` +
    `${parts.hour}:${parts.minute}${seconds} ${shown}`
  );
}
