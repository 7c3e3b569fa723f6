/**
 * The numbers of Discord's protocol the fake speaks, written out here rather than imported
 * from discord.js at run time: the fake must not load the library it is testing (a bug
 * there would then agree with itself), and the standalone process stays light.
 *
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes
 * @see https://discord.com/developers/docs/topics/gateway#gateway-intents
 * @see https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags
 */

/** The API version the fake serves under `/api/v10`; discord.js 14 uses it by default. */
export const API_VERSION = 10;

/** Gateway opcodes. */
export const OP = {
  dispatch: 0,
  heartbeat: 1,
  identify: 2,
  presenceUpdate: 3,
  voiceStateUpdate: 4,
  resume: 6,
  reconnect: 7,
  requestGuildMembers: 8,
  invalidSession: 9,
  hello: 10,
  heartbeatAck: 11,
} as const;

/** Gateway close codes the fake sends, and the ones clients use that matter for resuming. */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  unknownError: 4000,
  unknownOpcode: 4001,
  decodeError: 4002,
  notAuthenticated: 4003,
  authenticationFailed: 4004,
  alreadyAuthenticated: 4005,
  invalidSeq: 4007,
  rateLimited: 4008,
  sessionTimedOut: 4009,
  invalidShard: 4010,
  shardingRequired: 4011,
  invalidApiVersion: 4012,
  invalidIntents: 4013,
  disallowedIntents: 4014,
  /** Not Discord's: @discordjs/ws closes its own socket with this when it means to resume. */
  discordJsResuming: 4200,
} as const;

/**
 * Close codes after which Discord will not let the session resume. A client closing with
 * 1000 or 1001 ends its session too (documented: the bot shows offline at once).
 */
export const NON_RESUMABLE_CLOSE_CODES: ReadonlySet<number> = new Set([
  CLOSE.normal,
  CLOSE.goingAway,
  CLOSE.authenticationFailed,
  CLOSE.invalidShard,
  CLOSE.shardingRequired,
  CLOSE.invalidApiVersion,
  CLOSE.invalidIntents,
  CLOSE.disallowedIntents,
]);

/** Gateway intents (bit values). */
export const INTENT = {
  guilds: 1 << 0,
  guildMembers: 1 << 1,
  guildMessages: 1 << 9,
  guildMessageReactions: 1 << 10,
  directMessages: 1 << 12,
  directMessageReactions: 1 << 13,
  messageContent: 1 << 15,
  guildPresences: 1 << 8,
} as const;

/** The privileged intents, by the names the options use. */
export const PRIVILEGED_INTENTS = {
  MessageContent: INTENT.messageContent,
  GuildMembers: INTENT.guildMembers,
  GuildPresences: INTENT.guildPresences,
} as const;
export type PrivilegedIntentName = keyof typeof PRIVILEGED_INTENTS;

/** Permission bits (bigint: they pass 2^31). */
export const PERMISSION = {
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
} as const;
export type PermissionName = keyof typeof PERMISSION;

/** Every bit the fake knows, which is what an Administrator effectively has. */
export const ALL_PERMISSIONS = Object.values(PERMISSION).reduce((all, bit) => all | bit, 0n);

export const CHANNEL_TYPE = {
  guildText: 0,
  dm: 1,
  guildAnnouncement: 5,
  announcementThread: 10,
  publicThread: 11,
  privateThread: 12,
} as const;

export const INTERACTION_TYPE = {
  ping: 1,
  applicationCommand: 2,
  messageComponent: 3,
  autocomplete: 4,
  modalSubmit: 5,
} as const;

/** Interaction callback types. */
export const CALLBACK_TYPE = {
  pong: 1,
  channelMessageWithSource: 4,
  deferredChannelMessageWithSource: 5,
  deferredUpdateMessage: 6,
  updateMessage: 7,
  autocompleteResult: 8,
  modal: 9,
} as const;

export const MESSAGE_FLAG = {
  hasThread: 1 << 5,
  ephemeral: 1 << 6,
  loading: 1 << 7,
} as const;

export const MESSAGE_TYPE = {
  default: 0,
  threadCreated: 18,
  reply: 19,
  chatInputCommand: 20,
  threadStarterMessage: 21,
} as const;

/** The documented REST error codes the fake answers with. */
export const ERROR_CODE = {
  general: 0,
  unknownChannel: 10003,
  unknownGuild: 10004,
  unknownMember: 10007,
  unknownMessage: 10008,
  unknownUser: 10013,
  unknownEmoji: 10014,
  unknownWebhook: 10015,
  unknownInteraction: 10062,
  unknownApplicationCommand: 10063,
  interactionAlreadyAcknowledged: 40060,
  missingAccess: 50001,
  cannotEditOthersMessage: 50005,
  cannotSendToUser: 50007,
  missingPermissions: 50013,
  invalidFormBody: 50035,
  threadAlreadyCreated: 160004,
} as const;

/**
 * An empty bit field. Typed `number` on purpose: Discord's flag enums have no zero member,
 * and a plain number is what the API sends for "no flags".
 */
export const NO_FLAGS: number = 0;
