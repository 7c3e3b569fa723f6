/**
 * Registered application commands, global and per guild. A bulk overwrite replaces the
 * whole set but keeps the id (and bumps the version) of a command whose type and name
 * survive, as Discord does, so re-running `discord register` is idempotent and a test can
 * tell an update from a re-creation.
 *
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
import type { CommandInput } from './command-validate.ts';
import type { SnowflakeGenerator } from './snowflake.ts';

export interface StoredCommand extends CommandInput {
  id: string;
  application_id: string;
  guild_id?: string;
  type: number;
  description: string;
  default_member_permissions: string | null;
  version: string;
}

export class CommandStore {
  /** Keyed by `${applicationId}:${guildId ?? 'global'}`. */
  private readonly sets = new Map<string, StoredCommand[]>();
  private readonly ids: SnowflakeGenerator;

  constructor(ids: SnowflakeGenerator) {
    this.ids = ids;
  }

  private key(applicationId: string, guildId: string | undefined): string {
    return `${applicationId}:${guildId ?? 'global'}`;
  }

  list(applicationId: string, guildId?: string): StoredCommand[] {
    return [...(this.sets.get(this.key(applicationId, guildId)) ?? [])];
  }

  private build(
    applicationId: string,
    guildId: string | undefined,
    input: CommandInput,
    previous?: StoredCommand,
  ): StoredCommand {
    return {
      ...input,
      id: previous?.id ?? this.ids.next(),
      application_id: applicationId,
      ...(guildId === undefined ? {} : { guild_id: guildId }),
      type: input.type ?? 1,
      description: input.description ?? '',
      default_member_permissions: input.default_member_permissions ?? null,
      version: this.ids.next(),
    };
  }

  /** Replaces the set; commands keep their id when type and name match an existing one. */
  overwrite(
    applicationId: string,
    guildId: string | undefined,
    inputs: CommandInput[],
  ): StoredCommand[] {
    const before = this.list(applicationId, guildId);
    const next = inputs.map((input) =>
      this.build(
        applicationId,
        guildId,
        input,
        before.find((c) => c.name === input.name && c.type === (input.type ?? 1)),
      ),
    );
    this.sets.set(this.key(applicationId, guildId), next);
    return next;
  }

  /** Creates or updates one command by name (`POST .../commands`); `created` tells which. */
  upsert(
    applicationId: string,
    guildId: string | undefined,
    input: CommandInput,
  ): { command: StoredCommand; created: boolean } {
    const set = this.list(applicationId, guildId);
    const index = set.findIndex((c) => c.name === input.name && c.type === (input.type ?? 1));
    const command = this.build(applicationId, guildId, input, set[index]);
    if (index === -1) set.push(command);
    else set[index] = command;
    this.sets.set(this.key(applicationId, guildId), set);
    return { command, created: index === -1 };
  }

  remove(applicationId: string, guildId: string | undefined, commandId: string): boolean {
    const set = this.list(applicationId, guildId);
    const next = set.filter((c) => c.id !== commandId);
    this.sets.set(this.key(applicationId, guildId), next);
    return next.length !== set.length;
  }
}
