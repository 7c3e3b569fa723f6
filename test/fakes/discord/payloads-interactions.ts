/**
 * Typed builders for INTERACTION_CREATE: `/drill` with a subcommand (and group) and typed
 * options, autocomplete on an option, a button click, and a modal submission. Each returns
 * the interaction object; dispatch it with `fake.interact(payload)` so the fake knows its
 * token and can enforce the 3-second answer and the 15-minute follow-up window.
 *
 * `member.permissions` is what drillbot's admin check reads: Discord computes it for the
 * member in the channel, and these builders take it explicitly (or from
 * `fake.memberContext(userId)`), because the whole point of the refused-admin test is that
 * the command arrives whatever the member's rights.
 *
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */
import type {
  APIApplicationCommandAutocompleteGuildInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIChatInputApplicationCommandGuildInteraction,
  APIMessage,
  APIModalSubmitGuildInteraction,
  APIUser,
  InteractionType,
  Locale,
} from 'discord.js';
import { CHANNEL_TYPE, INTERACTION_TYPE, PERMISSION, type PermissionName } from './constants.ts';
import { FAKE_IDS, MEMBER_PERMISSION_NAMES } from './options.ts';
import {
  apiMember,
  apiUser,
  FAKE_USERS,
  type PayloadMember,
  type PayloadUser,
  payloadId,
} from './payloads-common.ts';
import type { FakeMessage } from './state.ts';

export function permissionString(names: readonly PermissionName[]): string {
  return names.reduce((bits, name) => bits | PERMISSION[name], 0n).toString();
}

/** What a plain member of the default guild has in the drill channel. */
export const MEMBER_PERMISSIONS = permissionString(MEMBER_PERMISSION_NAMES);
/** A member whose role grants Manage Server. */
export const MANAGE_SERVER_PERMISSIONS = (
  BigInt(MEMBER_PERMISSIONS) | PERMISSION.ManageGuild
).toString();

export interface InteractionContextInput {
  id?: string;
  token?: string;
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  /** 0 text (default) or 11 when used inside a thread. */
  channelType?: 0 | 5 | 10 | 11;
  user?: PayloadUser;
  member?: PayloadMember;
  /** The member's permissions in the channel (decimal bit string). */
  permissions?: string;
  /** The bot's permissions in the channel. */
  appPermissions?: string;
  locale?: string;
}

/** The fields every guild interaction shares. */
function base(input: InteractionContextInput) {
  const id = input.id ?? payloadId();
  const guildId = input.guildId ?? FAKE_IDS.guildId;
  const channelId = input.channelId ?? FAKE_IDS.channelId;
  const locale = (input.locale ?? 'en-US') as Locale;
  return {
    id,
    application_id: input.applicationId ?? FAKE_IDS.applicationId,
    token: input.token ?? `fake-interaction-token-${id}`,
    version: 1 as const,
    guild_id: guildId,
    guild: { id: guildId, locale, features: [] },
    channel_id: channelId,
    channel: {
      id: channelId,
      type: input.channelType ?? CHANNEL_TYPE.guildText,
      guild_id: guildId,
    },
    member: {
      ...apiMember(input.user ?? FAKE_USERS.member, input.member),
      permissions: input.permissions ?? MEMBER_PERMISSIONS,
    },
    app_permissions:
      input.appPermissions ??
      permissionString([
        'ViewChannel',
        'SendMessages',
        'CreatePublicThreads',
        'SendMessagesInThreads',
        'EmbedLinks',
        'AddReactions',
        'ReadMessageHistory',
      ]),
    locale,
    guild_locale: locale,
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

/** An option value: strings, booleans and integers are typed by their JS type; others explicitly. */
export type OptionValue =
  | string
  | boolean
  | number
  | { type: 'number'; value: number }
  | { type: 'user'; user: PayloadUser }
  | { type: 'channel' | 'role' | 'mentionable'; id: string };

type BasicOption =
  APIApplicationCommandInteractionDataBasicOption<InteractionType.ApplicationCommand>;

function toOption(
  name: string,
  value: OptionValue,
  resolvedUsers: Record<string, APIUser>,
): BasicOption {
  if (typeof value === 'string') return { name, type: 3, value };
  if (typeof value === 'boolean') return { name, type: 5, value };
  if (typeof value === 'number') return { name, type: 4, value };
  if (value.type === 'number') return { name, type: 10, value: value.value };
  if (value.type === 'user') {
    resolvedUsers[value.user.id] = apiUser(value.user);
    return { name, type: 6, value: value.user.id };
  }
  return {
    name,
    type: value.type === 'channel' ? 7 : value.type === 'role' ? 8 : 9,
    value: value.id,
  };
}

export interface DrillCommandInput extends InteractionContextInput {
  /** e.g. `now`, `leaderboard`, `admins` (with `group`) ... */
  subcommand: string;
  /** A subcommand group, when the subcommand sits in one (`/drill admins add`). */
  group?: string;
  options?: Record<string, OptionValue>;
  commandName?: string;
  commandId?: string;
}

function commandOptions(input: DrillCommandInput, resolvedUsers: Record<string, APIUser>) {
  const leaf = Object.entries(input.options ?? {}).map(([name, value]) =>
    toOption(name, value, resolvedUsers),
  );
  const sub: APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand> = {
    name: input.subcommand,
    type: 1,
    ...(leaf.length > 0 ? { options: leaf } : {}),
  };
  return input.group === undefined
    ? [sub]
    : [{ name: input.group, type: 2 as const, options: [sub] }];
}

/** `/drill <subcommand> [options]` as a chat input command in a guild channel. */
export function drillCommand(
  input: DrillCommandInput,
): APIChatInputApplicationCommandGuildInteraction {
  const resolvedUsers: Record<string, APIUser> = {};
  const options = commandOptions(input, resolvedUsers);
  return {
    ...base(input),
    type: INTERACTION_TYPE.applicationCommand,
    data: {
      id: input.commandId ?? FAKE_IDS.applicationId,
      name: input.commandName ?? 'drill',
      type: 1,
      options,
      ...(Object.keys(resolvedUsers).length > 0 ? { resolved: { users: resolvedUsers } } : {}),
    },
  };
}

/** Autocomplete while the member types `focused` (e.g. the pack name of `/drill practice`). */
export function drillAutocomplete(
  input: Omit<DrillCommandInput, 'options'> & {
    focused: { name: string; value: string };
    options?: Record<string, string>;
  },
): APIApplicationCommandAutocompleteGuildInteraction {
  const others = Object.entries(input.options ?? {}).map(([name, value]) => ({
    name,
    type: 3 as const,
    value,
  }));
  const focused = {
    name: input.focused.name,
    type: 3 as const,
    value: input.focused.value,
    focused: true,
  };
  const sub = { name: input.subcommand, type: 1 as const, options: [...others, focused] };
  return {
    ...base(input),
    type: INTERACTION_TYPE.autocomplete,
    data: {
      id: input.commandId ?? FAKE_IDS.applicationId,
      name: input.commandName ?? 'drill',
      type: 1,
      options: input.group === undefined ? [sub] : [{ name: input.group, type: 2, options: [sub] }],
    },
  };
}

export interface ButtonClickInput extends InteractionContextInput {
  customId: string;
  /** The message the button is on, as the fake stores it or as Discord returned it. */
  message: APIMessage | FakeMessage;
}

/** A button click. Discord sends the whole message the button is on. */
export function buttonClick(input: ButtonClickInput) {
  return {
    ...base({ ...input, channelId: input.channelId ?? input.message.channel_id }),
    type: INTERACTION_TYPE.messageComponent,
    data: { custom_id: input.customId, component_type: 2 as const },
    message: input.message,
  };
}

export interface ModalSubmitInput extends InteractionContextInput {
  customId: string;
  /** Text input custom ids to the typed values. */
  fields: Record<string, string>;
  /**
   * `label` (the current layout: each input wrapped in a Label, type 18) or `action_row`
   * (the older layout, type 1). Match what the adapter's modal sends.
   */
  layout?: 'label' | 'action_row';
  /** Present when the modal was opened from a button on this message. */
  message?: APIMessage;
}

export function modalSubmit(input: ModalSubmitInput): APIModalSubmitGuildInteraction {
  const inputs = Object.entries(input.fields).map(([customId, value]) => ({
    type: 4 as const,
    custom_id: customId,
    value,
  }));
  const components =
    input.layout === 'action_row'
      ? inputs.map((component) => ({ type: 1 as const, components: [component] }))
      : inputs.map((component) => ({ type: 18 as const, component }));
  return {
    ...base(input),
    type: INTERACTION_TYPE.modalSubmit,
    data: { custom_id: input.customId, components },
    ...(input.message ? { message: input.message } : {}),
  };
}
