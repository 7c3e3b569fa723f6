/**
 * "Never a ping" on Discord, checked on every request the bot sent that carries a message:
 * channel and thread posts, edits, interaction replies and follow-ups. Two rules:
 *
 * 1. Every such body carries `allowed_mentions` with `parse: []`, so nothing in the text can
 *    notify anyone; the only id it may list is the configured ping role, and only on a drill
 *    question post (https://discord.com/developers/docs/resources/message#allowed-mentions-object).
 * 2. The text does not even look like a ping: outside code (where Discord renders nothing),
 *    no `@everyone`/`@here` and no unescaped `<@…>`, `<@&…>` or `<http…>` except the bot's own
 *    mentions of the members the test knows took part.
 */
import { type RecordedRequest, ROUTES } from '../fakes/discord/index.ts';

const MESSAGE_ROUTES: ReadonlySet<string> = new Set([
  ROUTES.createMessage,
  ROUTES.editMessage,
  ROUTES.createFollowup,
  ROUTES.editWebhookMessage,
]);
/** Interaction callbacks that carry a message: 4 (reply) and 7 (update the message). */
const MESSAGE_CALLBACKS = new Set([4, 7]);

interface MessageBody {
  content?: unknown;
  embeds?: unknown;
  allowed_mentions?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message a request sends, if it sends one. */
function messageOf(request: RecordedRequest): MessageBody | undefined {
  if (!isRecord(request.body)) return undefined;
  if (request.route !== null && MESSAGE_ROUTES.has(request.route)) return request.body;
  if (request.route !== ROUTES.interactionCallback) return undefined;
  const { type, data } = request.body;
  return typeof type === 'number' && MESSAGE_CALLBACKS.has(type) && isRecord(data)
    ? data
    : undefined;
}

/**
 * Markdown with code removed, the way Discord parses it: a backslash shows the next character
 * as is (so `\`` opens nothing), and mentions inside code spans or fenced blocks never render.
 */
export function outsideCode(markdown: string): string {
  let out = '';
  let at = 0;
  while (at < markdown.length) {
    const char = markdown[at];
    if (char === '\\') {
      out += markdown.slice(at, at + 2);
      at += 2;
      continue;
    }
    if (char === '`') {
      const fence = markdown.startsWith('```', at) ? '```' : '`';
      const end = markdown.indexOf(fence, at + fence.length);
      if (end >= 0) {
        out += ' ';
        at = end + fence.length;
        continue;
      }
    }
    out += char;
    at += 1;
  }
  return out;
}

/** Every string inside a value: embed titles, descriptions, fields, footers alike. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return isRecord(value) ? Object.values(value).flatMap(strings) : [];
}

/** Everything shown, each piece parsed on its own (a code span never crosses fields). */
function shownPieces(message: MessageBody): string[] {
  return [...strings(message.content), ...strings(message.embeds)];
}

const BROADCAST = /@(?:everyone|here)/gi;
/** Not preceded by a backslash: `\<@1\>` is shown as text. */
const MENTION = /(?<!\\)<@([!&]?)(\d+)>/g;
const LINK = /(?<!\\)<https?:/gi;

export interface DiscordPingRules {
  /** Members the bot may name with `<@id>` (the answerers in a reveal or board). */
  participants: readonly string[];
  /** The configured drill ping role, allowed by id on drill question posts only. */
  pingRole?: string;
}

/** A drill's question post: the one message that may notify the ping role. */
function isDrillPost(request: RecordedRequest): boolean {
  return (
    request.route === ROUTES.createMessage &&
    /"footer":\{"text":"drillbot drill:\d+"\}/.test(JSON.stringify(request.body))
  );
}

function allowedMentionsProblem(
  message: MessageBody,
  pingRole: string | undefined,
): string | undefined {
  const allowed = message.allowed_mentions;
  if (!isRecord(allowed)) return 'no allowed_mentions';
  const parse = allowed.parse;
  if (!Array.isArray(parse) || parse.length > 0) return `parse ${JSON.stringify(parse)}`;
  if (allowed.users !== undefined) return `users ${JSON.stringify(allowed.users)}`;
  const roles = allowed.roles;
  if (roles === undefined) return undefined;
  const onlyPing =
    Array.isArray(roles) && roles.length === 1 && pingRole !== undefined
      ? roles[0] === pingRole
      : false;
  return onlyPing ? undefined : `roles ${JSON.stringify(roles)}`;
}

/** One line per problem, so a failing assertion shows what leaked and where. */
export function discordPingProblems(
  requests: readonly RecordedRequest[],
  rules: DiscordPingRules,
): string[] {
  const problems: string[] = [];
  for (const request of requests) {
    const message = messageOf(request);
    if (!message) continue;
    const where = `${request.route} #${request.seq}`;
    const pingRole = isDrillPost(request) ? rules.pingRole : undefined;
    const mentions = allowedMentionsProblem(message, pingRole);
    if (mentions) problems.push(`${where}: ${mentions}`);
    const live = shownPieces(message).map(outsideCode).join('\n');
    for (const match of live.matchAll(BROADCAST)) problems.push(`${where}: ${match[0]}`);
    for (const match of live.matchAll(LINK)) problems.push(`${where}: ${match[0]}`);
    for (const match of live.matchAll(MENTION)) {
      const [token, kind, id = ''] = match;
      const ok = kind === '&' ? id === pingRole : kind === '' && rules.participants.includes(id);
      if (!ok) problems.push(`${where}: ${token}`);
    }
  }
  return problems;
}

/** Every message body the bot sent, as JSON, for "the escaped form is there" checks. */
export function discordOutboundText(requests: readonly RecordedRequest[]): string {
  return requests
    .map(messageOf)
    .filter((message): message is MessageBody => message !== undefined)
    .map((message) => JSON.stringify(message))
    .join('\n');
}
