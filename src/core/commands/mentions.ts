/**
 * Recognising the mention tokens `ping` and `admins` take. The raw token is kept as typed;
 * the adapter resolves it. Only the shape is checked here, so a person is not pinged daily
 * by mistake and a role is not made an admin.
 *
 * Slack: https://api.slack.com/reference/surfaces/formatting#advanced (`<@U123>`,
 * `<!subteam^S123>`, `<!here>`); Discord:
 * https://discord.com/developers/docs/reference#message-formatting (`<@123>`, `<@&123>`).
 */

/** Slack user groups, Slack broadcasts, Discord roles and Discord's `@everyone`/`@here`. */
const GROUP_MENTION = [
  /^<!subteam\^[A-Z0-9]+(?:\|[^<>]*)?>$/i,
  /^<!(?:here|channel|everyone)(?:\|[^<>]*)?>$/i,
  /^<@&\d+>$/,
  /^@(?:here|channel|everyone)$/i,
];

/** A Slack or Discord user mention: `<@U123>`, `<@U123|alice>`, `<@123>`, `<@!123>`. */
const USER_MENTION = /^<@!?[A-Z0-9]+(?:\|[^<>]*)?>$/i;

/** A user id as `DRILLBOT_ADMINS` spells it, or a bare Slack or Discord user id. */
const USER_ID = [/^(?:slack|discord):[A-Za-z0-9:]+$/, /^[UW][A-Z0-9]{2,}$/, /^\d{15,21}$/];

/** A handle typed as plain text (`@security-team`), as Slack sends it without escaping. */
const HANDLE = /^@[^\s<>@]+$/;

const CHANNEL_MENTION = /^<#[^<>]*>$/;

/** What a mention token refers to, as far as its shape tells. */
export type MentionKind = 'group' | 'user' | 'handle' | 'channel' | 'other';

/** Classifies one whitespace-free token. */
export function mentionKind(token: string): MentionKind {
  if (GROUP_MENTION.some((pattern) => pattern.test(token))) return 'group';
  if (USER_MENTION.test(token) || USER_ID.some((pattern) => pattern.test(token))) return 'user';
  if (HANDLE.test(token)) return 'handle';
  if (CHANNEL_MENTION.test(token)) return 'channel';
  return 'other';
}
