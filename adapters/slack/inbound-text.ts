/**
 * Field checks and text clean-up shared by the Slack inbound translators. Everything Slack
 * sends is untrusted input: ids are checked before they reach the id codec (which throws on
 * a bad part), and member text is made storable before it reaches the core.
 */
import { z } from 'zod';

/**
 * A Slack object id (`T…`, `C…`, `G…`, `D…`, `U…`, `W…`, `B…`, `V…`): upper-case letters and
 * digits. Stricter than the codec's part rule, so an id that passes can never make
 * `channelId`/`memberId`/`messageId` throw.
 */
export const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/);

/**
 * A Slack message timestamp, `<seconds>.<microseconds>` (`1700000000.000100`). It is also the
 * message's id within its channel. Twelve digits of seconds keep the derived Date valid.
 */
export const slackTs = z.string().regex(/^\d{1,12}\.\d{1,9}$/);

/**
 * Slack truncates a message at 40,000 characters and entity encoding at most quintuples a
 * character (`&` -> `&amp;`), so anything longer did not come from Slack: it is rejected as
 * malformed rather than stored or truncated.
 */
export const MAX_RAW_TEXT = 200_000;

/** Raw member text as Slack sends it (message text, command text, form input). */
export const slackText = z.string().max(MAX_RAW_TEXT);

/** The latest `event_time` (seconds) whose Date is still valid. */
export const MAX_EPOCH_SECONDS = 8_640_000_000_000;

/** A trigger id (`13345224609.738474920.8088930838d88f008e0`): digits, dots and hex. */
export const triggerId = z.string().regex(/^[A-Za-z0-9._-]{1,255}$/);

/**
 * Slack escapes exactly three characters in text it delivers (`&`, `<`, `>`); everything in
 * angle brackets that is still literal is Slack markup (mentions, links). One pass, so text a
 * member typed as `&amp;lt;` comes back as the `&lt;` they typed, not as `<`.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_match, name: string) =>
    name === 'lt' ? '<' : name === 'gt' ? '>' : '&',
  );
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes text storable: Postgres `text` refuses NUL (the insert would fail, the delivery go
 * unacknowledged and Slack redeliver it forever), and a lone surrogate has no UTF-8 form, so
 * it becomes U+FFFD here rather than wherever a driver happens to encode it.
 */
export function cleanText(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Message or command text as the core wants it: entities decoded, made storable. */
export function memberText(raw: string): string {
  return cleanText(decodeEntities(raw));
}

/** The moment a Slack timestamp names, to the millisecond. */
export function slackTsToDate(ts: string): Date {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return new Date(Number(seconds) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3)));
}
