/**
 * Hostile answers on Discord, every way a member can answer: thread replies, and the answer
 * modal (blind-mode drill answers, practice answers). One fake guild and one engine behind
 * real discord.js serve both; see ./discord-replies.ts and ./discord-modals.ts.
 */
import { useDatabase } from '../support/db.ts';
import { useDiscordWorld } from './discord-drive.ts';
import { discordModalSubmissions } from './discord-modals.ts';
import { discordThreadReplies } from './discord-replies.ts';

const database = useDatabase('pglite');
const world = useDiscordWorld(database);
discordThreadReplies(world, database);
discordModalSubmissions(world, database);
