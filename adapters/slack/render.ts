/**
 * Renders the neutral message model (src/core/messages.ts) as Slack Block Kit. Pure: the
 * adapter decides where a message goes (channel, thread, ephemeral), this decides how it
 * looks there. Member text can never ping or link anyone (render-escape.ts says how); the
 * only mentions are the core's own member and ping spans (render-pack.ts). Nothing is dropped
 * to fit Slack's limits: long text continues in further blocks and more than 50 blocks in
 * further messages (https://api.slack.com/reference/block-kit/blocks).
 */
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import type { Block, Message, Span } from '../../src/core/messages.ts';
import { clean, escapePlain } from './render-escape.ts';
import { breakAt, fitWindow, type Layout, type Piece, spanRun } from './render-pack.ts';
import { packUnits } from './render-sections.ts';

/** Slack's documented limits this renderer keeps to. */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** A section's text, and any one text object. */
  text: 3000,
  /** A header's plain_text. */
  header: 150,
  /** Elements in one context block. */
  contextElements: 10,
  /** Elements in one actions block. */
  buttons: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  /** The top-level `text`, shown in notifications; trimmed here, not by Slack. */
  fallback: 3000,
} as const;

/** Every mrkdwn object is verbatim: Slack then auto-links no URL, channel name or mention. */
export interface SlackMrkdwn extends MrkdwnElement {
  verbatim: true;
}
export interface SlackPlainText extends PlainTextElement {
  emoji: true;
}
export interface SlackHeader extends HeaderBlock {
  text: SlackPlainText;
}
export interface SlackSection extends SectionBlock {
  text: SlackMrkdwn;
}
export interface SlackContext extends ContextBlock {
  elements: SlackMrkdwn[];
}
export interface SlackButton extends Button {
  text: SlackPlainText;
  action_id: string;
}
export interface SlackActions extends ActionsBlock {
  elements: SlackButton[];
}
/** The blocks this renderer makes; each extends @slack/types' own, so Slack's types accept them. */
export type SlackBlock = SlackHeader | SlackSection | SlackContext | DividerBlock | SlackActions;

/** One `chat.postMessage`/`chat.postEphemeral` body: blocks and the notification fallback. */
export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
}

export interface SlackRenderOptions {
  /** Blocks per payload, 1 to 50 (default 50); smaller values are for tests. */
  maxBlocks?: number;
}

interface Rendered {
  block: SlackBlock;
  /** The block's share of the plain `text` fallback. */
  plain: string;
}

const PROSE: Layout = { first: '', rest: '' };
const QUOTE: Layout = { first: '> ', rest: '> ' };
const BULLETS: Layout = { first: '• ', rest: '   ' };

const mrkdwn = (text: string): SlackMrkdwn => ({ type: 'mrkdwn', text, verbatim: true });
const plainText = (text: string): SlackPlainText => ({ type: 'plain_text', text, emoji: true });
const runs = (spans: Span[]) => spans.map(spanRun);

function groups<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/**
 * Text as one line of plain_text of at most `limit` characters, escaped. What does not fit
 * is returned as `rest` (raw) so the caller can show it elsewhere or accept the cut.
 */
function fitPlain(raw: string, limit: number): { text: string; rest: string } {
  const flat = clean(raw).replace(/\s+/g, ' ').trim();
  const whole = escapePlain(flat);
  if (whole.length <= limit) return { text: whole, rest: '' };
  const window = fitWindow(flat, limit - 1, 'text', '');
  const cut = breakAt(flat, window, true) ?? { end: window, skip: 0 };
  return {
    text: `${escapePlain(flat.slice(0, cut.end)).trimEnd()}…`,
    rest: flat.slice(cut.end + cut.skip).trimStart(),
  };
}

const sections = (pieces: Piece[]): Rendered[] =>
  pieces.map((piece) => ({
    block: { type: 'section', text: mrkdwn(piece.mrkdwn) },
    plain: piece.plain,
  }));

/** A heading longer than a header allows goes on in a bold section rather than being lost. */
function heading(raw: string): Rendered[] {
  const { text, rest } = fitPlain(raw, SLACK_LIMITS.header);
  if (text === '') return [];
  const header: Rendered = { block: { type: 'header', text: plainText(text) }, plain: text };
  if (rest === '') return [header];
  return [
    header,
    ...sections(packUnits([[{ kind: 'text', raw: `…${rest}`, style: 'bold' }]], PROSE)),
  ];
}

/** One mrkdwn element per piece rather than per span: Slack spaces elements apart. */
function contexts(pieces: Piece[]): Rendered[] {
  return groups(pieces, SLACK_LIMITS.contextElements).map((group) => ({
    block: { type: 'context', elements: group.map((piece) => mrkdwn(piece.mrkdwn)) },
    plain: group.map((piece) => piece.plain).join(' '),
  }));
}

/**
 * Buttons keep the core's id as `action_id` and its value as is; labels (the core's own
 * words) are cut at 75 characters with an ellipsis. An id or value Slack would
 * refuse is a bug in the core: it throws here, naming the id, instead of failing at Slack
 * with `invalid_blocks` and no hint.
 */
function actions(buttons: { id: string; label: string; value?: string }[]): Rendered[] {
  const seen = new Set<string>();
  const elements = buttons.map((button): SlackButton => {
    const id = JSON.stringify(button.id.slice(0, 40));
    if (button.id === '' || button.id.length > SLACK_LIMITS.actionId)
      throw new RangeError(`slack render: action id ${id} must have 1 to 255 characters`);
    if (seen.has(button.id)) throw new RangeError(`slack render: action id ${id} is used twice`);
    seen.add(button.id);
    if (button.value !== undefined && button.value.length > SLACK_LIMITS.buttonValue)
      throw new RangeError(`slack render: the value of button ${id} is over 2000 characters`);
    const label = fitPlain(button.label, SLACK_LIMITS.buttonText).text;
    const text = plainText(
      label === '' ? fitPlain(button.id, SLACK_LIMITS.buttonText).text : label,
    );
    return {
      type: 'button',
      text,
      action_id: button.id,
      ...(button.value === undefined ? {} : { value: button.value }),
    };
  });
  return groups(elements, SLACK_LIMITS.buttons).map((group) => ({
    block: { type: 'actions', elements: group },
    plain: group.map((button) => `[${button.text.text}]`).join(' '),
  }));
}

function renderBlock(block: Block): Rendered[] {
  switch (block.type) {
    case 'heading':
      return heading(block.text);
    case 'paragraph':
      return sections(packUnits([runs(block.spans)], PROSE));
    case 'quote':
      return sections(packUnits([runs(block.spans)], QUOTE));
    case 'bullets':
      return sections(packUnits(block.items.map(runs), BULLETS));
    case 'context':
      return contexts(packUnits([runs(block.spans)], PROSE));
    case 'divider':
      return [{ block: { type: 'divider' }, plain: '' }];
    case 'actions':
      return actions(block.buttons);
  }
}

/** Splits blocks into messages of at most `max`, never leaving a header last in one. */
function paginate(rendered: Rendered[], max: number): Rendered[][] {
  const pages: Rendered[][] = [];
  let page: Rendered[] = [];
  for (const item of rendered) {
    if (page.length === max) {
      const last = page.at(-1);
      const orphan = page.length > 1 && last?.block.type === 'header';
      pages.push(orphan ? page.slice(0, -1) : page);
      page = orphan && last ? [last] : [];
    }
    page.push(item);
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/**
 * The `text` fallback: what notifications and block-less clients show. It is mrkdwn to
 * Slack too, so it is built from the same escaped text, without style markers and with
 * times in words; the cut avoids the middle of an escape, a token or a character.
 */
function fallbackText(page: Rendered[]): string {
  const text = page
    .map((item) => item.plain)
    .filter((plain) => plain.trim() !== '')
    .join('\n');
  if (text === '') return '(continued)';
  if (text.length <= SLACK_LIMITS.fallback) return text;
  let cut = SLACK_LIMITS.fallback - 1;
  const space = text.lastIndexOf(' ', cut);
  if (space > cut - 200) cut = space;
  const head = text.slice(0, cut);
  const entity = head.lastIndexOf('&');
  if (entity > head.lastIndexOf(';')) cut = entity;
  const token = head.lastIndexOf('<');
  if (token > head.lastIndexOf('>')) cut = Math.min(cut, token);
  const unit = text.charCodeAt(cut - 1);
  if (unit >= 0xd800 && unit <= 0xdbff) cut -= 1;
  // A line cut down to its quote or bullet prefix would show as an empty quote or item.
  return `${text
    .slice(0, cut)
    .trimEnd()
    .replace(/\n[>•]$/, '')}…`;
}

/**
 * Renders `message` as one Slack payload, or several when it needs more than `maxBlocks`
 * blocks (post them in order). A message with nothing to show renders as no payload.
 * Throws only for buttons Slack would refuse (see `actions`).
 */
export function renderSlackMessage(
  message: Message,
  options: SlackRenderOptions = {},
): SlackPayload[] {
  const wanted = options.maxBlocks ?? SLACK_LIMITS.blocks;
  const max = Number.isFinite(wanted)
    ? Math.min(SLACK_LIMITS.blocks, Math.max(1, Math.floor(wanted)))
    : SLACK_LIMITS.blocks;
  const rendered = message.blocks.flatMap(renderBlock);
  if (!rendered.some((item) => item.block.type !== 'divider')) return [];
  return paginate(rendered, max).map((page) => ({
    text: fallbackText(page),
    blocks: page.map((item) => item.block),
  }));
}
