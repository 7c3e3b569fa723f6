/**
 * The hostile-input table: one row per nasty string, fed to every inbound path (thread
 * replies, `/drill` commands, modal submissions, content packs) on both platforms. Each row
 * says what the adapter must store for it: the text as typed, the text made storable (NUL
 * removed, a lone surrogate replaced), or nothing at all (a silent drop: text longer than the
 * platform can send is malformed, so it is acknowledged and never stored).
 */
import type { PlatformName } from '../../src/core/ids.ts';

export type ChatPlatform = Exclude<PlatformName, 'console'>;

export interface HostileCase {
  /** Short, unique, used in test names. */
  id: string;
  /** What the member typed, as the platform delivers it (Slack markup included). */
  text: string;
  /**
   * What the adapter stores: omitted means `text` itself; `null` means dropped. Per platform
   * where they differ.
   */
  stored?: string | null | Partial<Record<ChatPlatform, string | null>>;
  /**
   * A fragment of the text that any echo of it (export, reveal, error) still shows exactly
   * once escaped: proof the echo happened, while the ping checks prove it was made inert.
   */
  probe: string;
}

/** A role id shaped like a real Discord snowflake, and user ids on both platforms. */
export const VICTIM_ROLE = '987654321098765432';
export const VICTIM_DISCORD_USER = '123456789012345678';
export const VICTIM_SLACK_USER = 'U0VICTIM01';

/** Longer than Discord's 2,000-character message, Slack's 40,000, and anything either sends. */
function sized(length: number): string {
  return 'least privilege and audit logs '.repeat(Math.ceil(length / 31)).slice(0, length);
}

export const HUGE = 1_000_000;

export const HOSTILE_CASES: readonly HostileCase[] = [
  { id: 'slack-channel', text: '<!channel> rotate every key now', probe: 'rotate every key now' },
  { id: 'slack-here', text: '<!here> sandbox the tools', probe: 'sandbox the tools' },
  { id: 'slack-everyone', text: '<!everyone> read this', probe: 'read this' },
  {
    id: 'slack-subteam',
    text: '<!subteam^S1> and <!subteam^S0SECTEAM1|@sec> approve it',
    probe: 'approve it',
  },
  {
    id: 'slack-link',
    text: 'see <https://evil.example/x|ok> and <http://evil.example>',
    probe: 'evil.example',
  },
  { id: 'at-everyone', text: '@everyone least privilege @here', probe: 'least privilege' },
  {
    id: 'discord-role',
    text: `ping <@&${VICTIM_ROLE}> about the audit log`,
    probe: 'about the audit log',
  },
  {
    id: 'user-mentions',
    text: `ask <@${VICTIM_SLACK_USER}> and <@${VICTIM_DISCORD_USER}> and <@!${VICTIM_DISCORD_USER}>`,
    probe: VICTIM_DISCORD_USER,
  },
  // U+202E inside the word: removing it (both escapers do) joins the letters back up.
  { id: 'rtl-override', text: '@every\u202eone and @\u202eenoyreve', probe: 'enoyreve' },
  // ZWJ is kept (emoji need it); ZWSP and WORD JOINER are removed by the Discord escaper.
  {
    id: 'zero-width',
    text: '@\u200deveryone @every\u200done @\u200beveryone @\u2060here',
    probe: 'everyone',
  },
  {
    id: 'backtick-breakout',
    text: '```\nsafe\n``` @everyone `<!channel>` ``` <@&1> ```',
    probe: 'safe',
  },
  {
    id: 'markdown-link',
    text: '[totally safe](https://evil.example) **bold** ||spoiler||',
    probe: 'totally safe',
  },
  { id: 'len-2001', text: sized(2_001), probe: 'least privilege and audit logs' },
  { id: 'len-40001', text: sized(40_001), probe: 'least privilege and audit logs' },
  // Slack refuses text over 200,000 characters at its edge and Discord over 100,000.
  { id: 'len-1000000', text: sized(HUGE), stored: null, probe: '' },
  {
    id: 'nul-bytes',
    text: 'sandbox\u0000 every\u0000 tool',
    stored: 'sandbox every tool',
    probe: 'sandbox every tool',
  },
  { id: 'emoji-flood', text: `${'🔥'.repeat(3_000)}${'👩‍👩‍👧‍👦'.repeat(300)}`, probe: '🔥🔥🔥' },
  {
    id: 'combining-flood',
    text: `Z${'\u0301\u0336\u0489'.repeat(170)}ALGO least privilege`,
    probe: 'ALGO least privilege',
  },
  { id: 'sql', text: "'); DROP TABLE answers;-- least privilege", probe: 'DROP TABLE answers;' },
  {
    id: 'lone-high-surrogate',
    text: 'audit \ud800 log',
    stored: 'audit \ufffd log',
    probe: 'audit \ufffd log',
  },
  {
    id: 'lone-low-surrogate',
    text: '\udfff audit log',
    stored: '\ufffd audit log',
    probe: '\ufffd audit log',
  },
];

/** What `platform`'s adapter stores for `row`: the text, or `null` for a silent drop. */
export function storedText(row: HostileCase, platform: ChatPlatform): string | null {
  if (row.stored === undefined) return row.text;
  if (row.stored === null || typeof row.stored === 'string') return row.stored;
  const own = row.stored[platform];
  return own === undefined ? row.text : own;
}

/** Rows short enough to be a slash-command or modal argument on both platforms. */
export const SHORT_CASES: readonly HostileCase[] = HOSTILE_CASES.filter(
  (row) => row.text.length <= 2_001,
);

/** A normal answer that covers the rubric of any question a little: it always scores. */
export const NEIGHBOUR_BEFORE =
  'Start with least privilege for every tool, and keep an audit log of each call.';
export const NEIGHBOUR_AFTER =
  'Sandbox the generated code, rate limit the callers, and review the logs weekly.';

/**
 * Gives a delivery that must be dropped (a row stored as `null`) time to produce a reply if
 * the adapter wrongly answered it; the caller then checks that nothing came.
 */
export function settleDropped(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 300));
}
