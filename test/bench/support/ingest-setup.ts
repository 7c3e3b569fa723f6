/**
 * The engine the ingest benchmark drives, built as test/support/engine.ts builds it (real
 * packs, FakePlatform, fake clock) over a benchmark database, with open drills to answer,
 * and the answers themselves: each a thread reply from a member new to the drill, with a
 * realistic text, in channels taken round-robin.
 */
import { inArray } from 'drizzle-orm';
import { answerMessages, drills } from '../../../db/schema.ts';
import type { ThreadReplyEvent } from '../../../src/core/platform.ts';
import { Driver } from '../../support/drive.ts';
import { buildEngine, type TestEngine } from '../../support/engine.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakePlatform } from '../../support/fake-platform.ts';
import { bundledQuestions, drillAnswers } from './answer-texts.ts';
import type { BenchDatabase } from './bench-db.ts';

const ADMIN = 'slack:UADMIN';
const WORKSPACE = 'slack:TBENCH';
const CHANNELS = 4;
const START = Date.parse('2026-03-02T08:00:00Z');

export interface OpenDrill {
  id: number;
  channel: string;
  root: string;
}

/** What makes one answer unique: exactly the values that reach its SQL parameters. */
export interface AnswerFields {
  [field: string]: string | number;
  eventId: string;
  at: string;
  root: string;
  drillId: number;
  member: string;
  memberName: string;
  message: string;
  text: string;
}

export interface IngestRig {
  engine: TestEngine;
  platform: FakePlatform;
  drills: OpenDrill[];
  texts: string[];
}

export async function buildIngestRig(database: BenchDatabase): Promise<IngestRig> {
  const clock = new FakeClock(new Date(START));
  const platform = new FakePlatform('slack');
  platform.platformAdmins.add(ADMIN);
  const engine = await buildEngine({ db: database.db, clock, platform });
  const drive = new Driver(platform, clock);
  const channels = Array.from({ length: CHANNELS }, (_, c) => `${WORKSPACE}:C${c}`);
  for (const channel of channels) {
    await drive.command(channel, ADMIN, 'schedule daily 09:00 UTC');
    const posted = await drive.command(channel, ADMIN, 'now');
    if (!posted.includes('posted')) throw new Error(`no drill in ${channel}: ${posted}`);
  }
  const roots = platform.questions().map((post) => post.ref);
  const rows = await database.handle.db
    .select({ id: drills.id, channel: drills.channelId, root: drills.messageRef })
    .from(drills)
    .where(inArray(drills.messageRef, roots));
  const open = rows.flatMap((row) => (row.root ? [{ ...row, root: row.root }] : []));
  if (open.length !== CHANNELS) throw new Error(`expected ${CHANNELS} open drills`);
  const questions = await bundledQuestions();
  const texts = questions.slice(0, 12).flatMap((question, q) => drillAnswers(question, 20, q + 1));
  return { engine, platform, drills: open, texts };
}

/** Answer `index` of one side ('E' engine, 'R' reference): ids never shared between sides. */
export function answerFields(rig: IngestRig, side: 'E' | 'R', index: number): AnswerFields {
  const drill = rig.drills[index % rig.drills.length];
  const text = rig.texts[index % rig.texts.length];
  if (!drill || text === undefined) throw new Error('rig has no drills or texts');
  const id = `${side}${String(index).padStart(6, '0')}`;
  return {
    eventId: `slack:Ev${id}`,
    // A millisecond apart, within the drill's window: every answer is on time.
    at: new Date(START + 1_000 + index).toISOString(),
    root: drill.root,
    drillId: drill.id,
    member: `slack:U${id}`,
    memberName: `U${id}`,
    message: `${drill.channel}:${id}`,
    text,
  };
}

export function replyEvent(rig: IngestRig, fields: AnswerFields): ThreadReplyEvent {
  const channel = rig.drills.find((drill) => drill.id === fields.drillId)?.channel ?? '';
  return {
    type: 'thread_reply',
    eventId: fields.eventId,
    channel,
    at: new Date(fields.at),
    root: fields.root,
    message: fields.message,
    member: fields.member,
    memberName: fields.memberName,
    text: fields.text,
  };
}

/** The answer id each message was stored under (what the engine's RETURNING gave it). */
export async function answerIdsOf(
  database: BenchDatabase,
  messages: readonly string[],
): Promise<Map<string, number>> {
  const rows = await database.handle.db
    .select({ message: answerMessages.platformMessageId, answerId: answerMessages.answerId })
    .from(answerMessages)
    .where(inArray(answerMessages.platformMessageId, [...messages]));
  return new Map(rows.map((row) => [row.message, row.answerId]));
}
