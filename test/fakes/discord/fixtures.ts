/**
 * Documented example payloads (the `d` of each dispatch), written by hand from Discord's
 * reference pages with the default world's ids. They serve twice: the fake's own test checks
 * that the builders produce exactly these for the same inputs (so a builder that drifts from
 * the documented shape fails), and the adapter's unit tests can feed them to its inbound
 * translation without a gateway. Treat as read-only; `structuredClone` before changing.
 */
import guildDelete from './fixtures/guild-delete.json' with { type: 'json' };
import button from './fixtures/interaction-button.json' with { type: 'json' };
import drillLeaderboard from './fixtures/interaction-drill-leaderboard.json' with { type: 'json' };
import drillNow from './fixtures/interaction-drill-now.json' with { type: 'json' };
import modalSubmit from './fixtures/interaction-modal-submit.json' with { type: 'json' };
import threadMessage from './fixtures/message-create-thread.json' with { type: 'json' };
import messageDelete from './fixtures/message-delete.json' with { type: 'json' };
import messageUpdate from './fixtures/message-update.json' with { type: 'json' };
import reactionAdd from './fixtures/reaction-add.json' with { type: 'json' };
import reactionRemove from './fixtures/reaction-remove.json' with { type: 'json' };
import threadCreate from './fixtures/thread-create.json' with { type: 'json' };

/** Ids the fixtures use beside the default world's (`FAKE_IDS`). */
export const FIXTURE_IDS = {
  /** The question post; the thread started on it has the same id, as on Discord. */
  questionMessageId: '1600000000000000001',
  threadId: '1600000000000000001',
  answerMessageId: '1700000000000000001',
  drillNowInteractionId: '1800000000000000001',
  leaderboardInteractionId: '1800000000000000002',
  buttonInteractionId: '1800000000000000003',
  modalInteractionId: '1800000000000000004',
} as const;

export const FIXTURES = {
  /** MESSAGE_CREATE: Ada answers in the drill's thread. */
  threadMessage,
  /** MESSAGE_UPDATE: she edits that answer a minute later. */
  messageUpdate,
  /** MESSAGE_DELETE of that answer. */
  messageDelete,
  /** MESSAGE_REACTION_ADD: Linus gives Ada's answer a 👍. */
  reactionAdd,
  /** MESSAGE_REACTION_REMOVE: and takes it back. */
  reactionRemove,
  /** INTERACTION_CREATE: Grace (Manage Server via Moderators) runs `/drill now`. */
  drillNow,
  /** INTERACTION_CREATE: Ada runs `/drill leaderboard period:week scope:channel`. */
  drillLeaderboard,
  /** INTERACTION_CREATE: Ada clicks "Answer privately" on the question post. */
  button,
  /** INTERACTION_CREATE: Ada submits the answer modal (Label layout). */
  modalSubmit,
  /** GUILD_DELETE: the bot was removed (no `unavailable`). */
  guildDelete,
  /** THREAD_CREATE: the drill's thread, started on the question post. */
  threadCreate,
} as const;
