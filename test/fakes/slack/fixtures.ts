/**
 * The JSON fixtures, parsed through their schemas once at load. Builders start from these
 * rather than from object literals so every payload a test sends keeps the documented
 * fields the adapter does not read today (and may tomorrow) and stays checkable by eye
 * against Slack's reference pages.
 */
import commandDrill from './fixtures/command-drill.json' with { type: 'json' };
import channelLeft from './fixtures/event-channel-left.json' with { type: 'json' };
import memberLeftChannel from './fixtures/event-member-left-channel.json' with { type: 'json' };
import messageChanged from './fixtures/event-message-changed.json' with { type: 'json' };
import messageDeleted from './fixtures/event-message-deleted.json' with { type: 'json' };
import threadReply from './fixtures/event-message-thread-reply.json' with { type: 'json' };
import reactionAdded from './fixtures/event-reaction-added.json' with { type: 'json' };
import reactionRemoved from './fixtures/event-reaction-removed.json' with { type: 'json' };
import blockActions from './fixtures/interactive-block-actions.json' with { type: 'json' };
import viewSubmission from './fixtures/interactive-view-submission.json' with { type: 'json' };
import {
  blockActionsSchema,
  channelLeftSchema,
  memberLeftChannelSchema,
  messageChangedSchema,
  messageDeletedSchema,
  reactionAddedSchema,
  reactionRemovedSchema,
  slashCommandSchema,
  threadReplySchema,
  viewSubmissionSchema,
} from './payload-schemas.ts';

/** Parsed fixtures; treat as read-only and `structuredClone` before changing anything. */
export const FIXTURES = {
  threadReply: threadReplySchema.parse(threadReply),
  messageChanged: messageChangedSchema.parse(messageChanged),
  messageDeleted: messageDeletedSchema.parse(messageDeleted),
  reactionAdded: reactionAddedSchema.parse(reactionAdded),
  reactionRemoved: reactionRemovedSchema.parse(reactionRemoved),
  memberLeftChannel: memberLeftChannelSchema.parse(memberLeftChannel),
  channelLeft: channelLeftSchema.parse(channelLeft),
  drillCommand: slashCommandSchema.parse(commandDrill),
  blockActions: blockActionsSchema.parse(blockActions),
  viewSubmission: viewSubmissionSchema.parse(viewSubmission),
} as const;
