/**
 * The documented rules for application commands, checked when the bot registers them, so a
 * `/drill` definition Discord would refuse (an upper-case name, 26 choices, a required
 * option after an optional one, subcommands mixed with plain options) fails here with the
 * same 400 50035 instead of first failing in production.
 *
 * @see https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-naming
 * @see https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-structure
 */
import { z } from 'zod';
import { RestError } from './errors.ts';

export interface CommandOptionInput {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: CommandOptionInput[];
  [extra: string]: unknown;
}

export const OPTION_TYPE = {
  subcommand: 1,
  subcommandGroup: 2,
  string: 3,
  integer: 4,
  boolean: 5,
  user: 6,
  channel: 7,
  role: 8,
  mentionable: 9,
  number: 10,
  attachment: 11,
} as const;

const optionSchema: z.ZodType<CommandOptionInput> = z.lazy(() =>
  z.looseObject({
    type: z.number().int().min(1).max(11),
    name: z.string(),
    description: z.string(),
    required: z.boolean().optional(),
    autocomplete: z.boolean().optional(),
    choices: z
      .array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]) }))
      .optional(),
    options: z.array(optionSchema).optional(),
  }),
);

export const commandInputSchema = z.looseObject({
  name: z.string(),
  /** 1 chat input (default), 2 user, 3 message. */
  type: z.number().int().min(1).max(4).optional(),
  description: z.string().optional(),
  options: z.array(optionSchema).optional(),
  default_member_permissions: z.string().nullable().optional(),
  contexts: z.array(z.number().int()).nullable().optional(),
  integration_types: z.array(z.number().int()).optional(),
  nsfw: z.boolean().optional(),
});
export type CommandInput = z.infer<typeof commandInputSchema>;

/** Lower-case letters/digits of any script, `-` and `_`, 1 to 32 (chat input names). */
const NAME = /^[-_'\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function fail(path: string, code: string, message: string): never {
  throw RestError.invalidField(path, code, message);
}

function checkName(path: string, name: string): void {
  if (!NAME.test(name))
    fail(`${path}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
}

function checkDescription(path: string, description: string): void {
  if (description.length < 1 || description.length > 100) {
    fail(`${path}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
}

function checkOptions(path: string, options: CommandOptionInput[], depth: number): void {
  if (options.length > 25) fail(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  const nested = options.filter(
    (o) => o.type === OPTION_TYPE.subcommand || o.type === OPTION_TYPE.subcommandGroup,
  );
  if (nested.length > 0 && nested.length < options.length) {
    fail(
      path,
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command and sub-command group option types are mutually exclusive to all other types',
    );
  }
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((option, index) => {
    const at = `${path}.${index}`;
    checkName(at, option.name);
    checkDescription(at, option.description);
    if (names.has(option.name))
      fail(
        `${at}.name`,
        'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
        'Option name already exists',
      );
    names.add(option.name);
    if (option.required) {
      if (sawOptional)
        fail(
          at,
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
    } else {
      sawOptional = true;
    }
    if (option.choices !== undefined) {
      if (option.choices.length > 25)
        fail(`${at}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      if (option.autocomplete)
        fail(
          at,
          'APPLICATION_COMMAND_OPTIONS_AUTOCOMPLETE_AND_CHOICES',
          'Autocomplete and choices are mutually exclusive',
        );
    }
    const isGroup = option.type === OPTION_TYPE.subcommandGroup;
    const isSub = option.type === OPTION_TYPE.subcommand;
    // Groups hold only subcommands; subcommands hold only plain options; nothing nests deeper.
    if ((isGroup && depth > 0) || (isSub && depth > 1)) {
      fail(at, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-commands cannot nest this deep');
    }
    if (isGroup && (option.options ?? []).some((child) => child.type !== OPTION_TYPE.subcommand)) {
      fail(
        `${at}.options`,
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        'Sub-command groups may only contain sub-commands',
      );
    }
    if (isGroup || isSub) checkOptions(`${at}.options`, option.options ?? [], depth + 1);
  });
}

/** Throws the 400 Discord would give for this command list (one bulk overwrite). */
export function validateCommands(commands: CommandInput[]): void {
  if (commands.length > 100)
    fail('_root', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  const seen = new Set<string>();
  commands.forEach((command, index) => {
    const type = command.type ?? 1;
    const key = `${type}:${command.name}`;
    if (seen.has(key))
      fail(
        `${index}.name`,
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    seen.add(key);
    if (type === 1) {
      checkName(`${index}`, command.name);
      checkDescription(`${index}`, command.description ?? '');
      checkOptions(`${index}.options`, command.options ?? [], 0);
    } else if (command.name.length < 1 || command.name.length > 32) {
      fail(`${index}.name`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
    }
  });
}
