/**
 * The `/drill` application command for Discord: native subcommands with typed options
 * (https://discord.com/developers/docs/interactions/application-commands#subcommands-and-subcommand-groups),
 * and the way back from an invocation to the `/drill …` text the core parses, so Discord
 * needs no parser of its own: `interactionToText` feeds `parseCommand` the same words a Slack
 * member types.
 *
 * Discord allows 25 subcommands per command and interface.md has 27 command words, so two
 * words are options of a neighbour rather than subcommands of their own:
 * - `zone` is `/drill schedule zone:<zone>` (without `when`): `schedule` already takes a zone;
 * - `remind` is `/drill window remind:<duration|off>` (without `duration`): both are timings of
 *   the answer window.
 * Given both options, either becomes text the core refuses with a usage error, never half of
 * what was asked. `practice answer <text>` is `/drill practice answer:<text>` (the button and
 * modal are the usual way).
 *
 * Discord sets default permissions per command, not per subcommand, so `/drill` stays open to
 * everyone (`default_member_permissions: null`) and the core refuses admin subcommands to
 * non-admins; server admins can still restrict the whole command in their settings.
 */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { MAX_OPTION_TEXT, type OptionSpec, SUBCOMMANDS } from './commands-spec.ts';
import { SNOWFLAKE } from './render-runs.ts';

export { SUBCOMMANDS } from './commands-spec.ts';

/** The command's name: `/drill`. */
export const DRILL_COMMAND = 'drill';

function optionJson(spec: OptionSpec): APIApplicationCommandBasicOption {
  const base = {
    name: spec.name,
    description: spec.description,
    required: spec.required ?? false,
  };
  if (spec.kind === 'boolean') return { ...base, type: 5 };
  if (spec.kind === 'user') return { ...base, type: 6 };
  if (spec.kind === 'role') return { ...base, type: 8 };
  const length = spec.maxLength === undefined ? {} : { max_length: spec.maxLength };
  if (spec.choices) {
    return {
      ...base,
      ...length,
      type: 3,
      choices: spec.choices.map((choice) => ({ name: choice, value: choice })),
    };
  }
  return { ...base, ...length, type: 3, autocomplete: spec.autocomplete ?? false };
}

/**
 * The body for `PUT /applications/{id}/commands` (or the guild route): `/drill` with its
 * subcommands, usable in servers and in the bot's DMs (where the core allows only help and
 * practice), open to every member.
 */
export function drillCommandDefinition(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: DRILL_COMMAND,
    description: 'Daily interview drills: practice, answers, leaderboards and settings',
    type: 1,
    default_member_permissions: null,
    contexts: [0, 1],
    integration_types: [0],
    options: SUBCOMMANDS.map(
      (sub): APIApplicationCommandSubcommandOption => ({
        type: 1,
        name: sub.name,
        description: sub.description,
        options: (sub.options ?? []).map(optionJson),
      }),
    ),
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** An option value as a member typed it: storable (no NUL, no lone surrogate), one line. */
const optionText = z
  .string()
  .max(MAX_OPTION_TEXT)
  .transform((text) =>
    text
      .replaceAll('\u0000', '')
      .replace(LONE_SURROGATE, '\uFFFD')
      .replace(/[\r\n]+/g, ' '),
  );

const leafSchema = z.object({
  name: z.string().max(32),
  type: z.number().int(),
  value: z.union([optionText, z.number(), z.boolean()]).nullish(),
  focused: z.boolean().nullish(),
});
const subcommandSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]{1,32}$/),
  type: z.literal(1),
  options: z.array(leafSchema).max(25).nullish(),
});
const groupSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]{1,32}$/),
  type: z.literal(2),
  options: z.array(subcommandSchema).min(1).max(25),
});
/** https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-application-command-data-structure */
export const chatInputSchema = z.object({
  type: z.literal(1).nullish(),
  name: z.string().max(32),
  options: z
    .array(z.union([subcommandSchema, groupSchema]))
    .min(1)
    .max(25),
});

/** The invoked subcommand's words and its options, from a chat-input interaction's data. */
export function invokedSubcommand(
  data: unknown,
): { words: string; options: z.infer<typeof leafSchema>[] } | undefined {
  const parsed = chatInputSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const [first] = parsed.data.options;
  if (!first) return undefined;
  if (first.type === 1) return { words: first.name, options: first.options ?? [] };
  const [sub] = first.options;
  return sub ? { words: `${first.name} ${sub.name}`, options: sub.options ?? [] } : undefined;
}

/**
 * A chat-input interaction's `data` as the text after `/drill`: subcommand `schedule` with
 * when=`weekdays 09:00`, zone=`Europe/London` is `schedule weekdays 09:00 Europe/London`;
 * a user option is `<@id>`, a role `<@&id>`. Undefined for data that is not a chat-input
 * invocation with a subcommand. A subcommand this version does not know (a stale
 * registration) keeps its name, so the core answers with its usual "unknown command" help.
 */
export function interactionToText(
  data: unknown,
  context: { guildId?: string } = {},
): string | undefined {
  try {
    const invoked = invokedSubcommand(data);
    if (!invoked) return undefined;
    const spec = SUBCOMMANDS.find((sub) => sub.name === invoked.words);
    if (!spec) return invoked.words;
    const values = new Map<string, string | boolean>();
    for (const option of invoked.options) {
      const known = spec.options?.find((candidate) => candidate.name === option.name);
      if (!known || option.value === undefined || option.value === null) continue;
      if (known.kind === 'boolean') {
        if (typeof option.value === 'boolean') values.set(option.name, option.value);
      } else if (known.kind === 'string') {
        values.set(option.name, String(option.value));
      } else if (typeof option.value === 'string' && SNOWFLAKE.test(option.value)) {
        values.set(option.name, option.value);
      }
    }
    return spec.text(values, context.guildId);
  } catch {
    return undefined;
  }
}
