/**
 * Discord interactions (https://discord.com/developers/docs/interactions/receiving-and-responding)
 * -> the core's command and form events. Pure translation like ./inbound.ts: undefined for
 * anything irrelevant or malformed, never a throw. The adapter answers the interaction (within
 * Discord's 3 seconds) and attaches `respond`, which needs the live interaction.
 *
 * - APPLICATION_COMMAND (2): `/drill` with a subcommand -> a command event whose text is
 *   `interactionToText` of its data, the words the core parses on every platform.
 * - MESSAGE_COMPONENT (3): a drill's "Answer privately" or a practice question's "Answer"
 *   button carries no answer: the click asks for a modal (`open_form`) whose `custom_id` is the
 *   button's own, so the submission says which form it answers (custom-id.ts).
 * - APPLICATION_COMMAND_AUTOCOMPLETE (4): the focused option, for commands-autocomplete.ts.
 * - MODAL_SUBMIT (5): the modal's answer input -> a form event.
 *
 * The channel is where the interaction happened, or the parent channel when that is a thread
 * (a `/drill reveal` typed in the drill's thread means the drill's channel). A direct message
 * has no guild: its channel is `discord:dm:<channel id>` and the event is marked `direct`.
 */
import { z } from 'zod';
import { channelId, memberId } from '../../src/core/ids.ts';
import type { CommandEvent, FormSubmissionEvent } from '../../src/core/platform.ts';
import { interactionToText } from './commands.ts';
import { type AutocompleteFocus, autocompleteFocus } from './commands-autocomplete.ts';
import { MAX_CUSTOM_ID } from './custom-id.ts';
import {
  ANSWER_INPUT,
  answerIn,
  answerModal,
  type DiscordFormRequest,
  formTarget,
} from './inbound-forms.ts';
import { THREAD_TYPES, userSchema } from './inbound-schemas.ts';
import { displayName, nameText, snowflake } from './inbound-text.ts';

/** A command event before the adapter attaches `respond`. */
export type DiscordCommandEvent = Omit<CommandEvent, 'respond'>;
/** A form event before the adapter attaches `respond`. */
export type DiscordFormEvent = Omit<FormSubmissionEvent, 'respond'>;

export {
  ANSWER_INPUT,
  type DiscordFormRequest,
  type FormTarget,
} from './inbound-forms.ts';

/** The workspace part of a direct-message channel id: DMs belong to no guild. */
export const DM_WORKSPACE = 'dm';

/** What an interaction asks for. */
export type DiscordInteraction =
  | {
      kind: 'command';
      event: DiscordCommandEvent;
      /**
       * Whether the invoker has Administrator or Manage Server in this channel, from the
       * interaction's own `member.permissions`; undefined in DMs. A hint for the adapter's
       * `isPlatformAdmin`, which may use it instead of a REST round trip.
       */
      platformAdmin?: boolean;
    }
  | { kind: 'open_form'; form: DiscordFormRequest }
  | { kind: 'form'; event: DiscordFormEvent }
  | { kind: 'autocomplete'; focus: AutocompleteFocus };

/** https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object */
const interactionSchema = z.object({
  id: snowflake,
  type: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  guild_id: snowflake.nullish(),
  channel_id: snowflake.nullish(),
  channel: z
    .object({ id: snowflake, type: z.number().int(), parent_id: snowflake.nullish() })
    .nullish(),
  /** In a guild: the invoker and their permissions in this channel. */
  member: z
    .object({
      user: userSchema,
      nick: nameText.nullish(),
      permissions: z
        .string()
        .regex(/^\d{1,40}$/)
        .nullish(),
    })
    .nullish(),
  /** In a DM: the invoker. */
  user: userSchema.nullish(),
  data: z.unknown(),
});
type Interaction = z.infer<typeof interactionSchema>;

const buttonSchema = z.object({
  custom_id: z.string().max(MAX_CUSTOM_ID),
  component_type: z.literal(2),
});
const modalSchema = z.object({
  custom_id: z.string().max(MAX_CUSTOM_ID),
  components: z.array(z.unknown()).max(25),
});
/** Administrator (1 << 3) or Manage Server (1 << 5): https://discord.com/developers/docs/topics/permissions */
const ADMIN_BITS = (1n << 3n) | (1n << 5n);

function where(interaction: Interaction): { channel: string; direct: boolean } | undefined {
  const channel = interaction.channel;
  const inThread = channel && THREAD_TYPES.has(channel.type) && channel.parent_id;
  const id = inThread ? channel.parent_id : (channel?.id ?? interaction.channel_id);
  if (!id) return undefined;
  const guild = interaction.guild_id;
  return {
    channel: channelId({ platform: 'discord', workspace: guild ?? DM_WORKSPACE, channel: id }),
    direct: !guild,
  };
}

function invoker(interaction: Interaction): { member: string; memberName?: string } | undefined {
  const user = interaction.member?.user ?? interaction.user;
  if (!user) return undefined;
  const name = displayName(interaction.member?.nick, user.global_name, user.username);
  return {
    member: memberId('discord', user.id),
    ...(name === undefined ? {} : { memberName: name }),
  };
}

/**
 * Translates one interaction payload. `eventId` is `discord:interaction:<id>`: an interaction
 * is delivered once per gateway session and a resume replays it with the same id, so it runs
 * once however often it arrives.
 */
export function translateInteraction(data: unknown, at: Date): DiscordInteraction | undefined {
  try {
    const parsed = interactionSchema.safeParse(data);
    if (!parsed.success) return undefined;
    const interaction = parsed.data;
    if (interaction.type === 4) {
      const focus = autocompleteFocus(interaction.data);
      return focus ? { kind: 'autocomplete', focus } : undefined;
    }
    const place = where(interaction);
    const who = invoker(interaction);
    if (!place || !who) return undefined;
    const eventId = `discord:interaction:${interaction.id}`;
    if (interaction.type === 2) {
      const guildId = interaction.guild_id ?? undefined;
      const text = interactionToText(interaction.data, guildId ? { guildId } : {});
      if (text === undefined) return undefined;
      const permissions = interaction.member?.permissions;
      return {
        kind: 'command',
        event: {
          type: 'command',
          eventId,
          channel: place.channel,
          at,
          ...who,
          text,
          direct: place.direct,
        },
        ...(permissions ? { platformAdmin: (BigInt(permissions) & ADMIN_BITS) !== 0n } : {}),
      };
    }
    if (interaction.type === 3) {
      const button = buttonSchema.safeParse(interaction.data);
      if (!button.success) return undefined;
      const target = formTarget(button.data.custom_id, place.channel);
      if (!target) return undefined;
      return {
        kind: 'open_form',
        form: {
          member: who.member,
          target,
          modal: answerModal(button.data.custom_id, target.action),
        },
      };
    }
    const modal = modalSchema.safeParse(interaction.data);
    if (!modal.success) return undefined;
    const target = formTarget(modal.data.custom_id, place.channel);
    const answer = answerIn(modal.data.components);
    if (!target || answer === undefined) return undefined;
    return {
      kind: 'form',
      event: {
        type: 'form_submitted',
        eventId,
        channel: target.channel,
        at,
        member: who.member,
        action: target.action,
        ...(target.value === undefined ? {} : { value: target.value }),
        fields: { [ANSWER_INPUT]: answer },
      },
    };
  } catch {
    return undefined;
  }
}
