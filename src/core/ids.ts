/**
 * Opaque, platform-prefixed ids. The core stores and compares them as strings and never
 * looks inside except through this codec; adapters build them from platform ids.
 *   workspace  slack:T123          discord:G1           console:local
 *   channel    slack:T123:C456     discord:G1:C2        console:local:drills
 *   member     slack:U123          discord:42           console:alice
 *   message    <channel>:<platform message id>   (Slack ts, Discord snowflake)
 */
export const PLATFORMS = ['slack', 'discord', 'console'] as const;
export type PlatformName = (typeof PLATFORMS)[number];

export interface ChannelParts {
  platform: PlatformName;
  workspace: string;
  channel: string;
}

export interface MessageParts extends ChannelParts {
  message: string;
}

const PART = /^[A-Za-z0-9._-]+$/;

function checkPart(kind: string, value: string): string {
  if (!PART.test(value)) throw new TypeError(`invalid ${kind} id part ${JSON.stringify(value)}`);
  return value;
}

function isPlatform(value: string | undefined): value is PlatformName {
  return (PLATFORMS as readonly string[]).includes(value ?? '');
}

export function workspaceId(platform: PlatformName, workspace: string): string {
  return `${platform}:${checkPart('workspace', workspace)}`;
}

export function channelId(parts: ChannelParts): string {
  return `${workspaceId(parts.platform, parts.workspace)}:${checkPart('channel', parts.channel)}`;
}

export function memberId(platform: PlatformName, member: string): string {
  return `${platform}:${checkPart('member', member)}`;
}

export function messageId(parts: MessageParts): string {
  return `${channelId(parts)}:${checkPart('message', parts.message)}`;
}

function split(id: string, count: number): [PlatformName, ...string[]] | undefined {
  const parts = id.split(':');
  const [platform, ...rest] = parts;
  if (parts.length !== count || !isPlatform(platform) || !rest.every((part) => PART.test(part))) {
    return undefined;
  }
  return [platform, ...rest];
}

export function parseChannelId(id: string): ChannelParts | undefined {
  const parts = split(id, 3);
  if (!parts) return undefined;
  const [platform, workspace = '', channel = ''] = parts;
  return { platform, workspace, channel };
}

export function parseMessageId(id: string): MessageParts | undefined {
  const parts = split(id, 4);
  if (!parts) return undefined;
  const [platform, workspace = '', channel = '', message = ''] = parts;
  return { platform, workspace, channel, message };
}

export function parseMemberId(id: string): { platform: PlatformName; member: string } | undefined {
  const parts = split(id, 2);
  if (!parts) return undefined;
  const [platform, member = ''] = parts;
  return { platform, member };
}

/** The workspace a channel id belongs to (`slack:T1:C1` -> `slack:T1`). */
export function workspaceOfChannel(channel: string): string {
  const parts = parseChannelId(channel);
  if (!parts) throw new TypeError(`not a channel id: ${JSON.stringify(channel)}`);
  return workspaceId(parts.platform, parts.workspace);
}

export function platformOf(id: string): PlatformName {
  const [platform] = id.split(':', 1);
  if (!isPlatform(platform))
    throw new TypeError(`id without a platform prefix: ${JSON.stringify(id)}`);
  return platform;
}

/**
 * The member a typed mention or id names, on the channel's platform: Slack `<@U123>` or
 * `<@U123|name>`, Discord `<@123>` or `<@!123>`, or a bare id; in the terminal a name.
 */
export function memberFromMention(platform: PlatformName, raw: string): string | undefined {
  const token = raw.trim();
  const wrapped = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  const bare = wrapped?.[1] ?? token.replace(/^@/, '');
  const valid =
    platform === 'slack'
      ? /^[UW][A-Z0-9]{2,}$/
      : platform === 'discord'
        ? /^\d{15,21}$/
        : /^[A-Za-z0-9._-]{1,40}$/;
  return valid.test(bare) ? memberId(platform, bare) : undefined;
}
