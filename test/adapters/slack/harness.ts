/**
 * Real SlackAdapter (real Bolt) against the fake Slack on 127.0.0.1, in Socket Mode or HTTP
 * mode behind the process's own HTTP server, for the adapter and end-to-end tests.
 */
import { pino } from 'pino';
import {
  SLACK_EVENTS_PATH,
  SlackAdapter,
  type SlackAdapterOptions,
} from '../../../adapters/slack/index.ts';
import { channelId, parseMessageId } from '../../../src/core/ids.ts';
import type { HealthCheck } from '../../../src/http/health.ts';
import { type HttpServer, startHttpServer } from '../../../src/http/server.ts';
import { DrillMetrics } from '../../../src/metrics.ts';
import {
  FAKE_APP_TOKEN,
  FAKE_BOT_TOKEN,
  FAKE_IDS,
  FAKE_SIGNING_SECRET,
  type FakeSlack,
  type FakeSlackOptions,
  startFakeSlack,
} from '../../fakes/slack/index.ts';

export const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export const TEAM = FAKE_IDS.teamId;

/** The core's id of a Slack channel in the fake workspace. */
export const slackChannelId = (channel: string) =>
  channelId({ platform: 'slack', workspace: TEAM, channel });

/** The Slack channel and `ts` of a message id. */
export function slackParts(ref: string): { channel: string; ts: string } {
  const parts = parseMessageId(ref);
  if (!parts) throw new Error(`not a message id: ${ref}`);
  return { channel: parts.channel, ts: parts.message };
}

export interface SlackRig {
  fake: FakeSlack;
  adapter: SlackAdapter;
  /** HTTP mode: the process's HTTP server with `/slack/events` mounted. */
  http?: HttpServer;
  /** HTTP mode: `http://127.0.0.1:<port>/slack/events`. */
  eventsUrl?: string;
  close(): Promise<void>;
}

const healthy: HealthCheck = async () => ({ status: 'ok', database: { ok: true }, platforms: {} });

/** The fake and an adapter pointed at it, not yet started (the test passes its own sink). */
export async function makeRig(
  mode: 'socket' | 'http',
  options: { fake?: FakeSlackOptions; adapter?: Partial<SlackAdapterOptions> } = {},
): Promise<SlackRig> {
  const fake = await startFakeSlack(options.fake);
  const adapter = new SlackAdapter({
    botToken: FAKE_BOT_TOKEN,
    connection:
      mode === 'socket'
        ? { mode: 'socket', appToken: FAKE_APP_TOKEN }
        : { mode: 'http', signingSecret: FAKE_SIGNING_SECRET },
    apiUrl: fake.apiUrl,
    logger,
    postIntervalMs: 0,
    timeoutMs: 2_000,
    ...options.adapter,
  });
  let http: HttpServer | undefined;
  const handler = adapter.httpHandler;
  if (mode === 'http' && handler) {
    http = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      health: healthy,
      metrics: new DrillMetrics(),
      logger,
      routes: [{ path: SLACK_EVENTS_PATH, methods: ['POST'], handler }],
    });
  }
  return {
    fake,
    adapter,
    ...(http ? { http, eventsUrl: `http://127.0.0.1:${http.port}${SLACK_EVENTS_PATH}` } : {}),
    async close() {
      await adapter.stop();
      await http?.close();
      await fake.socketMode.waitForNoConnections();
      await fake.stop();
    },
  };
}
