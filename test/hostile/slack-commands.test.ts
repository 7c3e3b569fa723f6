/**
 * Hostile `/drill` commands on Slack: hostile arguments to every command taking text,
 * invalid schedules and zones, and commands from direct messages. One fake workspace and one
 * engine behind real Bolt serve all three; see ./slack-arguments.ts, ./slack-schedules.ts
 * and ./slack-direct.ts.
 */
import { useDatabase } from '../support/db.ts';
import { slackCommandArguments } from './slack-arguments.ts';
import { slackDirectMessages } from './slack-direct.ts';
import { useSlackWorld } from './slack-drive.ts';
import { slackInvalidSchedules } from './slack-schedules.ts';

const database = useDatabase('pglite');
const world = useSlackWorld(database);
slackCommandArguments(world, database);
slackInvalidSchedules(world, database);
slackDirectMessages(world, database);
