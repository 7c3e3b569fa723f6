/**
 * The drillbot processes of a chaos run: real `drillbot start` children sharing one
 * PostgreSQL, each killed with SIGKILL and started again on the driver's command. Output is
 * kept as a bounded tail per process, for the report when something goes wrong.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CapturedProcess, spawnDrillbot } from '../support/cli.ts';

const TAIL_CHARS = 20_000;
/** Error lines kept whole for the report of a failed run, and how much of each. */
const ERROR_LINES_KEPT = 30;
const ERROR_LINE_CHARS = 1_500;

/** Counts of warning- and error-level log messages across every process of the run. */
export class LogTally {
  readonly counts = new Map<string, number>();
  /** The first error-level lines as written (drill, channel, cause), for a failed run. */
  readonly errors: string[] = [];

  /** A reader for one output stream: it keeps that stream's unfinished last line. */
  reader(): (text: string) => void {
    let partial = '';
    return (text) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.line(line);
    };
  }

  private line(line: string): void {
    if (!line.startsWith('{')) return;
    try {
      const entry = JSON.parse(line) as { level?: unknown; msg?: unknown };
      if (typeof entry.level !== 'number' || entry.level < 40) return;
      const key = `${entry.level >= 50 ? 'error' : 'warn'}: ${String(entry.msg)}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      if (entry.level >= 50 && this.errors.length < ERROR_LINES_KEPT) {
        this.errors.push(line.slice(0, ERROR_LINE_CHARS));
      }
    } catch {
      // A line cut short by SIGKILL.
    }
  }

  format(): string {
    const rows = [...this.counts.entries()].sort((a, b) => b[1] - a[1]);
    return rows.length === 0
      ? 'log: no warnings or errors'
      : `log warnings and errors:\n${rows.map(([key, n]) => `  ${String(n).padStart(5)}  ${key}`).join('\n')}`;
  }
}

class BotProcess {
  private readonly captured: CapturedProcess;
  /** Both streams interleaved as written, bounded: the crash report shows them in order. */
  output = '';
  /** Set once both "connected" lines were printed (the tail may have scrolled past them). */
  ready = false;

  constructor(env: Record<string, string>, tally: LogTally) {
    // The captured streams are bounded too; `output` is what the reports read.
    this.captured = spawnDrillbot(['start'], { env, tailChars: TAIL_CHARS });
    let slack = false;
    let discord = false;
    const keep = (read: (text: string) => void) => (chunk: Buffer) => {
      const text = chunk.toString();
      slack ||= text.includes('connected to Slack');
      discord ||= text.includes('connected to Discord');
      this.ready = slack && discord;
      read(text);
      this.output = (this.output + text).slice(-TAIL_CHARS);
    };
    this.child.stdout.on('data', keep(tally.reader()));
    this.child.stderr.on('data', keep(tally.reader()));
  }

  get child(): ChildProcessWithoutNullStreams {
    return this.captured.child;
  }

  get exited(): Promise<number | null> {
    return this.captured.exited;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

export interface FleetReport {
  kills: number;
  starts: number;
  /** Processes that exited on their own (not killed by the driver): always a failure. */
  crashes: { slot: number; code: number | null; tail: string }[];
}

export class Fleet {
  private readonly bots: (BotProcess | undefined)[];
  private readonly env: Record<string, string>;
  private readonly dirs: string[] = [];
  private readonly killedByUs = new WeakSet<BotProcess>();
  readonly report: FleetReport = { kills: 0, starts: 0, crashes: [] };
  readonly log = new LogTally();

  constructor(size: number, env: Record<string, string>) {
    this.bots = Array.from({ length: size }, () => undefined);
    this.env = env;
  }

  get size(): number {
    return this.bots.length;
  }

  start(slot: number): void {
    if (this.bots[slot]?.running) throw new Error(`bot ${slot} is already running`);
    const dir = mkdtempSync(join(tmpdir(), `drillbot-chaos-${slot}-`));
    this.dirs.push(dir);
    const bot = new BotProcess({ ...this.env, DRILLBOT_DATA_DIR: dir }, this.log);
    this.bots[slot] = bot;
    this.report.starts += 1;
    void bot.exited.then((code) => {
      if (!this.killedByUs.has(bot)) {
        this.report.crashes.push({ slot, code, tail: bot.output.slice(-4_000) });
      }
    });
  }

  async startAll(timeoutMs = 60_000): Promise<void> {
    for (let slot = 0; slot < this.bots.length; slot += 1) this.start(slot);
    await this.waitReady(timeoutMs);
  }

  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.bots.every((bot) => bot?.ready)) {
      const dead = this.bots.find((bot) => bot && !bot.running && !this.killedByUs.has(bot));
      if (dead) throw new Error(`a drillbot process exited while starting:\n${dead.output}`);
      if (Date.now() > deadline) {
        const tails = this.bots.map((bot, i) => `--- bot ${i}\n${bot?.output.slice(-2_000)}`);
        throw new Error(`drillbot processes not ready in ${timeoutMs} ms\n${tails.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGKILL: no shutdown handler runs, leases and connections are left as they are. */
  async kill(slot: number): Promise<void> {
    const bot = this.bots[slot];
    if (!bot?.running) return;
    this.killedByUs.add(bot);
    bot.child.kill('SIGKILL');
    this.report.kills += 1;
    await bot.exited;
  }

  /** SIGTERM to every process; each must exit 0 (a clean shutdown). */
  async stopAll(): Promise<(number | null)[]> {
    const running = this.bots.filter((bot): bot is BotProcess => bot?.running === true);
    for (const bot of running) {
      this.killedByUs.add(bot);
      bot.child.kill('SIGTERM');
    }
    return Promise.all(running.map((bot) => bot.exited));
  }

  /** Last resort in `finally`: nothing is left running, temp folders are removed. */
  async dispose(): Promise<void> {
    for (const bot of this.bots) {
      if (bot?.running) {
        this.killedByUs.add(bot);
        bot.child.kill('SIGKILL');
      }
    }
    await Promise.all(this.bots.map((bot) => bot?.exited));
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }

  tails(): string {
    return this.bots.map((bot, i) => `--- bot ${i}\n${bot?.output.slice(-3_000) ?? ''}`).join('\n');
  }
}
