/**
 * Issue 6, "fast at scale": on real PostgreSQL with 100,000 answers the leaderboard query
 * reads the per-day aggregates (points_daily) through their indexes and never touches the
 * answers, their messages or the points ledger. Asserted from EXPLAIN (FORMAT JSON) of the
 * exact SQL and parameters `boardRows` runs, for a channel week, a workspace month, and all
 * time for the channel and the workspace; each board is also checked to equal the sums
 * recomputed from the ledger (the reference the leaderboard benchmark uses too).
 *
 * The volume is seeded set-based (generate_series, one INSERT ... SELECT per table) so the
 * whole file stays well under a minute on a 2-core machine. Skipped without TEST_DATABASE_URL.
 */
import { performance } from 'node:perf_hooks';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import {
  award,
  type BoardQuery,
  type BoardRow,
  boardQuery,
  boardRows,
  ledgerTotals,
} from '../../db/queries/points.ts';
import { rawRows } from '../../db/raw.ts';
import { localDay, periodRange } from '../../src/core/leaderboard-period.ts';
import { DAILY_FROM_LEDGER, ledgerBoard } from '../bench/support/board-reference.ts';
import { type MigratedDatabase, openMigrated, TEST_DATABASE_URL } from '../support/db.ts';

const WORKSPACE = 'slack:TPLAN';
const CHANNELS = 20;
const MEMBERS = 2_000;
const DAYS = 250; // one drill a day per channel: 20 x 250 = 5,000 drills
const ANSWERS_PER_DRILL = 20; // 5,000 x 20 = 100,000 answers
const SNAPSHOTS = 500;
const FIRST_DAY = '2025-06-02';
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];

/** Channel `c` (0-based) of the workspace; its zone is ZONES[c % 5]. */
const channelAt = (c: number) => `${WORKSPACE}:C${String(c).padStart(2, '0')}`;
const memberAt = (m: number) => `slack:UP${String(m).padStart(4, '0')}`;

/** The board's channel: America/New_York, so local days and UTC days disagree every evening. */
const CHANNEL = channelAt(2);
const CHANNEL_ZONE = 'America/New_York';
/** "Now" for the periods: a Wednesday in the middle of the seeded history. */
const NOW = new Date('2025-11-12T15:00:00Z');

/** Relations a board must never read: the raw material the aggregates summarise. */
const FORBIDDEN = ['answers', 'answer_messages', 'points_ledger'];
const AGGREGATE_INDEXES = ['points_daily_channel_day_idx', 'points_daily_workspace_day_idx'];
const INDEX_NODES = ['Index Scan', 'Index Only Scan', 'Bitmap Index Scan'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows'?: number;
  'Total Cost'?: number;
  Strategy?: string;
  Plans?: PlanNode[];
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

/** One line per node, indented by depth: what the report and a failing assertion show. */
function describePlan(node: PlanNode, depth = 0): string[] {
  const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  const using = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  const strategy = node.Strategy && node.Strategy !== 'Plain' ? ` (${node.Strategy})` : '';
  const line = `${'  '.repeat(depth)}${node['Node Type']}${strategy}${using}${on} (rows≈${node['Plan Rows']})`;
  return [line, ...(node.Plans ?? []).flatMap((child) => describePlan(child, depth + 1))];
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.info(`[board-plan] ${label}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

/** EXPLAIN (FORMAT JSON) of the very SQL text and parameters `boardRows` sends. */
async function explainBoard(db: Db, query: BoardQuery): Promise<PlanNode> {
  const built = boardQuery(db, query);
  const explain: SQL = sql`explain (format json) ${built.getSQL()}`;
  const rendered = new PgDialect().sqlToQuery(explain);
  const sent = built.toSQL();
  expect(rendered.sql).toBe(`explain (format json) ${sent.sql}`);
  expect(rendered.params).toEqual(sent.params);
  return planOf(await rawRows<{ 'QUERY PLAN': unknown }>(db, explain));
}

function planOf(rows: { 'QUERY PLAN': unknown }[]): PlanNode {
  const output = rows[0]?.['QUERY PLAN'];
  const parsed = (typeof output === 'string' ? JSON.parse(output) : output) as [{ Plan: PlanNode }];
  return parsed[0].Plan;
}

/** No answers, messages or ledger anywhere in the plan; the aggregates through `index`. */
function expectAggregatesOnly(plan: PlanNode, index: string | null): void {
  const nodes = flatten(plan);
  const shown = describePlan(plan).join('\n');
  const relations = nodes.flatMap((node) => node['Relation Name'] ?? []);
  for (const forbidden of FORBIDDEN) expect(relations, shown).not.toContain(forbidden);
  expect(relations, shown).toContain('points_daily');
  if (!index) return;
  const aggregateIndexReads = nodes.filter(
    (node) =>
      INDEX_NODES.includes(node['Node Type']) &&
      AGGREGATE_INDEXES.includes(node['Index Name'] ?? ''),
  );
  expect(
    aggregateIndexReads.map((node) => node['Index Name']),
    shown,
  ).toContain(index);
  const seqScans = nodes.filter(
    (node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'points_daily',
  );
  expect(seqScans, shown).toEqual([]);
}

/** A test value as an SQL literal (EXECUTE takes no bind parameters of its own here). */
const literal = (value: unknown) => `'${String(value).replaceAll("'", "''")}'`;

/**
 * The generic plan of the same SQL (planned without knowing the values). drizzle sends the
 * board as an unnamed statement today, planned with its values as EXPLAIN above is; were it
 * ever made a named prepared statement, PostgreSQL could switch to the generic plan after
 * five runs, so that plan is held to the same rule. Forced with plan_cache_mode.
 */
async function explainGeneric(db: Db, query: BoardQuery): Promise<PlanNode> {
  const sent = boardQuery(db, query).toSQL();
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
    await tx.execute(sql.raw(`prepare board_generic as ${sent.sql}`));
    try {
      const args = sent.params.length > 0 ? `(${sent.params.map(literal).join(', ')})` : '';
      return planOf(
        await rawRows(tx, sql.raw(`explain (format json) execute board_generic${args}`)),
      );
    } finally {
      await tx.execute(sql`deallocate board_generic`);
    }
  });
}

const asMap = (rows: BoardRow[]) => new Map(rows.map((row) => [row.memberId, row.points]));

async function count(db: Db, table: string): Promise<number> {
  const [row] = await rawRows<{ n: string }>(
    db,
    sql`select count(*)::text as n from ${sql.identifier(table)}`,
  );
  return Number(row?.n);
}

/**
 * Seeds one workspace, 20 channels in five zones, 2,000 members (every 97th opted out),
 * 500 question snapshots, 5,000 revealed drills, 100,000 answers with 120,000 messages, the
 * ledger rows scoring writes for them (participation 1, coverage 0..3, on-time answers only)
 * and the day aggregates summed from that ledger, in insertion order by time as in production.
 */
async function seed(db: Db): Promise<void> {
  const step = (label: string, query: SQL) => timed(`seed ${label}`, () => db.execute(query));
  const zones = sql.raw(`array[${ZONES.map((zone) => `'${zone}'`).join(', ')}]`);
  await step(
    'workspace, channels, members, snapshots',
    sql`
    with ws as (
      insert into workspaces (id, platform, name) values (${WORKSPACE}, 'slack', 'Plan test')
    ), ch as (
      insert into channels (id, workspace_id, name, zone)
      select ${WORKSPACE} || ':C' || lpad(c::text, 2, '0'), ${WORKSPACE}, 'drills-' || c,
             (${zones})[1 + c % ${ZONES.length}]
      from generate_series(0, ${CHANNELS - 1}) c
    ), mem as (
      insert into members (id, platform, display_name, opted_out_at)
      select 'slack:UP' || lpad(m::text, 4, '0'), 'slack', 'Member ' || m,
             case when m % 97 = 0 then timestamptz '2025-10-01 12:00Z' end
      from generate_series(0, ${MEMBERS - 1}) m
    )
    insert into question_snapshots (pack_id, question_id, content_hash, body)
    select 'ai-security-engineer', 'q-' || q, md5('q-' || q),
           jsonb_build_object(
             'id', 'q-' || q,
             'question', 'How would you defend an agent with tool access against injection ' || q || '?',
             'keyPoints', jsonb_build_array(
               jsonb_build_object('label', 'Untrusted input', 'terms', jsonb_build_array('untrusted')),
               jsonb_build_object('label', 'Least privilege', 'terms', jsonb_build_array('privilege')),
               jsonb_build_object('label', 'Human approval', 'terms', jsonb_build_array('approval')),
               jsonb_build_object('label', 'Audit log', 'terms', jsonb_build_array('audit'))),
             'tags', jsonb_build_array('prompt-injection', 'agents'))
    from generate_series(0, ${SNAPSHOTS - 1}) q`,
  );
  await step(
    'drills',
    sql`
    insert into drills (channel_id, snapshot_id, slot_at, trigger, status, attempts, message_ref,
                        posted_at, reveal_at, revealed_at, reveal_message_ref, scored_at)
    select c.id, s.id, slot, 'schedule', 'revealed', 1, c.id || ':q' || d,
           slot, slot + interval '8 hours', slot + interval '8 hours', c.id || ':r' || d,
           slot + interval '8 hours'
    from generate_series(0, ${DAYS - 1}) d
    cross join channels c
    cross join lateral (
      select ((${FIRST_DAY}::date + d) + time '09:00') at time zone c.zone as slot
    ) t
    join question_snapshots s on s.question_id = 'q-' || ((d * 7 + right(c.id, 2)::int) % ${SNAPSHOTS})
    order by slot`,
  );
  // 20 distinct members per drill out of 150: the channel's 100 "regulars" and the first 50 of
  // the next channel's (who so play in two channels). 37 is coprime with 100, so the day's
  // offset cycles and every one of the 150 answers now and then; 1 answer in 25 is late.
  await step(
    'answers',
    sql`
    insert into answers (drill_id, member_id, source, on_time, frozen_text, frozen_at, score,
                         points, created_at, updated_at)
    select d.id, 'slack:UP' || lpad(((right(d.channel_id, 2)::int * 100
                   + (day * 37 + k * 5) % 100 + 50 * (k % 2)) % ${MEMBERS})::text, 4, '0'),
           'thread', on_time,
           'Treat every retrieved document as untrusted input; '
             || repeat('scope the tool to least privilege, ask for approval and keep an audit log. ', 1 + k % 4),
           d.reveal_at,
           jsonb_build_object('ratio', cov / 4.0, 'covered', cov, 'flags', jsonb_build_array()),
           case when on_time then 1 + cov else 0 end,
           d.posted_at + k * interval '7 minutes', d.reveal_at
    from drills d
    join channels c on c.id = d.channel_id
    cross join lateral (select (d.slot_at at time zone c.zone)::date - ${FIRST_DAY}::date as day) t
    cross join generate_series(0, ${ANSWERS_PER_DRILL - 1}) k
    cross join lateral (select (day + k) % 25 <> 0 as on_time, (day * 3 + k * 7) % 4 as cov) x
    order by d.id, k`,
  );
  await step(
    'answer messages',
    sql`
    insert into answer_messages (answer_id, platform_message_id, text, late, sent_at, created_at)
    select a.id, d.channel_id || ':m' || a.id || '.' || n, a.frozen_text, not a.on_time,
           a.created_at + n * interval '1 minute', a.created_at + n * interval '1 minute'
    from answers a
    join drills d on d.id = a.drill_id
    cross join generate_series(1, case when a.id % 5 = 0 then 2 else 1 end) n
    order by a.id, n`,
  );
  await step(
    'points ledger',
    sql`
    insert into points_ledger (member_id, workspace_id, channel_id, drill_id, reason, points,
                               award_key, earned_at)
    select a.member_id, ${WORKSPACE}, d.channel_id, d.id, r.reason, r.points,
           'drill:' || d.id || ':' || a.member_id || ':' || r.reason, d.scored_at
    from answers a
    join drills d on d.id = a.drill_id
    cross join lateral (values ('participation', 1), ('coverage', a.points - 1)) r(reason, points)
    where a.on_time and r.points > 0
    order by d.scored_at, a.id, r.reason`,
  );
  await step('points_daily from the ledger', sql.raw(DAILY_FROM_LEDGER));
}

/**
 * A few vote points through the app's own `award` (ledger row plus aggregate upsert), around
 * the week's edges in New York: 23:30 local on Sunday 16 Nov is Monday in UTC but still this
 * week; 23:45 on Sunday 9 Nov is Monday 10 Nov in UTC but last week.
 */
const EDGE_AWARDS = [
  { member: memberAt(200), at: '2025-11-17T04:30:00Z', points: 2 },
  { member: memberAt(201), at: '2025-11-10T05:15:00Z', points: 1 },
  { member: memberAt(202), at: '2025-11-10T04:45:00Z', points: 3 },
] as const;

async function awardAtEdges(db: Db): Promise<void> {
  const [drill] = await rawRows<{ id: string }>(
    db,
    sql`select id::text from drills where channel_id = ${CHANNEL} order by slot_at limit 1`,
  );
  for (const [index, edge] of EDGE_AWARDS.entries()) {
    const earnedAt = new Date(edge.at);
    await award(db, {
      memberId: edge.member,
      workspaceId: WORKSPACE,
      channelId: CHANNEL,
      drillId: Number(drill?.id),
      reason: 'votes',
      points: edge.points,
      awardKey: `plan-test:${index}:votes`,
      earnedAt,
      day: localDay(earnedAt, CHANNEL_ZONE),
    });
  }
}

describe.skipIf(!TEST_DATABASE_URL)('board query plan on PostgreSQL with 100,000 answers', () => {
  let opened: MigratedDatabase | undefined;
  const db = (): Db => {
    if (!opened) throw new Error('database not open');
    return opened.handle.db;
  };

  beforeAll(async () => {
    opened = await timed('create and migrate database', () => openMigrated('postgres'));
    const started = performance.now();
    await seed(db());
    await awardAtEdges(db());
    // VACUUM as well as ANALYZE: autovacuum (insert-triggered since PostgreSQL 13) keeps the
    // visibility map of these insert-mostly tables set in production; a bare ANALYZE after a
    // bulk load leaves every page "not all-visible", a state a live database is never in.
    await timed('vacuum (analyze)', () =>
      db().execute(
        sql`vacuum (analyze) workspaces, channels, members, question_snapshots, drills, answers,
            answer_messages, points_ledger, points_daily`,
      ),
    );
    console.info(`[board-plan] seeding total: ${Math.round(performance.now() - started)} ms`);
  }, 180_000);

  afterAll(async () => {
    await opened?.dispose();
  });

  it('seeded the volume the issue names', async () => {
    const tables = ['channels', 'members', 'drills', 'answers', 'answer_messages'] as const;
    const more = ['points_ledger', 'points_daily'] as const;
    const rows = Object.fromEntries(
      await Promise.all(
        [...tables, ...more].map(async (table) => [table, await count(db(), table)]),
      ),
    ) as Record<(typeof tables)[number] | (typeof more)[number], number>;
    console.info(`[board-plan] rows: ${JSON.stringify(rows)}`);
    expect(rows.channels).toBe(CHANNELS);
    expect(rows.members).toBe(MEMBERS);
    expect(rows.drills).toBe(CHANNELS * DAYS);
    expect(rows.answers).toBe(CHANNELS * DAYS * ANSWERS_PER_DRILL);
    expect(rows.answer_messages).toBe(120_000);
    expect(rows.points_ledger).toBeGreaterThan(150_000);
    expect(rows.points_daily).toBeGreaterThan(90_000);
  });

  const week = periodRange('week', NOW, CHANNEL_ZONE);
  const month = periodRange('month', NOW, CHANNEL_ZONE);
  const cases: {
    name: string;
    query: BoardQuery;
    /** The aggregate index the plan must read points_daily through; null: any access path. */
    index: string | null;
  }[] = [
    {
      name: `channel, week ${week.from}..${week.to}`,
      query: { scope: { channelId: CHANNEL }, from: week.from, to: week.to },
      index: 'points_daily_channel_day_idx',
    },
    {
      name: `workspace, month ${month.from}..${month.to}`,
      query: { scope: { workspaceId: WORKSPACE }, from: month.from, to: month.to },
      index: 'points_daily_workspace_day_idx',
    },
    {
      name: 'channel, all time',
      query: { scope: { channelId: CHANNEL }, from: null, to: null },
      index: 'points_daily_channel_day_idx',
    },
    // All time over the only workspace in the database: `workspace_id = $1` keeps every
    // points_daily row and there is no day bound, so reading the whole aggregate table
    // (sequentially, or index-only) is the right plan and no index can do better. What is
    // asserted is that it reads the aggregates, never answers or the ledger. (With many
    // workspaces the equality becomes selective and the workspace index applies.)
    {
      name: 'workspace, all time',
      query: { scope: { workspaceId: WORKSPACE }, from: null, to: null },
      index: null,
    },
  ];

  it('the plan walker sees a scan of the ledger when a query has one', async () => {
    const plan = planOf(
      await rawRows(
        db(),
        sql`explain (format json) select member_id, sum(points) from points_ledger group by 1`,
      ),
    );
    expect(flatten(plan).flatMap((node) => node['Relation Name'] ?? [])).toContain('points_ledger');
  });

  for (const { name, query, index } of cases) {
    it(`reads only the day aggregates: ${name}`, async () => {
      const plan = await timed(`explain ${name}`, () => explainBoard(db(), query));
      console.info(`[board-plan] plan for ${name}:\n${describePlan(plan).join('\n')}`);
      expectAggregatesOnly(plan, index);

      const generic = await timed(`explain generic ${name}`, () => explainGeneric(db(), query));
      console.info(`[board-plan] generic plan for ${name}:\n${describePlan(generic).join('\n')}`);
      expectAggregatesOnly(generic, index);

      const rows = await timed(`board ${name}`, () => boardRows(db(), query));
      expect(rows.length).toBeGreaterThan(0);
      expect(asMap(rows)).toEqual(asMap(await ledgerBoard(db(), query)));
      expect(rows.map((row) => row.points)).toEqual(
        [...rows.map((row) => row.points)].sort((a, b) => b - a),
      );
    });
  }

  it('matches the ledger exactly, counting each point on its local day in the channel', async () => {
    const weekQuery: BoardQuery = { scope: { channelId: CHANNEL }, from: week.from, to: week.to };
    expect(week.from).toBe('2025-11-10');
    const board = asMap(await boardRows(db(), weekQuery));
    // The seeded points alone, from the ledger, without the three awards made through `award`.
    const seeded = await rawRows<{ member_id: string; total: string }>(
      db(),
      sql`select l.member_id, sum(l.points)::text as total
          from points_ledger l join channels c on c.id = l.channel_id
          where l.channel_id = ${CHANNEL} and l.award_key not like 'plan-test:%'
            and (l.earned_at at time zone c.zone)::date >= ${week.from}::date
            and (l.earned_at at time zone c.zone)::date < ${week.to}::date
          group by l.member_id`,
    );
    const base = new Map(seeded.map((row) => [row.member_id, Number(row.total)]));
    const [inside, early, outside] = EDGE_AWARDS;
    // Sunday 23:30 and Monday 00:15 in New York count this week; Sunday 9 Nov 23:45 does not,
    // though it is already Monday 10 Nov in UTC.
    expect(board.get(inside.member)).toBe((base.get(inside.member) ?? 0) + inside.points);
    expect(board.get(early.member)).toBe((base.get(early.member) ?? 0) + early.points);
    expect(board.get(outside.member) ?? 0).toBe(base.get(outside.member) ?? 0);

    // All time, workspace-wide: the board equals the ledger's totals member by member.
    const few = [...EDGE_AWARDS.map((edge) => edge.member), memberAt(1), memberAt(1_234)];
    const optedOut = memberAt(97);
    const all = asMap(
      await boardRows(db(), { scope: { workspaceId: WORKSPACE }, from: null, to: null }),
    );
    const totals = await ledgerTotals(db(), [...few, optedOut]);
    for (const member of few) {
      expect(totals.get(member), member).toBeGreaterThan(0);
      expect(all.get(member), member).toBe(totals.get(member));
    }
    expect(totals.get(optedOut)).toBeGreaterThan(0);
    expect(all.has(optedOut)).toBe(false);
  });
});
