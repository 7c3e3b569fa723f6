/**
 * The payloads of one message as they are built: drafts (content, embeds, buttons, the ping
 * roles their content carries) and the two places text goes, a draft's `content` and the
 * open embed's `description`, each a packing target that opens the next chunk when full
 * (a new embed, or a new payload once Discord's per-message limits are reached).
 */
import type { APIButtonComponentWithCustomId } from 'discord-api-types/v10';
import { MAX_CUSTOM_ID } from './custom-id.ts';
import { clean, escapeMarkdown } from './render-escape.ts';
import type { Target } from './render-pack.ts';
import { breakAt, fitWindow } from './render-runs.ts';

/** Discord's documented limits this renderer keeps to. */
export const DISCORD_LIMITS = {
  /** A message's `content`. */
  content: 2000,
  /** Embeds in one message. */
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  /** Title, description, fields, footer and author of all embeds of one message together. */
  embedTotal: 6000,
  /** Action rows in one message, and buttons in one row. */
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: MAX_CUSTOM_ID,
} as const;

/**
 * A new embed is not started in a payload with less room than this left: a sliver of text
 * in its own embed reads worse than the same text at the top of the next message.
 */
const MIN_EMBED_ROOM = 1000;

export interface DraftEmbed {
  title?: string;
  description: string;
}

export interface Draft {
  content: string;
  embeds: DraftEmbed[];
  roles: Set<string>;
  buttons: APIButtonComponentWithCustomId[];
}

export const hasText = (embed: DraftEmbed): boolean =>
  embed.title !== undefined || embed.description.trim() !== '';
export const emptyDraft = (): Draft => ({ content: '', embeds: [], roles: new Set(), buttons: [] });
const embedSize = (embed: DraftEmbed): number =>
  (embed.title?.length ?? 0) + embed.description.length;
const embedsSize = (draft: Draft): number =>
  draft.embeds.reduce((sum, embed) => sum + embedSize(embed), 0);

/** Builds the payloads of one message: the current draft, its open embed, and the targets. */
export class Writer {
  readonly drafts: Draft[] = [emptyDraft()];
  /** The embed text goes to; undefined until a block needs one (a divider closes it). */
  private embed: DraftEmbed | undefined;

  private get draft(): Draft {
    const draft = this.drafts.at(-1);
    if (!draft) throw new Error('discord render: no draft');
    return draft;
  }

  newDraft(): void {
    this.drafts.push(emptyDraft());
    this.embed = undefined;
  }

  closeEmbed(): void {
    this.embed = undefined;
  }

  /** The open embed, else a new one here or, when this payload is full, in the next. */
  openEmbed(): DraftEmbed {
    if (this.embed) return this.embed;
    const draft = this.draft;
    const room = DISCORD_LIMITS.embedTotal - embedsSize(draft);
    if (draft.embeds.length >= DISCORD_LIMITS.embeds || room < MIN_EMBED_ROOM) this.newDraft();
    const embed: DraftEmbed = { description: '' };
    this.draft.embeds.push(embed);
    this.embed = embed;
    return embed;
  }

  /** Starts an embed titled `raw`; a title over 256 characters goes on in bold below it. */
  title(raw: string): string {
    const flat = clean(raw).replace(/\s+/g, ' ').trim();
    if (flat === '') return '';
    // An embed opened but still empty takes the title; any other is closed first.
    if (this.embed && (this.embed.title !== undefined || this.embed.description !== ''))
      this.closeEmbed();
    const embed = this.openEmbed();
    const whole = escapeMarkdown(flat);
    if (whole.length <= DISCORD_LIMITS.embedTitle) {
      embed.title = whole;
      return '';
    }
    const window = fitWindow(flat, DISCORD_LIMITS.embedTitle - 1, 'text', '');
    const cut = breakAt(flat, window, true) ?? { end: window, skip: 0 };
    embed.title = `${escapeMarkdown(flat.slice(0, cut.end)).trimEnd()}…`;
    return `…${flat.slice(cut.end + cut.skip).trimStart()}`;
  }

  readonly content: Target = {
    room: () => DISCORD_LIMITS.content - this.draft.content.length,
    capacity: () => DISCORD_LIMITS.content,
    fresh: () => this.draft.content === '',
    last: () => this.draft.content.at(-1) ?? '',
    write: (text, roles) => {
      this.draft.content += text;
      for (const role of roles) this.draft.roles.add(role);
    },
    next: () => this.newDraft(),
  };

  readonly description: Target = {
    room: () => {
      const embed = this.openEmbed();
      const total = DISCORD_LIMITS.embedTotal - embedsSize(this.draft);
      return Math.min(DISCORD_LIMITS.embedDescription - embed.description.length, total);
    },
    capacity: () => DISCORD_LIMITS.embedDescription,
    fresh: () => this.openEmbed().description === '',
    last: () => this.openEmbed().description.at(-1) ?? '',
    // Pings in an embed never notify, so their roles are not recorded.
    write: (text) => {
      this.openEmbed().description += text;
    },
    next: () => {
      this.closeEmbed();
      this.openEmbed();
    },
  };

  button(button: APIButtonComponentWithCustomId): void {
    this.draft.buttons.push(button);
  }
}
