/**
 * Hostile `/drill` commands on Discord: hostile string options to every command taking
 * text, invalid schedules and zones, and commands from direct messages. One fake guild and
 * one engine behind real discord.js serve all three; see ./discord-arguments.ts,
 * ./discord-schedules.ts and ./discord-direct.ts.
 */
import { useDatabase } from '../support/db.ts';
import { discordCommandArguments } from './discord-arguments.ts';
import { discordDirectMessages } from './discord-direct.ts';
import { useDiscordWorld } from './discord-drive.ts';
import { discordInvalidSchedules } from './discord-schedules.ts';

const database = useDatabase('pglite');
const world = useDiscordWorld(database);
discordCommandArguments(world, database);
discordInvalidSchedules(world, database);
discordDirectMessages(world, database);
