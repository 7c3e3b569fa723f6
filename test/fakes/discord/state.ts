/**
 * The shared state every REST route and the gateway read and change, and the types route
 * handlers are written against. One object, so "what the bot did" is one place to assert on.
 */
import type { APIMessage } from 'discord.js';
import type { CommandStore } from './command-store.ts';
import type { InteractionStore } from './interaction-store.ts';
import type { MessageStore } from './message-store.ts';
import type { ResolvedFakeDiscordOptions } from './options.ts';
import type { SnowflakeGenerator } from './snowflake.ts';
import type { World } from './world.ts';

/**
 * A stored message: Discord's message object, except that embeds and components are kept
 * exactly as the bot sent them (the fake checks their size, not their every field).
 */
export type FakeMessage = Omit<APIMessage, 'embeds' | 'components'> & {
  embeds: unknown[];
  components?: unknown[];
};

export interface FakeDiscordState {
  readonly options: ResolvedFakeDiscordOptions;
  readonly world: World;
  readonly messages: MessageStore;
  readonly interactions: InteractionStore;
  readonly commands: CommandStore;
  readonly ids: SnowflakeGenerator;
  /** `ws://127.0.0.1:<port>/gateway`, what `GET /gateway/bot` hands out. */
  gatewayUrl(): string;
  /** IDENTIFYs accepted so far (for `session_start_limit.remaining`). */
  identifyCount(): number;
}

/** What a route handler gets: the state, the path parameters, the query and the JSON body. */
export interface RouteContext {
  readonly state: FakeDiscordState;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /**
   * Queues a gateway dispatch Discord sends because of this request (MESSAGE_CREATE for a
   * post, THREAD_CREATE for a thread). Sent after the answer is written, as on Discord
   * where the event and the HTTP response race but the event usually loses.
   */
  emit(type: string, data: unknown): void;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface RouteDef {
  /** A `ROUTES` value, e.g. `POST /channels/:channelId/messages`. */
  route: string;
  /** False for the interaction callback and webhook routes, which use the token in the path. */
  auth: boolean;
  handle(context: RouteContext): RouteResult;
}
