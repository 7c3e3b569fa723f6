/**
 * `formatCommand`: a `Command` back to the text that parses to it, for logs, the terminal
 * channel and the round-trip property that keeps parser and renderer honest.
 */
import { formatDuration } from '../duration.ts';
import { formatWhen } from './schedule-args.ts';
import type { Command } from './types.ts';
import { commandWords } from './usage.ts';

const onOff = (on: boolean): string => (on ? 'on' : 'off');

/** The text after `/drill` that `parseCommand` turns back into `command`. */
export function formatCommand(command: Command): string {
  switch (command.name) {
    case 'help':
      return command.topic ? `help ${commandWords(command.topic)}` : 'help';
    case 'practice':
      return command.filter ? `practice ${command.filter}` : 'practice';
    case 'practice-answer':
      return `practice answer ${command.text}`;
    case 'answer':
      return `answer ${command.text}`;
    case 'leaderboard':
      return `leaderboard ${command.period} ${command.scope}`;
    case 'tips':
      return command.pack ? `tips ${command.pack}` : 'tips';
    case 'flag':
      return `flag ${command.reason}`;
    case 'optout':
      return `optout ${onOff(command.optOut)}`;
    case 'schedule':
      return `schedule ${formatWhen(command.when)}${command.zone ? ` ${command.zone}` : ''}`;
    case 'zone':
      return `zone ${command.zone}`;
    case 'window':
      return `window ${formatDuration(command.ms)}`;
    case 'packs':
      return `packs ${command.packs === 'all' ? 'all' : command.packs.join(',')}`;
    case 'mode':
      return `mode ${command.mode}`;
    case 'remind':
      return `remind ${command.beforeMs === null ? 'off' : formatDuration(command.beforeMs)}`;
    case 'ping':
      return `ping ${command.mention ?? 'off'}`;
    case 'weekly-board':
      return `weekly-board ${onOff(command.enabled)}`;
    case 'admins':
      return `admins ${command.action} ${command.user}`;
    case 'stats':
    case 'export-me':
    case 'forget-me':
    case 'now':
    case 'reveal':
    case 'skip':
    case 'pause':
    case 'resume':
    case 'stop':
    case 'status':
    case 'reload':
      return command.name;
  }
}
