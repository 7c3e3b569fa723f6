/**
 * The fake Slack for drillbot's tests: import everything from here.
 *
 * - `startFakeSlack(options)`: an in-process fake (Web API, Socket Mode, response URLs).
 * - `spawnFakeSlack(options)`: the same as a child process, driven by `FakeSlackControl`.
 * - Payload builders for the events, commands and interactions the adapter handles.
 * - `signedRequest` / `buildSignedRequest`: HTTP-mode deliveries signed with the v0 scheme.
 */
export { FakeSlackControl, type RemoteMessage } from './control-client.ts';
export { type Fault, type FaultKind, FaultPlan } from './faults.ts';
export { FIXTURES } from './fixtures.ts';
export { formatTs, parseTs } from './ids.ts';
export type { FakeSlackInfo } from './info.ts';
export type {
  EphemeralMessage,
  MessageMetadata,
  MessageStore,
  SlackMessage,
} from './message-store.ts';
export {
  FAKE_APP_TOKEN,
  FAKE_BOT_TOKEN,
  FAKE_IDS,
  FAKE_SIGNING_SECRET,
  type FakeChannelConfig,
  type FakeSlackOptions,
  type FakeUserConfig,
  type ResolvedFakeSlackOptions,
} from './options.ts';
export * from './payload-schemas.ts';
export * from './payloads-events.ts';
export * from './payloads-interactive.ts';
export type { RecordedRequest, RequestLog, WaitForRequestOptions } from './request-log.ts';
export type { ResponseUrlPost, ResponseUrls } from './response-urls.ts';
export { type FakeSlack, startFakeSlack, type UserMessageInput } from './server.ts';
export {
  buildSignedRequest,
  commandBody,
  type EncodedSlackBody,
  encodeForHttp,
  interactiveBody,
  jsonBody,
  type SignedRequestOptions,
  signedRequest,
  slackSignature,
} from './signing.ts';
export {
  type DeliverInput,
  type EnvelopeType,
  envelopeTypeOf,
  type SocketAck,
  SocketDeliveryError,
  type SocketEnvelope,
  socketEnvelopeSchema,
} from './socket-envelopes.ts';
export type { AckRecord, DeliverOptions, DeliveryRecord, SocketModeServer } from './socket-mode.ts';
export {
  type ExitStatus,
  type SpawnFakeSlackOptions,
  type StandaloneFakeSlack,
  spawnFakeSlack,
} from './spawn.ts';
export type { SlackUser, Workspace } from './workspace.ts';
