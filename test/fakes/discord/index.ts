/**
 * The fake Discord for drillbot's tests: import everything from here.
 *
 * - `startFakeDiscord(options)`: REST under `/api/v10` and a JSON gateway on one local port.
 * - `spawnFakeDiscord(options)`: the same as a child process, driven by `FakeDiscordControl`.
 * - `ROUTES`: route names for fault injection and request assertions.
 * - Typed payload builders for the events the adapter handles, and JSON `FIXTURES`.
 */
export { CLOSE, INTENT, OP, PERMISSION, type PermissionName } from './constants.ts';
export { FakeDiscordControl, type RemoteMessage, type RemoteSession } from './control-client.ts';
export { DRILLBOT_INTENTS, type LoginOptions, loginClient, nextEvent } from './discord-client.ts';
export { RestError } from './errors.ts';
export { type Fault, type FaultKind, FaultPlan } from './faults.ts';
export { FIXTURE_IDS, FIXTURES } from './fixtures.ts';
export type { FakeGateway } from './gateway-server.ts';
export type { GatewaySession, SentDispatch } from './gateway-session.ts';
export type { DispatchResult, GatewayConnection, GatewayFrame } from './gateway-types.ts';
export type { FakeDiscordInfo } from './info.ts';
export type { InteractionRecord, InteractionResponseRecord } from './interaction-store.ts';
export type { MemberContext, MemberPostInput, MemberReactionInput } from './member-actions.ts';
export type { StoredMessage } from './message-store.ts';
export {
  FAKE_BOT_TOKEN,
  FAKE_IDS,
  type FakeChannelConfig,
  type FakeDiscordOptions,
  type FakeGuildConfig,
  type FakeUserConfig,
  type ResolvedFakeDiscordOptions,
} from './options.ts';
export { FAKE_USERS, type PayloadMember, type PayloadUser } from './payloads-common.ts';
export * from './payloads-guild.ts';
export * from './payloads-interactions.ts';
export * from './payloads-messages.ts';
export type { RecordedRequest, RequestLog, WaitForRequestOptions } from './request-log.ts';
export { ROUTES, type RouteName } from './routes.ts';
export { type FakeDiscord, startFakeDiscord, type WaitOptions } from './server.ts';
export { compareSnowflakes, SnowflakeGenerator, snowflakeTime } from './snowflake.ts';
export {
  type ExitStatus,
  type SpawnFakeDiscordOptions,
  type StandaloneFakeDiscord,
  spawnFakeDiscord,
} from './spawn.ts';
export type { FakeMessage } from './state.ts';
