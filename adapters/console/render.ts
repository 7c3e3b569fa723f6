/**
 * Renders the neutral message model (src/core/messages.ts) as terminal text. Pure: the
 * adapter decides where a message goes, this decides how it looks there. Each place and
 * kind has its own look so a transcript reads without colour (pipes, CI logs); colour,
 * when asked for, only adds emphasis.
 */
import { styleText } from 'node:util';
import { parseMemberId } from '../../src/core/ids.ts';
import type { Block, Message, Span } from '../../src/core/messages.ts';
import { formatTime } from './time.ts';

/** The name the bot speaks under in the terminal. */
export const BOT_NAME = 'drillbot';

/** Where a message appears: top level, in the open drill's thread, or to one member. */
export type Placement =
  | { in: 'channel' }
  | { in: 'thread' }
  /** `to` is another member's name; absent for the terminal's own user ("only you"). */
  | { in: 'private'; to?: string };

export interface RenderOptions {
  color: boolean;
  /**
   * Shows every time in this zone. Absent: each time span's own zone, which the core sets
   * to the channel's zone, so `/drill zone` changes what the terminal shows.
   */
  zone?: string;
  /** The message replaces an earlier one (editMessage). */
  edited?: boolean;
}

/** Local lines the adapter prints itself: hints, receipts for replies, and its own errors. */
export type NoteTone = 'hint' | 'receipt' | 'error';

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, value: string) => string;

const RULE_WIDTH = 48;

/**
 * Styles each line separately so a later prefix (thread indent, frame) never inherits an
 * open escape code. `validateStream: false` because the caller already decided whether the
 * output takes colour; styleText must not second-guess it from process.stdout.
 */
function painter(color: boolean): Paint {
  if (!color) return (_style, value) => value;
  return (style, value) =>
    value
      .split('\n')
      .map((line) => (line === '' ? line : styleText(style, line, { validateStream: false })))
      .join('\n');
}

/**
 * Member text is not trusted: control characters (escape sequences above all) could move
 * the cursor or recolour the terminal, so everything but line breaks and tabs is dropped.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const clean = (value: string): string => value.replace(CONTROL, '');

interface Context {
  paint: Paint;
  zone: string | undefined;
}

function memberName(span: { member: string; name?: string }): string {
  return span.name ?? parseMemberId(span.member)?.member ?? span.member;
}

function spanText(span: Span, context: Context, plain?: Style): string {
  const { paint } = context;
  if ('text' in span) {
    const value = clean(span.text);
    if (span.style === 'bold') return paint('bold', value);
    if (span.style === 'italic') return paint('italic', value);
    if (span.style === 'code') return paint('cyan', value);
    return plain ? paint(plain, value) : value;
  }
  if ('time' in span) return paint('underline', formatTime(span.time, context.zone ?? span.zone));
  if ('member' in span) return paint('cyan', `@${clean(memberName(span))}`);
  return paint(['bold', 'yellow'], `@${clean(span.ping)}`);
}

const spansText = (spans: Span[], context: Context, plain?: Style): string =>
  spans.map((span) => spanText(span, context, plain)).join('');

/** Puts `first` before the first line and `rest` before the others. */
function indent(lines: string[], first: string, rest: string): string[] {
  return lines.map((line, index) => (index === 0 ? first : rest) + line);
}

/** Buttons the terminal cannot click name what to type instead. */
function buttonText(button: { id: string; label: string }): string {
  if (button.id === 'practice-answer')
    return `[${button.label}: type your answer on the next line]`;
  if (button.id === 'drill-answer') return `[${button.label}: /drill answer <your answer>]`;
  return `[${button.label}]`;
}

function blockLines(block: Block, context: Context): string[] {
  const { paint } = context;
  switch (block.type) {
    case 'heading':
      return paint('bold', clean(block.text)).split('\n');
    case 'paragraph':
      return spansText(block.spans, context).split('\n');
    case 'context':
      return spansText(block.spans, context, 'dim').split('\n');
    case 'quote':
      return indent(
        spansText(block.spans, context).split('\n'),
        paint('dim', '> '),
        paint('dim', '> '),
      );
    case 'bullets':
      return block.items.flatMap((item) =>
        indent(spansText(item, context).split('\n'), '• ', '  '),
      );
    case 'divider':
      return [paint('dim', '─'.repeat(RULE_WIDTH))];
    case 'actions':
      return [block.buttons.map((button) => paint('bold', buttonText(button))).join('  ')];
  }
}

interface Frame {
  top: string;
  side: string;
  bottom: string;
  rule: string;
  color: Style;
}

/** The question card and the reveal are framed, the reveal with a double line. */
const FRAMES: Partial<Record<Message['kind'], Frame>> = {
  question: { top: '╭', side: '│', bottom: '╰', rule: '─', color: 'cyan' },
  reveal: { top: '╔', side: '║', bottom: '╚', rule: '═', color: 'green' },
};

function framed(kind: string, frame: Frame, lines: string[], options: RenderOptions): string[] {
  const paint = painter(options.color);
  const label = `${BOT_NAME} · ${kind}${options.edited ? ' · edited' : ''}`;
  const head = `${frame.top}${frame.rule} `;
  const fill = frame.rule.repeat(Math.max(3, RULE_WIDTH - head.length - label.length - 1));
  return [
    `${paint(frame.color, head)}${paint('bold', label)} ${paint(frame.color, fill)}`,
    ...lines.map((line) => `${paint(frame.color, frame.side)} ${line}`),
    paint(frame.color, frame.bottom + frame.rule.repeat(RULE_WIDTH - 1)),
  ];
}

/**
 * Renders `message` for `placement`, as lines joined with `\n` (no trailing newline).
 * Looks: the question card and the reveal are framed; other bot messages start with
 * `drillbot: `; errors carry `✖`; a thread reply is indented under `  ↳ `; a private
 * message starts with `(only you see this)` or `(only @name sees this)`. Member and ping
 * spans show as `@name`; times show in the zone of `options.zone` or of the span, named.
 */
export function renderMessage(
  message: Message,
  placement: Placement,
  options: RenderOptions,
): string {
  const paint = painter(options.color);
  const context: Context = { paint, zone: options.zone };
  let lines = message.blocks.flatMap((block) => blockLines(block, context));
  if (message.kind === 'error') lines = indent(lines, paint(['bold', 'red'], '✖ '), '  ');
  const frame = FRAMES[message.kind];
  if (placement.in === 'private') {
    const who = placement.to === undefined ? 'you see' : `@${clean(placement.to)} sees`;
    const marker = paint('magenta', `(only ${who} this)`);
    if (frame) return [marker, ...framed(message.kind, frame, lines, options)].join('\n');
    const edited = options.edited ? ' (edited)' : '';
    return indent(lines, `${marker}${edited} `, '  ').join('\n');
  }
  if (frame) {
    lines = framed(message.kind, frame, lines, options);
  } else {
    const tag = paint(['bold', 'blue'], `${BOT_NAME}${options.edited ? ' (edited)' : ''}:`);
    lines = indent(lines, `${tag} `, '  ');
  }
  if (placement.in === 'thread') lines = indent(lines, paint('dim', '  ↳ '), '    ');
  return lines.join('\n');
}

/** A line the adapter prints on its own account, never sent anywhere. */
export function renderNote(value: string, tone: NoteTone, color: boolean): string {
  const paint = painter(color);
  if (tone === 'error') return `${paint(['bold', 'red'], '✖')} ${paint('red', clean(value))}`;
  if (tone === 'receipt') return paint('dim', `  ↳ ${clean(value)}`);
  return paint('dim', `· ${clean(value)}`);
}
