/**
 * Hostile answers on Slack, every way a member can answer: thread replies, and the answer
 * modal (blind-mode drill answers, practice answers). One fake workspace and one engine
 * behind real Bolt serve both; see ./slack-replies.ts and ./slack-modals.ts.
 */
import { useDatabase } from '../support/db.ts';
import { useSlackWorld } from './slack-drive.ts';
import { slackModalSubmissions } from './slack-modals.ts';
import { slackThreadReplies } from './slack-replies.ts';

const database = useDatabase('pglite');
const world = useSlackWorld(database);
slackThreadReplies(world, database);
slackModalSubmissions(world, database);
