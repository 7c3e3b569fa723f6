/**
 * "Never a ping" on Slack, checked on what the bot actually sent: every Web API call and
 * response_url post that carries text or blocks. Slack reads `<!…>`, `<@…>` and `<http…>` in
 * text as control sequences (https://docs.slack.dev/messaging/formatting-message-text), so
 * member text must reach Slack only with `<` escaped. The bot's own tokens are allowed by
 * name: `<!date^…>` (times shown in the reader's zone) and `<@U…>` for the members the test
 * knows took part (the reveal and boards name them on purpose).
 */
import type { RecordedRequest } from '../fakes/slack/index.ts';

/** Methods whose arguments become something a member sees. */
const OUTBOUND = new Set([
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'chat.scheduleMessage',
  'views.open',
  'views.update',
  'views.push',
  'response_url',
]);

/** `<!date^…>` is the one `<!` token the bot writes itself. */
const BANG_TOKEN = /<!(?!date\^)[^>]{0,40}/g;
const USER_TOKEN = /<@([A-Z0-9]+)(?:\|[^>]*)?>/g;
const LINK_TOKEN = /<(?:https?|mailto|ftp):[^>]{0,40}/gi;
/** A bare broadcast word right after `@` (the escaper puts a WORD JOINER in between). */
const BARE_BROADCAST = /@(?:channel|here|everyone)\b/gi;

/** One line per problem, so a failing assertion shows what leaked and where. */
export function slackPingProblems(
  requests: readonly RecordedRequest[],
  participants: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const request of requests) {
    if (!OUTBOUND.has(request.method)) continue;
    const body = JSON.stringify(request.body);
    const where = `${request.method} #${request.seq}`;
    for (const match of body.matchAll(BANG_TOKEN)) problems.push(`${where}: ${match[0]}`);
    for (const match of body.matchAll(LINK_TOKEN)) problems.push(`${where}: ${match[0]}`);
    for (const match of body.matchAll(BARE_BROADCAST)) problems.push(`${where}: ${match[0]}`);
    for (const match of body.matchAll(USER_TOKEN)) {
      if (!participants.includes(match[1] ?? '')) problems.push(`${where}: ${match[0]}`);
    }
  }
  return problems;
}

/** All text a member was shown in these requests, for "the escaped form is there" checks. */
export function slackOutboundText(requests: readonly RecordedRequest[]): string {
  return requests
    .filter((request) => OUTBOUND.has(request.method))
    .map((request) => JSON.stringify(request.body))
    .join('\n');
}
