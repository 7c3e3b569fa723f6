/**
 * Invalid schedules, zones and durations, as an admin would type them after `/drill`. Each
 * must be refused with an answer that names the bad value and the accepted form, and change
 * nothing: the channel keeps the settings it had.
 *
 * `discord` is the same command as Discord's native options carry it. Slack shows a `*`
 * from text as `∗` (the escaper's look-alike, so it cannot start bold) and Discord as `\*`,
 * hence `\\?[*∗]`.
 */
export interface ScheduleCase {
  id: string;
  slack: string;
  discord: { subcommand: string; values: Record<string, string> };
  /** The answer: the bad value quoted, and the fix. */
  answer: RegExp;
}

const schedule = (when: string, zone?: string): ScheduleCase['discord'] => ({
  subcommand: 'schedule',
  values: zone === undefined ? { when } : { when, zone },
});

export const SCHEDULE_CASES: readonly ScheduleCase[] = [
  {
    id: 'garbage',
    slack: 'schedule every day at nine',
    discord: schedule('every day at nine'),
    answer: /"every day at nine" is not a schedule: use weekdays HH:MM, daily HH:MM/,
  },
  {
    id: 'seven-fields',
    slack: 'schedule * * * * * * *',
    discord: schedule('* * * * * * *'),
    answer: /"(?:\\?[*∗] ){6}\\?[*∗]" has 7 fields: a cron expression has 5 or 6/,
  },
  {
    id: 'mars-zone',
    slack: 'schedule 0 9 * * 1-5 Mars/Olympus',
    discord: schedule('0 9 * * 1-5', 'Mars/Olympus'),
    answer: /"Mars\/Olympus" is not a time zone: use an IANA name such as Europe\/London or UTC/,
  },
  {
    id: 'utc-plus-25',
    slack: 'schedule weekdays 09:00 UTC+25',
    discord: schedule('weekdays 09:00', 'UTC+25'),
    answer: /"UTC\+25" is not a time zone: use an IANA name/,
  },
  {
    id: 'huge-minute',
    slack: 'schedule 99999999999 9 * * *',
    discord: schedule('99999999999 9 * * *'),
    answer: /minute 99999999999 is out of range 0-59 \(fields are minute hour/,
  },
  {
    id: 'huge-hour',
    slack: `schedule 0 ${'9'.repeat(30)} * * *`,
    discord: schedule(`0 ${'9'.repeat(30)} * * *`),
    answer: /hour 9{30} is out of range 0-23/,
  },
  {
    id: 'huge-time',
    slack: 'schedule daily 9:999999999999',
    discord: schedule('daily 9:999999999999'),
    answer: /"9:999999999999" is not a time: use HH:MM from 00:00 to 23:59/,
  },
  {
    id: 'out-of-range-fields',
    slack: 'schedule 0 9 32 13 8',
    discord: schedule('0 9 32 13 8'),
    answer: /day-of-month 32 is out of range 1-31/,
  },
  {
    id: 'zero-step',
    slack: 'schedule */0 * * * *',
    discord: schedule('*/0 * * * *'),
    answer: /"\\?[*∗]\/0(?: \\?[*∗]){4}" is not a valid cron expression/,
  },
  {
    id: 'zone-mars',
    slack: 'zone Mars/Olympus',
    discord: { subcommand: 'schedule', values: { zone: 'Mars/Olympus' } },
    answer: /"Mars\/Olympus" is not a time zone: use an IANA name/,
  },
  {
    id: 'zone-utc-plus-25',
    slack: 'zone UTC+25',
    discord: { subcommand: 'schedule', values: { zone: 'UTC+25' } },
    answer: /"UTC\+25" is not a time zone/,
  },
  {
    id: 'zone-huge-number',
    slack: `zone ${'9'.repeat(30)}`,
    discord: { subcommand: 'schedule', values: { zone: '9'.repeat(30) } },
    answer: /"9{30}" is not a time zone/,
  },
  {
    id: 'zone-path',
    slack: 'zone ../../etc/passwd',
    discord: { subcommand: 'schedule', values: { zone: '../../etc/passwd' } },
    answer: /"\.\.\/\.\.\/etc\/passwd" is not a time zone/,
  },
  {
    id: 'window-huge',
    slack: `window ${'9'.repeat(25)}d`,
    discord: { subcommand: 'window', values: { duration: `${'9'.repeat(25)}d` } },
    answer: /"9{25}d" is not a duration: use a number and a unit, from 10s to 7d/,
  },
  {
    id: 'remind-huge',
    slack: 'remind 9999999d',
    discord: { subcommand: 'window', values: { remind: '9999999d' } },
    answer: /"9999999d" is not a duration or off/,
  },
];
