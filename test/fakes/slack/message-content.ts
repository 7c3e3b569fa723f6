/**
 * Validation of the content arguments shared by `chat.postMessage`, `chat.postEphemeral` and
 * `chat.update`: text, Block Kit blocks and message metadata.
 *
 * The fake enforces the limits Slack enforces (50 blocks, 3,000 characters of section text,
 * 40,000 characters of text) so an adapter that forgets to split long content fails here,
 * with Slack's own error code, instead of in production.
 */
import type { MessageMetadata } from './message-store.ts';
import { type ApiArgs, isRecord, stringArg } from './request-body.ts';

export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3_000;
export const MAX_TEXT = 40_000;

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
}

export type ContentResult = { ok: true; content: MessageContent } | { ok: false; error: string };

/** Reads and checks content; `requireBody` is false for updates that only change metadata. */
export function readContent(args: ApiArgs, requireBody = true): ContentResult {
  const text = stringArg(args, 'text');
  if (text !== undefined && text.length > MAX_TEXT) return { ok: false, error: 'msg_too_long' };
  const blocks = args.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) {
    return { ok: false, error: 'invalid_blocks_format' };
  }
  if (blocks && !blocksWithinLimits(blocks)) return { ok: false, error: 'invalid_blocks' };
  const metadata = args.metadata;
  if (metadata !== undefined && !isMetadata(metadata)) {
    return { ok: false, error: 'invalid_metadata_format' };
  }
  const hasAttachments = args.attachments !== undefined;
  if (requireBody && text === undefined && !blocks?.length && !hasAttachments) {
    return { ok: false, error: 'no_text' };
  }
  return {
    ok: true,
    content: {
      ...(text !== undefined ? { text } : {}),
      ...(blocks ? { blocks } : {}),
      ...(metadata ? { metadata } : {}),
    },
  };
}

function blocksWithinLimits(blocks: unknown[]): boolean {
  if (blocks.length > MAX_BLOCKS) return false;
  return blocks.every((block) => {
    if (!isRecord(block) || typeof block.type !== 'string') return false;
    if (block.type !== 'section') return true;
    const text = block.text;
    return !isRecord(text) || typeof text.text !== 'string' || text.text.length <= MAX_SECTION_TEXT;
  });
}

function isMetadata(value: unknown): value is MessageMetadata {
  return (
    isRecord(value) &&
    typeof value.event_type === 'string' &&
    value.event_type.length > 0 &&
    isRecord(value.event_payload)
  );
}
