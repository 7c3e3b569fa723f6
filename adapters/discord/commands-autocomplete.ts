/**
 * Autocomplete for `/drill`'s free-text options that name something the bot knows: packs and
 * tags, command words, time zones. Discord sends the half-typed value as an autocomplete
 * interaction and shows up to 25 suggestions the bot returns within 3 seconds
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete).
 * Pure: the adapter passes what is loaded (packs, tags) and sends the choices back.
 */
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { COMMAND_NAMES, commandWords } from '../../src/core/commands/usage.ts';
import { invokedSubcommand } from './commands.ts';

/** Which option is being typed, and what it holds so far. */
export interface AutocompleteFocus {
  /** The subcommand's words (`packs`, `practice`). */
  subcommand: string;
  option: string;
  value: string;
}

/** What the bot can suggest from; the adapter reads them from the loaded catalog. */
export interface AutocompleteSources {
  packs: readonly string[];
  tags?: readonly string[];
}

/** Discord shows at most 25 suggestions, each name and value at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_TEXT = 100;

/** The focused option of an autocomplete interaction's `data`; undefined when none is. */
export function autocompleteFocus(data: unknown): AutocompleteFocus | undefined {
  try {
    const invoked = invokedSubcommand(data);
    const focused = invoked?.options.find((option) => option.focused === true);
    if (!invoked || !focused) return undefined;
    const value = typeof focused.value === 'string' ? focused.value : '';
    return { subcommand: invoked.words, option: focused.name, value };
  } catch {
    return undefined;
  }
}

let zones: readonly string[] | undefined;

/** IANA zones the runtime knows, plus `UTC` (which `supportedValuesOf` leaves out). */
function timeZones(): readonly string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
  return zones;
}

/** Candidates starting with what was typed first, then those containing it; case-insensitive. */
function matching(candidates: readonly string[], typed: string): string[] {
  const needle = typed.trim().toLowerCase();
  const unique = [...new Set(candidates)].filter(
    (candidate) => candidate.length <= MAX_CHOICE_TEXT,
  );
  const starts = unique.filter((candidate) => candidate.toLowerCase().startsWith(needle));
  const contains = unique.filter(
    (candidate) =>
      !candidate.toLowerCase().startsWith(needle) && candidate.toLowerCase().includes(needle),
  );
  return [...starts, ...contains].slice(0, MAX_CHOICES);
}

/** Completes the last id of a comma-separated list, keeping the ids before it. */
function packList(packs: readonly string[], typed: string): string[] {
  const parts = typed.split(',').map((part) => part.trim());
  const last = parts.pop() ?? '';
  const chosen = parts.filter((part) => part !== '');
  if (chosen.length === 0) return matching(['all', ...packs], last);
  const head = chosen.join(',');
  const rest = packs.filter((pack) => !chosen.includes(pack));
  return matching(rest, last)
    .map((pack) => `${head},${pack}`)
    .filter((list) => list.length <= MAX_CHOICE_TEXT);
}

/** The suggestions for `focus`: none for an option without autocomplete. */
export function autocompleteChoices(
  focus: AutocompleteFocus,
  sources: AutocompleteSources,
): APIApplicationCommandOptionChoice<string>[] {
  const key = `${focus.subcommand}.${focus.option}`;
  let values: string[];
  switch (key) {
    case 'help.command':
      values = matching(COMMAND_NAMES.map(commandWords), focus.value);
      break;
    case 'practice.filter':
      values = matching([...sources.packs, ...(sources.tags ?? [])], focus.value);
      break;
    case 'tips.pack':
      values = matching(sources.packs, focus.value);
      break;
    case 'packs.packs':
      values = packList(sources.packs, focus.value);
      break;
    case 'schedule.zone':
      values = matching(timeZones(), focus.value);
      break;
    default:
      values = [];
  }
  return values.map((value) => ({ name: value, value }));
}
