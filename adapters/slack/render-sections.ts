/**
 * Packs units (a paragraph, each bullet, a quote) into mrkdwn texts of at most TEXT_LIMIT
 * characters: units are joined by line breaks and kept whole where they fit in a text of
 * their own; a longer one continues in the next text, its lines still prefixed (`> ` for a
 * quote, an indent for a bullet), so the split is invisible apart from the block boundary.
 */
import type { TextStyle } from './render-escape.ts';
import {
  breakAt,
  fitWindow,
  type Layout,
  type Piece,
  type Run,
  renderText,
  TEXT_LIMIT,
} from './render-pack.ts';

class Packer {
  readonly pieces: Piece[] = [];
  private mrkdwn = '';
  private plain = '';
  /** Written before the next content: a line break and line prefix, held back so a text
   * never ends in a dangling prefix. */
  private pending = '';

  private readonly layout: Layout;
  private readonly limit: number;

  constructor(layout: Layout, limit: number) {
    this.layout = layout;
    this.limit = limit;
  }

  private get fresh(): boolean {
    return this.mrkdwn === '';
  }

  private get room(): number {
    return this.limit - this.mrkdwn.length - this.pending.length;
  }

  private write(piece: Piece): void {
    if (piece.mrkdwn === '' && piece.plain === '') return;
    this.mrkdwn += this.pending + piece.mrkdwn;
    this.plain += this.pending + piece.plain;
    this.pending = '';
  }

  /** Ends the current text; `next` starts the following one (a continuation prefix). */
  flush(next: string): void {
    // Slack rejects a text object that is empty; whitespace alone shows nothing either.
    if (this.mrkdwn.trim() !== '') this.pieces.push({ mrkdwn: this.mrkdwn, plain: this.plain });
    this.mrkdwn = '';
    this.plain = '';
    this.pending = next;
  }

  unit(runs: Run[]): void {
    // A unit that fits in a text of its own is not split across two.
    const size = unitSize(runs, this.layout.rest, this.limit);
    if (!this.fresh && 1 + this.layout.first.length + size > this.room) this.flush('');
    this.pending = (this.fresh ? '' : '\n') + this.layout.first;
    for (const run of runs) {
      if (run.kind === 'text') this.text(run.raw, run.style);
      else this.token(run);
    }
    this.pending = '';
  }

  private token(piece: Piece): void {
    if (piece.mrkdwn.length > this.room && !this.fresh) this.flush(this.layout.rest);
    this.write(piece);
  }

  private text(raw: string, style: TextStyle): void {
    let rest = raw;
    while (rest !== '') {
      const room = this.room;
      if (rest.length <= room) {
        const whole = renderText(rest, style, this.layout.rest);
        if (whole.mrkdwn.length <= room) {
          this.write(whole);
          return;
        }
      }
      const window = fitWindow(rest, room, style, this.layout.rest);
      const cut = breakAt(rest, window, this.fresh);
      if (cut === undefined) {
        this.flush(this.layout.rest);
        continue;
      }
      const head = renderText(rest.slice(0, cut.end), style, this.layout.rest);
      if (head.mrkdwn.length > room) throw new Error('slack render: a cut exceeded its room');
      this.write(head);
      rest = rest.slice(cut.end + cut.skip);
      this.flush(this.layout.rest);
    }
  }
}

/** The rendered size of a unit, or Infinity as soon as it clearly exceeds `limit`. */
function unitSize(runs: Run[], rest: string, limit: number): number {
  let size = 0;
  for (const run of runs) {
    if (run.kind === 'token') size += run.mrkdwn.length;
    else if (run.raw.length > limit) return Number.POSITIVE_INFINITY;
    else size += renderText(run.raw, run.style, rest).mrkdwn.length;
    if (size > limit) return Number.POSITIVE_INFINITY;
  }
  return size;
}

/**
 * Packs `units` into pieces of at most `limit` characters each (mrkdwn length; the plain
 * form is never longer in practice and is trimmed separately). Empty units vanish.
 */
export function packUnits(units: Run[][], layout: Layout, limit = TEXT_LIMIT): Piece[] {
  const packer = new Packer(layout, limit);
  for (const runs of units) packer.unit(runs);
  packer.flush('');
  return packer.pieces;
}
