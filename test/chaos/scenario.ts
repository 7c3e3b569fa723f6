/**
 * One chaos run, start to finish: a PostgreSQL server of its own, both standalone fakes,
 * several real `drillbot start` processes, enrolment through real commands, members replying
 * throughout, and whatever disruption the caller schedules (SIGKILLs, platform faults, a
 * database restart); then a quiet period, a clean stop and the audit.
 */
import postgres from 'postgres';
import { runDrillbot } from '../support/cli.ts';
import { PostgresServer } from '../support/pg-server.ts';
import { type AuditResult, audit, formatCounts } from './audit.ts';
import { SessionWatch } from './discord-sessions.ts';
import { Fleet, type FleetReport } from './fleet.ts';
import { ChaosPlatforms } from './platforms.ts';
import { ReplyDriver } from './replies.ts';
import {
  type ChaosChannel,
  chaosChannels,
  SLOT_SECONDS,
  scheduleText,
  WINDOW_SECONDS,
} from './world.ts';

export interface ChaosContext {
  fleet: Fleet;
  platforms: ChaosPlatforms;
  database: PostgresServer;
  /** Resolves after `ms`, or early when the disruption phase is over. */
  pause(ms: number): Promise<void>;
  /** True while the disruption phase lasts. */
  readonly active: boolean;
  log(line: string): void;
}

export interface ScenarioOptions {
  name: string;
  channelsPerPlatform: number;
  processes: number;
  /** How long the disruption lasts. */
  disruptMs: number;
  /** The disruption: runs while members reply; should return when `active` turns false. */
  disrupt(context: ChaosContext): Promise<void>;
  replyEveryMs: number;
  /**
   * Quiet time before the stop: long enough for a lease left by a killed process (60 s) to
   * run out and its drill to be taken over.
   */
  settleMs: number;
}

export interface ScenarioResult {
  audit: AuditResult;
  fleet: FleetReport;
  exitCodes: (number | null)[];
  /** Discord gateway sessions and Slack sockets open at the end, before the stop. */
  connections: { slackSockets: number; discordLive: number };
  report: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function enrol(
  sql: postgres.Sql,
  platforms: ChaosPlatforms,
  channels: readonly ChaosChannel[],
): Promise<Map<string, number>> {
  const enrolledAt = new Map<string, number>();
  for (let round = 0; round < 5 && enrolledAt.size < channels.length; round += 1) {
    const pending = channels.filter((channel) => !enrolledAt.has(channel.core));
    for (const channel of pending) {
      await platforms.adminCommand(channel, 'window', `${WINDOW_SECONDS}s`).catch(() => {});
      await platforms.adminCommand(channel, 'schedule', scheduleText(channel)).catch(() => {});
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && enrolledAt.size < channels.length) {
      const rows = await sql<{ id: string; cron: string; window_seconds: number }[]>`
        select id, cron, window_seconds from channels`;
      for (const row of rows) {
        if (row.window_seconds === WINDOW_SECONDS && row.cron.includes(`/${SLOT_SECONDS}`)) {
          if (!enrolledAt.has(row.id)) enrolledAt.set(row.id, Date.now());
        }
      }
      await sleep(200);
    }
  }
  const missing = channels.filter((channel) => !enrolledAt.has(channel.core));
  if (missing.length > 0) {
    const rows = await sql`select id, schedule_text, cron, window_seconds from channels`;
    throw new Error(
      `channels not enrolled: ${missing.map((channel) => channel.core).join(', ')}; ` +
        `the channels table holds ${JSON.stringify(rows)}`,
    );
  }
  return enrolledAt;
}

export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(`[${new Date().toISOString().slice(11, 23)}] ${line}`);
  };
  const channels = chaosChannels(options.channelsPerPlatform);
  const database = await PostgresServer.start();
  let platforms: ChaosPlatforms | undefined;
  let fleet: Fleet | undefined;
  let sql: postgres.Sql | undefined;
  try {
    const url = await database.createDatabase('drillbot_chaos');
    platforms = await ChaosPlatforms.start(channels);
    const migrated = await runDrillbot(['db', 'migrate'], { env: { DATABASE_URL: url } });
    if (migrated.code !== 0) throw new Error(`db migrate failed: ${migrated.stderr}`);
    fleet = new Fleet(options.processes, {
      ...platforms.botEnv(),
      DATABASE_URL: url,
      DRILLBOT_TICK_SECONDS: '1',
      LOG_LEVEL: 'warn',
    });
    await fleet.startAll();
    log(`${options.processes} drillbot processes ready`);
    sql = postgres(url, { max: 2, onnotice: () => {} });
    const enrolledAt = await enrol(sql, platforms, channels);
    log(`${channels.length} channels enrolled (every ${SLOT_SECONDS}s, window ${WINDOW_SECONDS}s)`);

    const sessions = new SessionWatch(platforms.discord.control);
    sessions.start();
    const replies = new ReplyDriver(sql, platforms, channels);
    replies.start(options.replyEveryMs);

    let active = true;
    let wake: () => void = () => {};
    const ended = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const context: ChaosContext = {
      fleet,
      platforms,
      database,
      get active() {
        return active;
      },
      pause: async (ms) => {
        await Promise.race([sleep(ms), ended]);
      },
      log,
    };
    const disruption = options.disrupt(context);
    await sleep(options.disruptMs);
    active = false;
    wake();
    await disruption;
    await fleet.waitReady();
    log('disruption over; members stop replying');
    await replies.stop();
    await sleep(options.settleMs);

    const connections = {
      slackSockets: await platforms.slack.control.socketConnections(),
      discordLive: (await platforms.discord.control.sessions()).filter((s) => s.status === 'live')
        .length,
    };
    // Work due in the last seconds may still be under way at the stop; it is not audited.
    const horizon = Date.now() - 4_000;
    const exitCodes = await fleet.stopAll();
    await sessions.stop();
    const result = await audit({
      sql,
      platforms,
      channels,
      enrolledAt,
      horizon,
      replies: replies.sent,
      sessions,
    });
    const report = [
      `chaos run "${options.name}": ${options.processes} processes, ${channels.length} channels, ` +
        `${fleet.report.kills} SIGKILLs, ${fleet.report.starts} starts, ${replies.failures} replies refused by the fake`,
      ...lines,
      formatCounts('counts:', result.counts),
      fleet.log.format(),
      `connections at the end: ${connections.slackSockets} Slack sockets, ${connections.discordLive} Discord gateway session(s)`,
      result.violations.length === 0
        ? 'violations: none'
        : `violations (${result.violations.length}):\n  ${result.violations.slice(0, 40).join('\n  ')}` +
          `\nfirst error lines:\n  ${fleet.log.errors.join('\n  ')}`,
    ].join('\n');
    return { audit: result, fleet: fleet.report, exitCodes, connections, report };
  } catch (error) {
    if (fleet) process.stderr.write(`${fleet.tails()}\n`);
    throw error;
  } finally {
    await sql?.end({ timeout: 5 });
    await fleet?.dispose();
    await platforms?.stop();
    await database.stop();
  }
}
