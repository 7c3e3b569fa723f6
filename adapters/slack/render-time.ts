/**
 * Times for Slack: date formatting shows each reader the time in their own zone
 * (https://api.slack.com/reference/surfaces/formatting#date-formatting). The fallback after
 * `|` is for clients that cannot render it: the channel's zone, named (interface.md, "Drill
 * rules").
 */
import { ZoneFormat } from '../../src/core/zone-parts.ts';
import { escapePlain } from './render-escape.ts';

const fallbackStyle = new ZoneFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * `Tue 3 Mar 09:00 UTC`. An unknown zone falls back to UTC, named as such, because rendering
 * must never fail a post.
 */
export function fallbackTime(time: Date, zone: string): string {
  const { parts, zone: shown } = fallbackStyle.readOrFallback(time, zone);
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.hour}:${parts.minute} ${shown}`;
}

/**
 * The date token and its fallback. The fallback is escaped like any text (a zone name is
 * configuration, but `>` or `|` in it must not end the token early); an invalid date, which
 * only a bug can make, is shown as words rather than thrown.
 */
export function dateToken(time: Date, zone: string): { mrkdwn: string; plain: string } {
  if (!Number.isFinite(time.getTime()))
    return { mrkdwn: 'an unknown time', plain: 'an unknown time' };
  const fallback = escapePlain(fallbackTime(time, zone)).replace(/\|/g, '/');
  const unix = Math.floor(time.getTime() / 1000);
  return { mrkdwn: `<!date^${unix}^{date_short_pretty} {time}|${fallback}>`, plain: fallback };
}
