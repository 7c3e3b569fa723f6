/**
 * Registers `/drill` with Discord: a bulk overwrite of the application's commands, globally
 * (https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands;
 * may take a while to reach every server) or for one guild, where it is usable at once
 * (https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-guild-application-commands).
 * A bulk overwrite replaces the set, so running it again after an upgrade is safe.
 */
import { REST, Routes } from 'discord.js';
import { drillCommandDefinition } from './commands.ts';
import { startError } from './connect.ts';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  apiUrl?: string | undefined;
  /** One guild's id, or undefined for a global registration. */
  guildId?: string | undefined;
}

/** Registers `/drill`; resolves with how many commands the application now has there. */
export async function registerCommands(options: RegisterOptions): Promise<number> {
  const api = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}), timeout: 15_000 });
  api.setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  try {
    const result = await api.put(route, { body: [drillCommandDefinition()] });
    return Array.isArray(result) ? result.length : 0;
  } catch (error) {
    const status: unknown = error instanceof Error ? Reflect.get(error, 'status') : undefined;
    throw startError(
      status === 401 ? Object.assign(new Error('401'), { cause: error }) : error,
      options.apiUrl,
    );
  }
}
