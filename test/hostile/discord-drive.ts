/**
 * A Discord guild (the fake) with the real engine behind real discord.js, and the moves a
 * member makes in it. One per test file; the database is emptied before each test (see
 * ./engine.ts). Slash commands go through `command` of the Discord end-to-end tests.
 */
import { until } from '../adapters/discord/engine.ts';
import { channelsIn, makeRig } from '../adapters/discord/harness.ts';
import {
  buttonClick,
  drillCommand,
  FAKE_IDS,
  FAKE_USERS,
  type FakeDiscord,
  type InteractionRecord,
  MANAGE_SERVER_PERMISSIONS,
  modalSubmit,
  type PayloadUser,
  ROUTES,
  type StoredMessage,
} from '../fakes/discord/index.ts';
import { answersByMember, type RowMembers } from './answers.ts';
import type { TestDatabase } from './engine.ts';
import { useWorld, type World, type WorldRig } from './world.ts';

export { command as discordCommand } from '../adapters/discord/engine.ts';

export const DISCORD_ADMIN = { permissions: MANAGE_SERVER_PERMISSIONS };
/** The neighbour before, the hostile member, the neighbour after. */
export const DISCORD_BEFORE = FAKE_USERS.member;
export const DISCORD_HOSTILE = FAKE_USERS.owner;
export const DISCORD_AFTER = FAKE_USERS.secondMember;
export const DISCORD_PARTICIPANTS = [
  FAKE_IDS.adminId,
  DISCORD_BEFORE.id,
  DISCORD_HOSTILE.id,
  DISCORD_AFTER.id,
];

/** A Discord user's member id in the core. */
const discordMember = (id: string) => `discord:${id}`;
export const DISCORD_MEMBERS: RowMembers = {
  before: discordMember(DISCORD_BEFORE.id),
  hostile: discordMember(DISCORD_HOSTILE.id),
  after: discordMember(DISCORD_AFTER.id),
};

export type DiscordWorld = World<WorldRig & { readonly fake: FakeDiscord }>;

/** Registers the hooks: fake, adapter and engine once per file, the catalog after each wipe. */
export function useDiscordWorld(
  database: TestDatabase,
  extraContentDirs: readonly string[] = [],
): DiscordWorld {
  return useWorld(
    'discord',
    database,
    // The 3 s REST timeout these runs have always had; makeRig's 2 s is for the adapter's
    // own tests.
    (logger) =>
      makeRig({ adapter: { logger, timeoutMs: 3_000, channelsOf: channelsIn(database.db) } }),
    extraContentDirs,
  );
}

/** The thread of the drill posted last (Discord answers live in a thread on the question). */
export function drillThread(fake: FakeDiscord): string {
  const thread = fake.requests.last(ROUTES.startThreadFromMessage)?.params.messageId;
  if (!thread) throw new Error('no drill thread');
  return thread;
}

/** Waits until `members` all have an answer stored (the gateway is asynchronous). */
export async function answersStored(
  database: TestDatabase,
  members: readonly string[],
): Promise<void> {
  let stored: ReadonlyMap<string, unknown> = new Map();
  const deadline = Date.now() + 8_000;
  while (Date.now() < deadline) {
    stored = await answersByMember(database.db);
    if (members.every((member) => stored.has(member))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`answers of ${members.join(', ')} not stored; have ${[...stored.keys()]}`);
}

/** The first button whose `custom_id` starts with `prefix` on a stored message. */
export function buttonOn(stored: StoredMessage, prefix: string): string | undefined {
  const ids = JSON.stringify(stored.message.components ?? []).matchAll(/"custom_id":"([^"]+)"/g);
  return [...ids].map((match) => match[1] ?? '').find((id) => id.startsWith(prefix));
}

/**
 * Clicks `customId` on `message`, waits for the modal Discord opens (callback 9), and submits
 * `answer` in it. Resolves with the submission's interaction record (its reply, if any).
 */
export async function discordModalAnswer(
  fake: FakeDiscord,
  user: PayloadUser,
  message: StoredMessage,
  customId: string,
  answer: string,
): Promise<InteractionRecord> {
  const click = fake.interact(buttonClick({ user, customId, message: message.message }));
  await until(() => (click.response?.type === 9 ? click : undefined), 'the answer modal');
  return fake.interact(modalSubmit({ user, customId, fields: { answer } }));
}

/** `/drill <subcommand>` with string options, not waiting for the answer. */
export function sendDiscordCommand(
  fake: FakeDiscord,
  user: PayloadUser,
  subcommand: string,
  options: { values?: Record<string, string>; permissions?: string } = {},
): InteractionRecord {
  return fake.interact(
    drillCommand({
      subcommand,
      user,
      ...(options.values ? { options: options.values } : {}),
      ...(options.permissions ? { permissions: options.permissions } : {}),
    }),
  );
}

/**
 * `/drill <subcommand>` sent from the member's direct messages with the bot: as Discord sends
 * it there, with no `guild_id`, no `member` (the caller is `user`) and the DM channel (type 1).
 */
export function sendDirectCommand(
  fake: FakeDiscord,
  user: PayloadUser,
  subcommand: string,
  values: Readonly<Record<string, string>> = {},
): InteractionRecord {
  const dm = fake.world.dmWith(user.id).id;
  const {
    guild_id: _guild,
    guild: _info,
    member,
    ...rest
  } = drillCommand({
    subcommand,
    user,
    channelId: dm,
    options: { ...values },
  });
  return fake.interact({
    ...rest,
    user: member.user,
    channel: { id: dm, type: 1, recipients: [member.user] },
    context: 1,
  });
}

/** The text of the reply an interaction got, once it has one. */
export async function replyText(fake: FakeDiscord, record: InteractionRecord): Promise<string> {
  const stored = await until(() => {
    const id = record.originalMessageId;
    const message = id === undefined ? undefined : fake.messages.get(id);
    const { content, embeds } = message?.message ?? { content: '', embeds: [] };
    return content !== '' || embeds.length > 0 ? message : undefined;
  }, 'the interaction reply');
  return JSON.stringify([stored.message.content, stored.message.embeds]);
}

export { until };
