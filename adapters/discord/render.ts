/**
 * Renders the neutral message model (src/core/messages.ts) as Discord message payloads
 * (https://discord.com/developers/docs/resources/message#create-message). Pure JSON: the
 * adapter decides where a payload goes (channel, thread, interaction reply), this decides
 * how it looks there.
 *
 * - Cards (question, reveal, leaderboard, practice, help, status) are embeds: each heading
 *   titles an embed and the blocks after it fill its description. Short replies (notice,
 *   error, reminder) are plain `content`, which notifications show. A paragraph carrying the
 *   drill ping always goes to `content`, as mentions inside embeds never notify.
 * - Member text cannot format, mention or link (render-escape.ts). Every payload carries
 *   `allowed_mentions: { parse: [] }`; the one exception is the configured ping role, allowed
 *   by id on the payload whose content mentions it
 *   (https://discord.com/developers/docs/resources/message#allowed-mentions-object).
 * - Times are Discord timestamps, so each reader sees their own zone.
 * - Nothing is dropped to fit Discord's limits: long text continues in another embed, and a
 *   message that outgrows one payload continues in the next (post them in order).
 */
import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APIEmbed,
} from 'discord-api-types/v10';
import type { Block, Message, MessageKind } from '../../src/core/messages.ts';
import { buttonCustomId } from './custom-id.ts';
import { clean } from './render-escape.ts';
import { Packer } from './render-pack.ts';
import { type Layout, spanRun } from './render-runs.ts';
import { DISCORD_LIMITS, type Draft, emptyDraft, hasText, Writer } from './render-writer.ts';

export { DISCORD_LIMITS } from './render-writer.ts';

/** `allowed_mentions`: never anything parsed from the text; at most the ping role by id. */
export interface DiscordAllowedMentions {
  parse: [];
  roles?: [string];
}

export type DiscordActionRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** One create-message (or interaction reply) body. */
export interface DiscordPayload {
  content: string;
  embeds?: APIEmbed[];
  components?: DiscordActionRow[];
  allowed_mentions: DiscordAllowedMentions;
}

export interface DiscordRenderOptions {
  /**
   * The channel's configured drill ping role, as an id (`123`) or as the mention the core
   * stores (`<@&123>`): the one mention allowed to notify.
   */
  pingRole?: string;
}

/** The role id of `pingRole`, whichever of its two forms it is in. */
function roleId(pingRole: string | undefined): string | undefined {
  const match = /^(?:<@&(\d{1,20})>|(\d{1,20}))$/.exec(pingRole?.trim() ?? '');
  return match?.[1] ?? match?.[2];
}

/** Kinds shown as plain content rather than as an embed card. */
const PLAIN_KINDS: ReadonlySet<MessageKind> = new Set(['notice', 'error', 'reminder']);

/** An accent colour per card, so the question, the reveal and the board are told apart. */
const COLOURS: Partial<Record<MessageKind, number>> = {
  question: 0x5865f2,
  reveal: 0x57f287,
  leaderboard: 0xfee75c,
  practice: 0xeb459e,
};

const PROSE: Layout = { first: '', rest: '' };
const QUOTE: Layout = { first: '> ', rest: '> ' };
const BULLET: Layout = { first: '• ', rest: '  ' };
const SMALL: Layout = { first: '-# ', rest: '-# ' };

/**
 * Buttons keep the core's id and value in their `custom_id` (custom-id.ts). One Discord
 * would refuse (over 100 characters, or twice in a message) is a bug in the core: it throws
 * here, naming the id, instead of failing at Discord with a bare 400.
 */
function addButtons(writer: Writer, buttons: { id: string; label: string; value?: string }[]) {
  const seen = new Set<string>();
  for (const button of buttons) {
    const customId = buttonCustomId(button.id, button.value);
    const shown = JSON.stringify(button.id.slice(0, 40));
    if (customId === undefined)
      throw new RangeError(
        `discord render: button ${shown} does not fit a 100-character custom_id`,
      );
    if (seen.has(customId)) throw new RangeError(`discord render: button ${shown} is used twice`);
    seen.add(customId);
    const label = Array.from(clean(button.label).replace(/\s+/g, ' ').trim());
    const text = label.length === 0 ? Array.from(button.id) : label;
    writer.button({
      type: 2,
      style: 1,
      custom_id: customId,
      label:
        text.length > DISCORD_LIMITS.buttonLabel
          ? `${text.slice(0, DISCORD_LIMITS.buttonLabel - 1).join('')}…`
          : text.join(''),
    });
  }
}

const hasPing = (block: Block): boolean =>
  'spans' in block && block.spans.some((span) => 'ping' in span);

/** Lays out one block; `card` says whether text goes to embeds or to the content. */
function renderBlock(writer: Writer, block: Block, card: boolean, separator: string): void {
  const target = card && !hasPing(block) ? writer.description : writer.content;
  const packer = new Packer(target);
  switch (block.type) {
    case 'heading': {
      if (!card) {
        packer.unit([{ kind: 'text', raw: clean(block.text), style: 'bold' }], PROSE, separator);
        return;
      }
      const rest = writer.title(block.text);
      if (rest !== '') packer.unit([{ kind: 'text', raw: rest, style: 'bold' }], PROSE, '');
      return;
    }
    case 'paragraph':
      packer.unit(block.spans.map(spanRun), PROSE, separator);
      return;
    case 'quote':
      packer.unit(block.spans.map(spanRun), QUOTE, separator);
      return;
    case 'context':
      packer.unit(block.spans.map(spanRun), SMALL, separator);
      return;
    case 'bullets':
      block.items.forEach((item, index) => {
        packer.unit(item.map(spanRun), BULLET, index === 0 ? separator : '\n');
      });
      return;
    case 'divider':
      if (card) writer.closeEmbed();
      return;
    case 'actions':
      addButtons(writer, block.buttons);
      return;
  }
}

function toPayload(draft: Draft, options: DiscordRenderOptions, colour?: number): DiscordPayload {
  const embeds: APIEmbed[] = draft.embeds.filter(hasText).map((embed) => ({
    ...(embed.title === undefined ? {} : { title: embed.title }),
    ...(embed.description.trim() === '' ? {} : { description: embed.description }),
    ...(colour === undefined ? {} : { color: colour }),
  }));
  const rows: DiscordActionRow[] = [];
  for (let at = 0; at < draft.buttons.length; at += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({ type: 1, components: draft.buttons.slice(at, at + DISCORD_LIMITS.buttonsPerRow) });
  }
  const role = roleId(options.pingRole);
  const content = draft.content.trim() === '' ? '' : draft.content;
  return {
    content,
    ...(embeds.length > 0 ? { embeds } : {}),
    ...(rows.length > 0 ? { components: rows } : {}),
    allowed_mentions:
      role !== undefined && content !== '' && draft.roles.has(role)
        ? { parse: [], roles: [role] }
        : { parse: [] },
  };
}

/** Moves buttons to the last draft with text, in messages of at most 25 buttons each. */
function placeButtons(drafts: Draft[]): Draft[] {
  const buttons = drafts.flatMap((draft) => draft.buttons);
  const kept = drafts
    .map((draft): Draft => ({ ...draft, buttons: [] }))
    .filter((draft) => draft.content.trim() !== '' || draft.embeds.some(hasText));
  const perMessage = DISCORD_LIMITS.rows * DISCORD_LIMITS.buttonsPerRow;
  for (let at = 0; at < buttons.length; at += perMessage) {
    const group = buttons.slice(at, at + perMessage);
    const last = kept.at(-1);
    if (at === 0 && last) last.buttons = group;
    else kept.push({ ...emptyDraft(), buttons: group });
  }
  return kept;
}

/**
 * Renders `message` as one Discord payload, or several when it outgrows one (post them in
 * order). A message with nothing to show renders as no payload. Throws only for buttons
 * Discord would refuse (see `addButtons`).
 */
export function renderDiscordMessage(
  message: Message,
  options: DiscordRenderOptions = {},
): DiscordPayload[] {
  const card = !PLAIN_KINDS.has(message.kind);
  const writer = new Writer();
  let previous: Block['type'] | undefined;
  for (const block of message.blocks) {
    // Consecutive small print stays together; everything else gets a blank line between.
    const separator = previous === 'context' && block.type === 'context' ? '\n' : '\n\n';
    renderBlock(writer, block, card, separator);
    if (block.type !== 'actions' && block.type !== 'divider') previous = block.type;
  }
  const colour = COLOURS[message.kind];
  return placeButtons(writer.drafts).map((draft) => toPayload(draft, options, colour));
}
