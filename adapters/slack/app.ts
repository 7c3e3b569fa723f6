/**
 * The Bolt App the adapter runs on (https://docs.slack.dev/tools/bolt-js/), in Socket Mode or
 * behind the HTTP receiver of ./receiver.ts.
 *
 * Bolt acknowledges an Events API delivery before its listeners run, and Socket Mode has no
 * `processBeforeResponse`. Here every acknowledgement waits until the listeners have finished,
 * in both modes: an event is acked only once the sink has stored what it carries, and a
 * delivery whose listener failed is never acked, so Slack delivers it again (to this or
 * another connection; the core stores it once by its `event_id`).
 */
import {
  App,
  type Logger as BoltLogger,
  type Receiver,
  type ReceiverEvent,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import type { ConnectionState } from '../../src/core/platform.ts';

export class AckAfterListenersApp extends App {
  /** Runs Bolt's middleware and listeners, then sends the first ack any of them asked for. */
  override async processEvent(event: ReceiverEvent): Promise<void> {
    let asked = false;
    let response: unknown;
    await super.processEvent({
      ...event,
      ack: async (body?: unknown) => {
        if (asked) return;
        asked = true;
        response = body;
      },
    });
    await event.ack(response);
  }
}

export type SlackConnection =
  | { mode: 'socket'; appToken: string }
  | { mode: 'http'; signingSecret: string };

export interface BuildAppOptions {
  botToken: string;
  botUserId: string;
  botId: string | undefined;
  connection: SlackConnection;
  /** The HTTP receiver, in HTTP mode. */
  httpReceiver: Receiver | undefined;
  clientOptions: webApi.WebClientOptions;
  logger: BoltLogger;
  /** Socket Mode connection changes, for `connectionState()`. */
  onSocketState(state: ConnectionState): void;
}

/** Socket Mode client states (https://docs.slack.dev/tools/node-slack-sdk/socket-mode) as the port's. */
const SOCKET_STATES: ReadonlyArray<[string, ConnectionState]> = [
  ['connecting', 'connecting'],
  ['authenticated', 'connecting'],
  ['reconnecting', 'connecting'],
  ['connected', 'connected'],
  ['disconnecting', 'disconnected'],
  ['disconnected', 'disconnected'],
];

function socketReceiver(appToken: string, options: BuildAppOptions): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken,
    logger: options.logger,
    // A copy: the Socket Mode client writes its own defaults into the object it is given.
    installerOptions: { clientOptions: { ...options.clientOptions } },
    // Bolt's error handler has logged the failure; not acking makes Slack redeliver.
    processEventErrorHandler: async () => false,
  });
  for (const [name, state] of SOCKET_STATES) {
    receiver.client.on(name, () => options.onSocketState(state));
  }
  return receiver;
}

/**
 * The App, with the bot's identity given up front: `auth.test` has already run (the adapter
 * needs the team id too), so Bolt makes no call of its own at construction.
 */
export function buildApp(options: BuildAppOptions): AckAfterListenersApp {
  const receiver =
    options.connection.mode === 'socket'
      ? socketReceiver(options.connection.appToken, options)
      : options.httpReceiver;
  // Without one Bolt would start an HTTP server of its own, beside the process's.
  if (!receiver) throw new Error('slack HTTP mode needs the HTTP receiver');
  return new AckAfterListenersApp({
    token: options.botToken,
    botUserId: options.botUserId,
    ...(options.botId === undefined ? {} : { botId: options.botId }),
    receiver,
    logger: options.logger,
    clientOptions: { ...options.clientOptions },
    // Drops the bot's own messages early; ./inbound.ts drops them (and other bots') anyway.
    ignoreSelf: true,
    convoStore: false,
  });
}
