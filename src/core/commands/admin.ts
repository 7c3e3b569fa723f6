/**
 * Parsers for the admin commands that change a channel's settings (interface.md, "Admins"),
 * except `schedule`, which has its own file. Each takes the trimmed text after its word.
 */
import { canonicalZone } from '../schedule.ts';
import {
  failure,
  KEBAB_ID,
  ok,
  type Read,
  readBoundedDuration,
  readChoice,
  readSwitch,
  value,
} from './arguments.ts';
import { missingArgument, usageError } from './errors.ts';
import { mentionKind } from './mentions.ts';
import { quote, splitHead, words } from './text.ts';
import type { ParseResult } from './types.ts';

const DURATION_HINT = 'use a number and a unit, from 10s to 7d (e.g. 30m, 8h, 1d)';

/** One IANA zone (or `UTC`), in its canonical spelling; errors are reported as `command`'s. */
export function readZone(command: 'zone' | 'schedule', text: string): Read<string> {
  const zone = canonicalZone(text);
  if (zone !== undefined) return value(zone);
  return failure(
    usageError(
      command,
      `${quote(text)} is not a time zone: use an IANA name such as Europe/London or UTC`,
    ),
  );
}

/** `zone <IANA zone>`. */
export function parseZone(rest: string): ParseResult {
  if (rest === '') return failure(missingArgument('zone', 'a time zone'));
  const zone = readZone('zone', rest);
  return zone.ok ? ok({ name: 'zone', zone: zone.value }) : zone;
}

/** `window <duration>`, 10s to 7d. */
export function parseWindow(rest: string): ParseResult {
  const ms = readBoundedDuration(
    'window',
    rest,
    'window',
    'the window is 10s to 7d',
    `is not a duration: ${DURATION_HINT}`,
  );
  return ms.ok ? ok({ name: 'window', ms: ms.value }) : ms;
}

/** `remind <duration|off>`: the same 10s..7d range as the window; the service checks it is shorter. */
export function parseRemind(rest: string): ParseResult {
  if (rest.toLowerCase() === 'off') return ok({ name: 'remind', beforeMs: null });
  const ms = readBoundedDuration(
    'remind',
    rest,
    'remind',
    'a reminder is 10s to 7d before close',
    `is not a duration or off: ${DURATION_HINT}, or off`,
  );
  return ms.ok ? ok({ name: 'remind', beforeMs: ms.value }) : ms;
}

/**
 * `packs <id,...|all>`: ids separated by commas and/or spaces, lower-cased and de-duplicated
 * in the order given. Whether the packs exist is the service's question.
 */
export function parsePacks(rest: string): ParseResult {
  const ids = rest
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((id) => id !== '');
  if (ids.length === 0) return failure(missingArgument('packs', 'pack ids or all'));
  if (ids.includes('all')) {
    if (ids.every((id) => id === 'all')) return ok({ name: 'packs', packs: 'all' });
    return failure(
      usageError(
        'packs',
        `"all" cannot be mixed with pack ids: use /drill packs all, or list the ids`,
      ),
    );
  }
  const bad = rest.split(/[\s,]+/).find((id) => id !== '' && !KEBAB_ID.test(id.toLowerCase()));
  if (bad !== undefined)
    return failure(
      usageError(
        'packs',
        `${quote(bad)} is not a pack id: ids are kebab-case, e.g. cloud-security, separated by commas`,
      ),
    );
  return ok({ name: 'packs', packs: [...new Set(ids)] });
}

/** `mode thread|blind`. */
export function parseMode(rest: string): ParseResult {
  const mode = readChoice('mode', rest, ['thread', 'blind'] as const, 'a mode');
  return mode.ok ? ok({ name: 'mode', mode: mode.value }) : mode;
}

/** `weekly-board on|off`. */
export function parseWeeklyBoard(rest: string): ParseResult {
  const on = readSwitch('weekly-board', rest);
  return on.ok ? ok({ name: 'weekly-board', enabled: on.value }) : on;
}

/** `ping <role or group|off>`: one group or role mention (or `@handle`), kept as typed. */
export function parsePing(rest: string): ParseResult {
  if (rest === '') return failure(missingArgument('ping', 'a role or group, or off'));
  if (rest.toLowerCase() === 'off') return ok({ name: 'ping', mention: null });
  const kind = words(rest).length === 1 ? mentionKind(rest) : 'other';
  if (kind === 'group' || kind === 'handle') return ok({ name: 'ping', mention: rest });
  const reason =
    kind === 'user'
      ? 'is a person, not a role or group'
      : kind === 'channel'
        ? 'is a channel, not a role or group'
        : 'is not a role or group';
  return failure(
    usageError('ping', `${quote(rest)} ${reason}: mention one, e.g. @security-team, or use off`),
  );
}

/** `admins add|remove <user>`: one user mention or id, kept as typed. */
export function parseAdmins(rest: string): ParseResult {
  const { head, rest: user } = splitHead(rest);
  const action = readChoice('admins', head, ['add', 'remove'] as const, 'add or remove');
  if (!action.ok) return action;
  if (user === '') return failure(missingArgument('admins', 'a user'));
  const kind = words(user).length === 1 ? mentionKind(user) : 'other';
  if (kind === 'user' || kind === 'handle')
    return ok({ name: 'admins', action: action.value, user });
  const reason = kind === 'group' ? 'is a role or group, not a person' : 'is not a user';
  return failure(usageError('admins', `${quote(user)} ${reason}: mention one person, e.g. @alice`));
}
