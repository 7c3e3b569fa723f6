/**
 * Seeds the leaderboard benchmark's PostgreSQL database: one Slack workspace with 1,000
 * channels in five zones, 10,000 members (every 97th opted out part-way through), 100
 * weekday drills per channel (20 weeks up to "now"), 10 answers per drill: 1,000,000
 * answers with their messages and votes, and what scoring writes for them at each reveal,
 * as src/core/drill-scoring.ts writes it: answers frozen with their score and points, the
 * points ledger (participation, coverage, votes, streak bonus; one row per reason, award key
 * and all, earned at the reveal), the per-day aggregates keyed by the local day in the
 * channel's zone, the workspace's week, month and all-time rollup of those days, and the
 * per-member streak statistics.
 *
 * Set-based (generate_series, one INSERT ... SELECT per table, from a plan table computed
 * once), with foreign-key triggers off while loading (the rows are consistent by
 * construction) and the secondary indexes built after the load rather than row by row.
 *
 * Who answers: each channel has a roster of 30 members (so every member plays in three
 * channels). Five regulars answer every drill and miss one in 13 (a late reply breaks the
 * streak, so streaks reach 12 and earn the 5 and 10 bonuses); five more answers come from the
 * other 25, each answering one drill in five. One regular's answer in four drills gets two
 * peer votes. Coverage varies over 0..6 of six key points.
 */
import type postgres from 'postgres';
import { DAILY_FROM_LEDGER } from './board-reference.ts';

export const WORKSPACE = 'slack:TBOARD';
export const CHANNELS = 1_000;
export const MEMBERS = 10_000;
export const DRILLS_PER_CHANNEL = 100;
export const ANSWERS_PER_DRILL = 10;
export const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Pacific/Auckland',
] as const;
/** Monday of the first drill week; the 20th week is the one "now" falls in. */
const FIRST_MONDAY = '2025-12-29';
/** Saturday of the last week: every drill of that week is revealed in every zone. */
export const NOW = new Date('2026-05-16T10:00:00Z');
/** When the opted-out members opted out: their earlier points stay in the ledger. */
const OPTED_OUT_AT = '2026-03-01T12:00:00Z';
const ROSTER = 30;
const REGULARS = 5;

export const channelAt = (c: number) => `${WORKSPACE}:C${String(c).padStart(4, '0')}`;
export const channelZone = (c: number) => ZONES[c % ZONES.length] ?? 'UTC';
/** A member of channel `c`'s roster who answers one drill in five. */
export const memberOf = (c: number) => `slack:UB${String((c * 10 + 7) % MEMBERS).padStart(5, '0')}`;

const zonesArray = `array[${ZONES.map((zone) => `'${zone}'`).join(', ')}]`;

/** Answer texts by the number of key points they cover (0..6), as members write them. */
const TEXTS = [
  'Honestly I would ask the team what they already do and build from there.',
  'Start with an inventory of what we have, then threat model the riskiest part first.',
  'Threat model it, apply least privilege to every service account and tool, and log it all.',
  'Least privilege, input validation at every trust boundary, and audit logging with alerts on anomalies.',
  'Least privilege, validation at trust boundaries, audit logs, rate limits, and a kill switch we have tested.',
  'Inventory, threat model, least privilege, validation at trust boundaries, audit logging, and a tested rollback plan.',
  'Inventory first, then threat model, least privilege, validation, audit logging, rate limits and an incident runbook we rehearse.',
];
const textsArray = `array[${TEXTS.map((text) => `'${text.replaceAll("'", "''")}'`).join(', ')}]`;
const KEY_POINTS = `array['inventory','threat-model','least-privilege','validation','audit-log','response']`;

export interface SeedStep {
  label: string;
  sql: string;
}

/** The plan: one row per answer, with everything scoring derives for it. */
const PLAN = `
create unlogged table bench_answer_plan as
with answered as (
  select d.id as drill_id, d.channel_id, ch.n as c, dd.d, k, d.slot_at, d.reveal_at,
         (ch.n * 10 + jj.j) % ${MEMBERS} as m, jj.j,
         case when k < ${REGULARS} then (dd.d + jj.j + ch.n) % 13 = 0
              else (dd.d + ch.n + k) % 25 = 0 end as late,
         (dd.d * 3 + k * 7 + ch.n) % 7 as cov
  from drills d
  join (select id, right(id, 4)::int as n from channels) ch on ch.id = d.channel_id
  cross join lateral (select substring(d.message_ref from ':q([0-9]+)$')::int as d) dd
  cross join generate_series(0, ${ANSWERS_PER_DRILL - 1}) k
  cross join lateral (
    select case when k < ${REGULARS} then k
                else ${REGULARS} + (dd.d * 2 + (k - ${REGULARS}) * 5) % ${ROSTER - REGULARS} end as j
  ) jj
), scored as (
  select a.*, 'slack:UB' || lpad(a.m::text, 5, '0') as member_id,
         not a.late and (a.m % 97 <> 0 or a.reveal_at < timestamptz '${OPTED_OUT_AT}') as earns,
         k = 0 and (a.d + a.c) % 4 = 0 as voted
  from answered a
), islands as (
  select s.*, case when earns then s.d - row_number() over (
           partition by s.channel_id, s.member_id, s.earns order by s.d) end as island
  from scored s
)
select i.*,
       case when earns then i.d - min(i.d) over (partition by i.channel_id, i.member_id, i.island) + 1
       end as streak,
       case when i.cov >= 5 then 3 when i.cov >= 3 then 2 when i.cov >= 1 then 1 else 0 end
         as cov_points
from islands i`;

const PLAN_POINTS = `
create unlogged table bench_points_plan as
select p.*,
       case when earns then 1 else 0 end as p_participation,
       case when earns then cov_points else 0 end as p_coverage,
       case when earns and voted then 1 else 0 end as p_votes,
       case when not earns then 0 when streak = 5 then 1 when streak = 10 then 2
            when streak >= 20 and streak % 10 = 0 then 3 else 0 end as p_bonus,
       case when k % 5 = 4 then 2 else 1 end as messages,
       (${textsArray})[1 + cov] as text
from bench_answer_plan p`;

const ANSWERS = `
insert into answers (drill_id, member_id, source, on_time, frozen_text, frozen_at, score, points,
                     created_at, updated_at)
select drill_id, member_id, 'thread', not late,
       case when late then '' when messages = 2 then text || chr(10) || text else text end,
       reveal_at,
       jsonb_build_object(
         'covered', to_jsonb(case when late then array[]::text[] else (${KEY_POINTS})[1:cov] end),
         'missed', to_jsonb(case when late then ${KEY_POINTS} else (${KEY_POINTS})[cov + 1:6] end),
         'ratio', case when late then 0 else round(cov / 6.0, 4) end,
         'mistakeMarkers', '[]'::jsonb, 'flags', '[]'::jsonb,
         'points', jsonb_build_object('participation', p_participation, 'coverage', p_coverage,
                                      'votes', p_votes, 'streakBonus', p_bonus))
         || case when streak is null then '{}'::jsonb else jsonb_build_object('streak', streak) end,
       p_participation + p_coverage + p_votes + p_bonus,
       slot_at + (k + 1) * interval '7 minutes', reveal_at
from bench_points_plan
order by drill_id, k`;

const MESSAGES = `
insert into answer_messages (answer_id, platform_message_id, text, late, sent_at, created_at)
select a.id, p.channel_id || ':a' || a.id || '.' || n, p.text, p.late, t.sent, t.sent
from bench_points_plan p
join answers a on a.drill_id = p.drill_id and a.member_id = p.member_id
cross join generate_series(1, p.messages) n
cross join lateral (
  select case when p.late then p.reveal_at + (p.k + n) * interval '3 minutes'
              else a.created_at + (n - 1) * interval '1 minute' end as sent
) t
order by a.id, n`;

const VOTES = `
insert into votes (answer_id, voter_id, created_at)
select a.id, v.member_id, a.created_at + interval '1 hour'
from bench_points_plan p
join answers a on a.drill_id = p.drill_id and a.member_id = p.member_id
join bench_points_plan v on v.drill_id = p.drill_id and v.k in (1, 2)
where p.voted
order by a.id, v.k`;

const REACTIONS = `
insert into vote_reactions (vote_id, platform_message_id, emoji, created_at)
select v.id, m.platform_message_id, '+1', v.created_at
from votes v
join answer_messages m on m.answer_id = v.answer_id and m.platform_message_id like '%.1'
order by v.id`;

const LEDGER = `
insert into points_ledger (member_id, workspace_id, channel_id, drill_id, reason, points,
                           award_key, earned_at)
select p.member_id, '${WORKSPACE}', p.channel_id, p.drill_id, r.reason, r.points,
       'drill:' || p.drill_id || ':' || p.member_id || ':' || r.reason, p.reveal_at
from bench_points_plan p
cross join lateral (values (1, 'participation', p_participation), (2, 'coverage', p_coverage),
                           (3, 'votes', p_votes), (4, 'streak_bonus', p_bonus))
  r(ord, reason, points)
where r.points > 0
order by p.reveal_at, p.drill_id, p.k, r.ord`;

/** As `award` keeps it: per workspace and member, the week's, month's and all-time sums. */
const ROLLUP = `
insert into points_rollup (workspace_id, period, period_start, member_id, points)
select d.workspace_id, p.period,
       case p.period when 'week' then d.day - (extract(isodow from d.day)::int - 1)
                     when 'month' then d.day - (extract(day from d.day)::int - 1)
                     else date '0001-01-01' end,
       d.member_id, sum(d.points)
from points_daily d
cross join (values ('week'), ('month'), ('all')) p(period)
group by 1, 2, 3, 4
order by 1, 2, 3, 4`;

const STATS = `
insert into member_channel_stats (member_id, channel_id, current_streak, longest_streak, answered,
                                  coverage_sum, last_answered_at)
select member_id, channel_id,
       coalesce(max(streak) filter (where d = ${DRILLS_PER_CHANNEL - 1}), 0), max(streak),
       count(*), sum(cov / 6.0)::real, max(reveal_at)
from bench_answer_plan
where earns
group by member_id, channel_id`;

/** Every step, in order; `snapshots` are the question snapshot ids drills ask. */
export function seedSteps(snapshots: readonly number[]): SeedStep[] {
  if (snapshots.length === 0) throw new Error('no question snapshots to drill');
  return [
    {
      label: 'workspace, channels, members',
      sql: `
      with ws as (
        insert into workspaces (id, platform, name) values ('${WORKSPACE}', 'slack', 'Bench')
      ), ch as (
        insert into channels (id, workspace_id, name, zone, schedule_text, cron, next_run_at,
                              rotation_seed)
        select '${WORKSPACE}:C' || lpad(c::text, 4, '0'), '${WORKSPACE}', 'drills-' || c,
               (${zonesArray})[1 + c % ${ZONES.length}], 'weekdays 09:00', '0 9 * * 1-5',
               (date '2026-05-18' + time '09:00') at time zone (${zonesArray})[1 + c % ${ZONES.length}],
               c
        from generate_series(0, ${CHANNELS - 1}) c
      )
      insert into members (id, platform, display_name, opted_out_at)
      select 'slack:UB' || lpad(m::text, 5, '0'), 'slack', 'Member ' || m,
             case when m % 97 = 0 then timestamptz '${OPTED_OUT_AT}' end
      from generate_series(0, ${MEMBERS - 1}) m`,
    },
    {
      label: 'drills',
      sql: `
      insert into drills (channel_id, snapshot_id, slot_at, trigger, status, attempts, message_ref,
                          posted_at, reveal_at, revealed_at, reveal_message_ref, scored_at,
                          created_at, updated_at)
      select c.id, (array[${snapshots.join(',')}])[1 + (right(c.id, 4)::int + d) % ${snapshots.length}],
             t.slot, 'schedule', 'revealed', 1, c.id || ':q' || d, t.slot,
             t.slot + interval '8 hours', t.slot + interval '8 hours', c.id || ':r' || d,
             t.slot + interval '8 hours', t.slot, t.slot + interval '8 hours'
      from channels c
      cross join generate_series(0, ${DRILLS_PER_CHANNEL - 1}) d
      cross join lateral (
        select ((date '${FIRST_MONDAY}' + (d / 5) * 7 + d % 5) + time '09:00') at time zone c.zone
          as slot
      ) t
      order by t.slot`,
    },
    { label: 'answer plan (who, when, coverage, streaks)', sql: PLAN },
    { label: 'points plan', sql: PLAN_POINTS },
    { label: 'answers', sql: ANSWERS },
    { label: 'answer messages', sql: MESSAGES },
    { label: 'votes', sql: VOTES },
    { label: 'vote reactions', sql: REACTIONS },
    { label: 'points ledger', sql: LEDGER },
    { label: 'points_daily from the ledger', sql: DAILY_FROM_LEDGER },
    { label: 'points_rollup from the days', sql: ROLLUP },
    { label: 'member_channel_stats', sql: STATS },
    { label: 'drop the plan', sql: 'drop table bench_answer_plan, bench_points_plan' },
  ];
}

/** Tables the seed fills (for VACUUM ANALYZE and the index rebuild). */
export const SEEDED_TABLES = [
  'workspaces',
  'channels',
  'members',
  'drills',
  'answers',
  'answer_messages',
  'votes',
  'vote_reactions',
  'points_ledger',
  'points_daily',
  'points_rollup',
  'member_channel_stats',
] as const;

/**
 * Runs the steps on `sql`, a client with ONE connection (the session settings must hold for
 * all of them):
 * foreign-key triggers off, secondary indexes dropped and rebuilt after the load (building
 * an index once is several times faster than maintaining it row by row).
 */
export async function seedBoards(
  sql: postgres.Sql,
  snapshots: readonly number[],
  log: (line: string) => void,
): Promise<void> {
  const tables = SEEDED_TABLES.map((table) => `'${table}'`).join(', ');
  const indexes = await sql.unsafe<{ name: string; definition: string }[]>(`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    where i.schemaname = 'public' and i.tablename in (${tables})
      and not exists (select from pg_constraint k where k.conname = i.indexname)`);
  await sql.unsafe(`set session_replication_role = replica`);
  await sql.unsafe(`set maintenance_work_mem = '512MB'`);
  await sql.unsafe(`set work_mem = '256MB'`);
  for (const index of indexes) await sql.unsafe(`drop index ${index.name}`);
  for (const step of seedSteps(snapshots)) {
    const started = performance.now();
    await sql.unsafe(step.sql);
    log(`seed ${step.label}: ${Math.round(performance.now() - started)} ms`);
  }
  const started = performance.now();
  for (const index of indexes) await sql.unsafe(index.definition);
  log(`seed rebuild ${indexes.length} indexes: ${Math.round(performance.now() - started)} ms`);
  await sql.unsafe(`set session_replication_role = origin`);
}
