/**
 * The members of a chaos run: a steady stream of thread replies to whichever drills are
 * open, on both platforms, each recorded for the audit. Open drills are read from the
 * database (what the bot posted), the way a member sees a question appear.
 */
import type postgres from 'postgres';
import type { ChaosPlatforms, SentReply } from './platforms.ts';
import { type ChaosChannel, DISCORD_MEMBERS, SLACK_MEMBERS } from './world.ts';

interface OpenDrill {
  id: number;
  channelId: string;
  messageRef: string;
  revealAt: Date;
}

const ANSWERS = [
  'Treat retrieved documents as untrusted input: keep them out of the instruction channel and require approval before any tool call.',
  'Rate-limit and monitor the API for extraction patterns, watermark outputs, and restrict logprobs.',
  'Pin model artefacts by hash, sign them, scan pickles, and load weights with safetensors only.',
  'Red-team with a written scope, log every prompt, and report findings with reproduction steps.',
  'Validate training data provenance, look for poisoned clusters, and keep a clean holdout set.',
];

/** Leave this long before the reveal, so replies are on time rather than late. */
const BEFORE_REVEAL_MS = 1_500;

export class ReplyDriver {
  readonly sent: SentReply[] = [];
  failures = 0;
  private drills: OpenDrill[] = [];
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly byCore: Map<string, ChaosChannel>;

  private readonly sql: postgres.Sql;
  private readonly platforms: ChaosPlatforms;

  constructor(sql: postgres.Sql, platforms: ChaosPlatforms, channels: readonly ChaosChannel[]) {
    this.sql = sql;
    this.platforms = platforms;
    this.byCore = new Map(channels.map((channel) => [channel.core, channel]));
  }

  /** Sends one reply every `everyMs` until `stop`. */
  start(everyMs: number): void {
    this.running = true;
    void this.refreshLoop();
    void this.sendLoop(everyMs);
  }

  private async refreshLoop(): Promise<void> {
    while (this.running) {
      try {
        const rows = await this.sql<
          { id: string; channel_id: string; message_ref: string; reveal_at: Date }[]
        >`
          select id, channel_id, message_ref, reveal_at from drills
          where status = 'open' and message_ref is not null and mode = 'thread'`;
        this.drills = rows.map((row) => ({
          id: Number(row.id),
          channelId: row.channel_id,
          messageRef: row.message_ref,
          revealAt: row.reveal_at,
        }));
      } catch {
        // The database is being restarted: keep the last list.
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  private async sendLoop(everyMs: number): Promise<void> {
    let n = 0;
    while (this.running) {
      const now = Date.now();
      const open = this.drills.filter((d) => d.revealAt.getTime() - now > BEFORE_REVEAL_MS);
      const drill = open[n % Math.max(open.length, 1)];
      if (drill) {
        const task = this.send(drill, n).finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      }
      n += 1;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  private async send(drill: OpenDrill, n: number): Promise<void> {
    const channel = this.byCore.get(drill.channelId);
    if (!channel) return;
    const members = channel.platform === 'slack' ? SLACK_MEMBERS : DISCORD_MEMBERS;
    const member = members[n % members.length] as string;
    // The thread is the question's own message: its platform id is the ref's last part.
    const threadId = drill.messageRef.split(':').at(-1) as string;
    const text = `${ANSWERS[n % ANSWERS.length]} (#${n})`;
    try {
      this.sent.push(await this.platforms.reply(channel, drill.id, threadId, member, text));
    } catch {
      // The fake refused (a control call during shutdown); nothing was delivered.
      this.failures += 1;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all([...this.inFlight]);
  }
}
