/**
 * The platform-neutral message model. The core builds messages from spans and blocks; each
 * adapter renders them (Block Kit, Discord markdown, terminal text). Text spans are always
 * literal: adapters escape them, so member text can never become a mention or a link. The
 * only mentions are explicit `member` and `ping` spans the core chose to make.
 */
export type Span =
  | { text: string; style?: 'bold' | 'italic' | 'code' }
  /** A point in time, shown in each reader's own zone where the platform can, else in `zone`. */
  | { time: Date; zone: string }
  /** A member, shown as a mention where the platform has them (never pings in private). */
  | { member: string; name?: string }
  /** The channel's configured drill ping (a role or group); the one mention that notifies. */
  | { ping: string };

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; spans: Span[] }
  | { type: 'bullets'; items: Span[][] }
  /** Quoted text written by a member (answers shown at a blind-mode reveal). */
  | { type: 'quote'; spans: Span[] }
  /** Small print: how to answer, ids, counts. */
  | { type: 'context'; spans: Span[] }
  | { type: 'divider' }
  | { type: 'actions'; buttons: { id: string; label: string; value?: string }[] };

export type MessageKind =
  | 'question'
  | 'reminder'
  | 'reveal'
  | 'leaderboard'
  | 'help'
  | 'status'
  | 'notice'
  | 'error'
  | 'practice';

export interface Message {
  kind: MessageKind;
  blocks: Block[];
}

/** Shorthands that keep message builders readable. */
export const text = (value: string, style?: 'bold' | 'italic' | 'code'): Span =>
  style ? { text: value, style } : { text: value };
export const paragraph = (...spans: Span[]): Block => ({ type: 'paragraph', spans });
export const context = (...spans: Span[]): Block => ({ type: 'context', spans });
export const heading = (value: string): Block => ({ type: 'heading', text: value });

/** A one-paragraph message, for short replies and notices. */
export function notice(kind: MessageKind, ...spans: Span[]): Message {
  return { kind, blocks: [paragraph(...spans)] };
}

/**
 * Plain text of a message, for logs, tests, the terminal and platforms' notification
 * fallbacks. Times are rendered in UTC ISO form; adapters do better where they can.
 */
export function plainText(message: Message): string {
  return message.blocks
    .map(blockText)
    .filter((line) => line !== '')
    .join('\n');
}

function spanText(span: Span): string {
  if ('text' in span) return span.text;
  if ('time' in span) return span.time.toISOString();
  if ('member' in span) return `@${span.name ?? span.member}`;
  return `@${span.ping}`;
}

const spansText = (spans: Span[]): string => spans.map(spanText).join('');

function blockText(block: Block): string {
  switch (block.type) {
    case 'heading':
      return block.text;
    case 'paragraph':
    case 'context':
      return spansText(block.spans);
    case 'quote':
      return spansText(block.spans)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'bullets':
      return block.items.map((item) => `• ${spansText(item)}`).join('\n');
    case 'divider':
      return '';
    case 'actions':
      return block.buttons.map((button) => `[${button.label}]`).join(' ');
  }
}
