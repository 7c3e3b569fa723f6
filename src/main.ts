/**
 * Composition root for `drillbot start`: config -> database -> migrations -> question packs
 * -> platforms -> engine -> ticker -> HTTP server, then wait for a signal (or the end of the
 * terminal session) and shut down in order. Everything is built here and handed down;
 * nothing below reads the environment.
 */

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { CONSOLE_CHANNEL, ConsoleAdapter } from '../adapters/console/index.ts';
import { SLACK_EVENTS_PATH, SlackAdapter } from '../adapters/slack/index.ts';
import { openDatabase } from '../db/client.ts';
import { isConnectionError } from '../db/connection-errors.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { channelsOfWorkspace } from '../db/queries/channels.ts';
import { openDrillRefs } from '../db/queries/open-drill-refs.ts';
import { type Config, PLATFORM_VARIABLES } from './config.ts';
import { type Catalog, loadCatalog } from './content/catalog.ts';
import { systemClock } from './core/clock.ts';
import type { EngineContext } from './core/context.ts';
import { DrillError } from './core/errors.ts';
import { memberId, type PlatformName } from './core/ids.ts';
import type { Platform } from './core/platform.ts';
import { DrillService } from './core/service.ts';
import { makeHealthCheck } from './http/health.ts';
import { type HttpServer, type MountedRoute, startHttpServer } from './http/server.ts';
import { InFlight } from './inflight.ts';
import type { Logger } from './logger.ts';
import { DrillMetrics } from './metrics.ts';
import { startTicker } from './ticker.ts';

export interface StartIo {
  /** One-line banners for a person (stdout in the CLI). */
  say(line: string): void;
  /** Builds the logger once it is known whether the terminal channel needs stdout. */
  logger(destination: NodeJS.WritableStream): Logger;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Colour in the terminal channel. */
  color: boolean;
  /** Where SIGTERM and SIGINT arrive (the process, or a test's emitter). */
  signals: NodeJS.EventEmitter;
}

/** How far back a new Discord gateway session reads the threads of revealed drills. */
const CATCH_UP_REVEALED_MS = 15 * 60_000;
/** How long shutdown waits for in-flight events and ticks before closing anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

const EIGHT_HOURS = 8 * 3_600_000;

function describeDatabase(config: Config): string {
  return config.database.kind === 'postgres'
    ? 'PostgreSQL (DATABASE_URL)'
    : `the embedded database in ${config.database.dataDir}`;
}

function waitForSignal(signals: NodeJS.EventEmitter): { done: Promise<string>; dispose(): void } {
  let handler: (signal: string) => void = () => {};
  const done = new Promise<string>((resolve) => {
    handler = resolve;
  });
  const onTerm = () => handler('SIGTERM');
  const onInt = () => handler('SIGINT');
  signals.once('SIGTERM', onTerm);
  signals.once('SIGINT', onInt);
  return {
    done,
    dispose() {
      signals.off('SIGTERM', onTerm);
      signals.off('SIGINT', onInt);
    },
  };
}

export interface StartOptions {
  /** A `/drill` command to run as the terminal's user once started (`drillbot practice`). */
  initialCommand?: string;
}

export async function start(
  config: Config,
  io: StartIo,
  options: StartOptions = {},
): Promise<number> {
  // The terminal channel owns stdout; logs go to stderr so they never interleave with it.
  const logger = io.logger(io.stderr);
  const handle = await openDatabase(config.database);
  let http: HttpServer | undefined;
  try {
    await migrateDatabase(handle);
    let catalog: Catalog = await loadCatalog(handle.db, config.contentDirs);
    for (const problem of catalog.errors) logger.warn({ problem }, 'question pack left out');
    const questions = catalog.packs.reduce((sum, pack) => sum + pack.questions.length, 0);
    logger.info(
      { engine: handle.engine, packs: catalog.packs.length, questions },
      'database and packs ready',
    );

    const metrics = new DrillMetrics();
    // A chat platform when one is configured; the terminal channel only when none is, or for
    // `drillbot practice`, which is a terminal session whatever the environment says.
    const slack =
      config.slack && !options.initialCommand
        ? new SlackAdapter({ ...config.slack, logger, clock: systemClock })
        : undefined;
    // Loaded only when configured: a Slack-only process never loads discord.js.
    const discord =
      config.discord && !options.initialCommand
        ? new (await import('../adapters/discord/index.ts')).DiscordAdapter({
            ...config.discord,
            logger,
            clock: systemClock,
            packIds: () => catalog.packs.map((pack) => pack.id),
            channelsOf: async (workspace) =>
              (await channelsOfWorkspace(handle.db, workspace)).map((channel) => channel.id),
            // Open drills, and drills revealed in the last quarter hour (see openDrillRefs).
            openDrillRefs: () =>
              openDrillRefs(
                handle.db,
                'discord',
                new Date(systemClock.now().getTime() - CATCH_UP_REVEALED_MS),
              ),
            // Instances sharing the database elect one holder of the gateway connection.
            gatewayLock: handle,
          })
        : undefined;
    const terminal =
      slack || discord
        ? undefined
        : new ConsoleAdapter({
            input: io.stdin,
            output: io.stdout,
            color: io.color,
            clock: systemClock,
          });
    const platforms = new Map<PlatformName, Platform>();
    if (slack) platforms.set('slack', slack);
    if (discord) platforms.set('discord', discord);
    if (terminal) {
      platforms.set('console', terminal);
      io.say(
        config.slack || config.discord
          ? `drillbot: practice in the terminal on ${describeDatabase(config)} with ${questions} questions (chat platforms are not connected in this session).`
          : `drillbot: no chat platform configured (looked for ${PLATFORM_VARIABLES.join(' and ')}); ` +
              `starting the terminal channel on ${describeDatabase(config)} with ${questions} questions. Type /drill help.`,
      );
    }
    // HTTP mode: Slack posts events, commands and interactivity to the process's own server.
    const slackEvents = slack?.httpHandler;
    const routes: MountedRoute[] = slackEvents
      ? [{ path: SLACK_EVENTS_PATH, methods: ['POST'], handler: slackEvents }]
      : [];

    const context: EngineContext = {
      db: handle.db,
      clock: systemClock,
      logger,
      metrics,
      platforms,
      instanceId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
      settings: {
        bootstrapAdmins: config.admins,
        defaultWindowMs: (platform) =>
          platform === 'console' ? config.consoleWindowMs : EIGHT_HOURS,
        leaseMs: 60_000,
      },
      catalog: () => catalog,
      async reloadCatalog() {
        catalog = await loadCatalog(handle.db, config.contentDirs);
        return catalog;
      },
    };
    const service = new DrillService(context);
    const inflight = new InFlight();
    let accepting = true;
    for (const platform of platforms.values()) {
      await platform.start(async (event) => {
        if (!accepting) throw new Error('shutting down: not taking new events');
        await inflight.track(service.handle(event).catch(codeUnreachableDatabase));
      });
      metrics.setConnected(platform.name, true);
    }
    if (options.initialCommand && terminal) {
      await inflight.track(
        service.handle({
          type: 'command',
          eventId: `console:cli-${randomBytes(6).toString('hex')}`,
          channel: CONSOLE_CHANNEL,
          at: systemClock.now(),
          member: memberId('console', 'you'),
          text: options.initialCommand,
        }),
      );
    }
    const ticker = startTicker({
      seconds: config.tickSeconds,
      tick: () => inflight.track(service.tick()),
      logger,
      onTickFinished: (ms) => metrics.tickFinished(ms),
    });
    if (config.port !== undefined) {
      http = await startHttpServer({
        port: config.port,
        metrics,
        logger,
        routes,
        health: makeHealthCheck({
          ping: () => handle.ping(),
          platforms: () =>
            Object.fromEntries(
              [...platforms.values()].map((platform) => [
                platform.name,
                // A Discord standby (another instance holds the gateway) is healthy: it posts
                // over REST and takes the gateway over when the holder goes.
                platform === discord && discord.gatewayRole === 'standby'
                  ? 'connected'
                  : platform.connectionState(),
              ]),
            ),
        }),
      });
      logger.info({ port: http.port }, 'HTTP server listening (/healthz, /metrics)');
    }
    if (slack) {
      const how = slackEvents
        ? `HTTP mode, Slack posts to ${SLACK_EVENTS_PATH} on port ${http?.port}`
        : 'Socket Mode';
      io.say(
        `drillbot: connected to Slack workspace ${slack.identity?.teamId} as bot user ${slack.identity?.botUserId} (${how}); ` +
          `${questions} questions on ${describeDatabase(config)}. Invite the bot to a channel and type /drill now there.`,
      );
    }
    if (discord) {
      io.say(
        `drillbot: connected to Discord as bot user ${discord.botUserId}${discord.gatewayRole === 'standby' ? ' (standby: another instance holds the gateway)' : ''}; ${questions} questions on ${describeDatabase(config)}. ` +
          'Register /drill with `npx drillbot discord register`, then type /drill now in a channel.',
      );
    }

    const signal = waitForSignal(io.signals);
    const ended = terminal ? [terminal.closed.then(() => 'end of input')] : [];
    const reason = await Promise.race([signal.done, ...ended]);
    signal.dispose();
    logger.info({ reason }, 'shutting down');
    // Order: stop taking events, let what was taken finish, then close the ports and the database.
    accepting = false;
    for (const platform of platforms.values()) {
      await platform.stop();
      metrics.setConnected(platform.name, false);
    }
    await ticker.stop();
    if (!(await inflight.drain(SHUTDOWN_GRACE_MS))) {
      logger.warn({ pending: inflight.size }, 'shutdown grace period over with work still running');
    }
    return 0;
  } finally {
    await http?.close();
    await handle.close();
  }
}

/**
 * A database that could not be reached gets its own code at the event boundary, so an
 * adapter whose platform never redelivers (Discord's gateway) knows a retry is worth it.
 */
function codeUnreachableDatabase(error: unknown): never {
  if (isConnectionError(error)) {
    throw new DrillError('DB_UNREACHABLE', 'the database could not be reached', { cause: error });
  }
  throw error;
}
