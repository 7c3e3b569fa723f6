/**
 * A Slack workspace (the fake) with the real engine behind real Bolt in Socket Mode, and the
 * moves a member makes in it: `/drill …`, a reply in the drill's thread, the answer modal.
 * One per test file; the database is emptied before each test (see ./engine.ts).
 */
import { makeRig, type SlackRig } from '../adapters/slack/harness.ts';
import {
  blockActions,
  drillCommand,
  type FakeSlack,
  type SocketAck,
  threadReply,
  viewSubmission,
} from '../fakes/slack/index.ts';
import type { RowMembers } from './answers.ts';
import type { TestDatabase } from './engine.ts';
import { useWorld, type World } from './world.ts';

export const SLACK_CHANNEL = 'C0HOSTILE01';
export const SLACK_ADMIN = 'U0ADMIN001';
/** The neighbour before, the hostile member, the neighbour after. */
export const SLACK_BEFORE = 'U0BEFORE01';
export const SLACK_HOSTILE = 'U0HOSTILE1';
export const SLACK_AFTER = 'U0AFTER001';
export const SLACK_PARTICIPANTS = [SLACK_ADMIN, SLACK_BEFORE, SLACK_HOSTILE, SLACK_AFTER];

/** A Slack user's member id in the core. */
const slackMember = (user: string) => `slack:${user}`;
export const SLACK_MEMBERS: RowMembers = {
  before: slackMember(SLACK_BEFORE),
  hostile: slackMember(SLACK_HOSTILE),
  after: slackMember(SLACK_AFTER),
};

export type SlackWorld = World<SlackRig>;

/** Registers the hooks: fake, adapter and engine once per file, the catalog after each wipe. */
export function useSlackWorld(
  database: TestDatabase,
  extraContentDirs: readonly string[] = [],
): SlackWorld {
  return useWorld(
    'slack',
    database,
    (logger) =>
      makeRig('socket', {
        fake: { users: [{ id: SLACK_ADMIN, is_admin: true, name: 'ada' }] },
        adapter: { logger },
      }),
    extraContentDirs,
  );
}

export interface CommandReply {
  text: string;
  body: Record<string, unknown>;
}

export interface CommandOptions {
  channel?: string;
  channelName?: string;
}

/** `/drill <text>` over Socket Mode, acknowledged; the answer (if any) goes to `responseUrl`. */
export async function sendSlackCommand(
  fake: FakeSlack,
  text: string,
  user: string,
  options: CommandOptions = {},
): Promise<{ ack: SocketAck; responseUrl: string }> {
  const responseUrl = fake.responseUrls.create();
  const ack = await fake.deliver({
    payload: drillCommand({
      text,
      channelId: options.channel ?? SLACK_CHANNEL,
      userId: user,
      responseUrl,
      ...(options.channelName ? { channelName: options.channelName } : {}),
    }),
  });
  return { ack, responseUrl };
}

/** `/drill <text>` over Socket Mode; resolves with what the bot answered privately. */
export async function slackCommand(
  fake: FakeSlack,
  text: string,
  user: string,
  options: CommandOptions = {},
): Promise<CommandReply> {
  const { responseUrl } = await sendSlackCommand(fake, text, user, options);
  const { body } = await fake.responseUrls.waitFor(responseUrl, 10_000);
  return { text: JSON.stringify(body), body };
}

/** A member's reply in the thread: stored in the fake workspace, then delivered as an event. */
export async function slackReply(
  fake: FakeSlack,
  user: string,
  text: string,
  rootTs: string,
): Promise<SocketAck> {
  const stored = fake.postAsUser({ channel: SLACK_CHANNEL, user, text, threadTs: rootTs });
  const payload = threadReply({
    channel: SLACK_CHANNEL,
    user,
    text,
    threadTs: rootTs,
    ts: stored.ts,
  });
  return fake.deliver({ payload });
}

/** The open drill's question post in the channel: its `ts` and drill id. */
export function slackQuestion(fake: FakeSlack): { ts: string; drillId: string } {
  const posts = fake.requests.all('chat.postMessage');
  const question = posts.findLast((request) =>
    /"marker":"drill:\d+"/.test(JSON.stringify(request.body.metadata ?? {})),
  );
  const marker = /"marker":"drill:(\d+)"/.exec(JSON.stringify(question?.body.metadata ?? {}));
  const root = fake.messages
    .all(SLACK_CHANNEL)
    .findLast((message) => message.metadata?.event_payload.marker === `drill:${marker?.[1]}`);
  if (!marker?.[1] || !root) throw new Error('no drill question posted');
  return { ts: root.ts, drillId: marker[1] };
}

/**
 * Clicks a form button (the drill's "Answer privately", or a practice question's "Answer"),
 * waits for the modal, and submits `answer` in it. Resolves with the submission's ack.
 */
export async function slackModalAnswer(
  fake: FakeSlack,
  user: string,
  button: { actionId: 'drill-answer' | 'practice-answer'; value: string; messageTs: string },
  answer: string,
): Promise<SocketAck> {
  const opened = fake.requests.count('views.open');
  await fake.deliver({
    payload: blockActions({
      userId: user,
      channelId: SLACK_CHANNEL,
      messageTs: button.messageTs,
      actionId: button.actionId,
      value: button.value,
    }),
  });
  const modal = await fake.requests.waitFor('views.open', { count: opened + 1 });
  const view: unknown = modal.body.view;
  const metadata =
    typeof view === 'object' && view !== null ? Reflect.get(view, 'private_metadata') : undefined;
  const payload = viewSubmission({
    userId: user,
    callbackId: 'drillbot-answer',
    privateMetadata: String(metadata),
    values: { answer: { answer } },
  });
  // Every modal Slack opens has its own view id, and the adapter keys the submission on it;
  // the builder repeats its fixture's id, which would make later submissions replays.
  viewSequence += 1;
  const viewId = `V0HOSTILE${String(viewSequence).padStart(5, '0')}`;
  return fake.deliver({ payload: { ...payload, view: { ...payload.view, id: viewId } } });
}

let viewSequence = 0;

/** The `value` of the first button with `actionId` anywhere in a Slack payload. */
export function buttonValue(payload: unknown, actionId: string): string | undefined {
  if (Array.isArray(payload)) {
    for (const item of payload) {
      const found = buttonValue(item, actionId);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) return undefined;
  const record = payload as Record<string, unknown>;
  if (record.action_id === actionId && typeof record.value === 'string') return record.value;
  return buttonValue(Object.values(record), actionId);
}
