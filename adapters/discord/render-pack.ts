/**
 * Packs units (a paragraph, each bullet, a quote) into chunks of bounded length: a message's
 * `content` or an embed's `description`, whatever the target is. Units are joined by a
 * separator and kept whole where they fit in a chunk of their own; a longer one continues in
 * the next chunk with its line prefix (`> `, `-# `, an indent), so nothing is ever dropped.
 */
import type { TextStyle } from './render-escape.ts';
import { breakAt, fitWindow, type Layout, type Run, renderText } from './render-runs.ts';

/** Where packed text goes: the current chunk, and how to open the next. */
export interface Target {
  /** Characters the current chunk can still take. */
  room(): number;
  /** Characters a fresh chunk can take. */
  capacity(): number;
  /** Whether the current chunk has nothing in it yet. */
  fresh(): boolean;
  /** The last character written to the current chunk ('' when fresh). */
  last(): string;
  /** Appends to the current chunk; `roles` are the role pings the text carries. */
  write(text: string, roles: readonly string[]): void;
  /** Closes the current chunk and opens the next. */
  next(): void;
}

/** Style markers that would merge with a marker right after them (`**a***b*`). */
const MARKER_CHARS = new Set(['*', '_', '~', '|', '`']);

export class Packer {
  private readonly target: Target;
  /** A separator and line prefix, written before the next content, so a chunk never ends in one. */
  private pending = '';
  /** The unit being packed, and whether any of it is written yet (its first line's prefix). */
  private layout: Layout = { first: '', rest: '' };
  private started = false;

  constructor(target: Target) {
    this.target = target;
  }

  /** Packs one unit after `separator` (when the chunk already has text). */
  unit(runs: Run[], layout: Layout, separator: string): void {
    const whole = renderUnit(runs, layout);
    if (whole.text.trim() === '') return;
    const target = this.target;
    if (!target.fresh() && separator.length + whole.text.length > target.room()) {
      // A unit that fits in a chunk of its own is not split across two.
      if (whole.text.length <= target.capacity()) target.next();
    }
    if (whole.text.length + (target.fresh() ? 0 : separator.length) <= target.room()) {
      this.pending = target.fresh() ? '' : separator;
      this.write(whole.text, whole.roles);
      return;
    }
    this.layout = layout;
    this.started = false;
    this.pending = (target.fresh() ? '' : separator) + layout.first;
    for (const run of runs) {
      if (run.kind === 'text') this.text(run.raw, run.style, layout.rest);
      else this.token(run.text, run.role);
    }
    this.pending = '';
  }

  private write(text: string, roles: readonly string[]): void {
    if (text === '') return;
    let out = this.pending + text;
    // A zero-width space keeps two style markers from reading as one longer marker.
    if (
      this.pending === '' &&
      MARKER_CHARS.has(this.target.last()) &&
      MARKER_CHARS.has(out[0] ?? '')
    )
      out = `\u200b${out}`;
    this.target.write(out, roles);
    this.pending = '';
    this.started = true;
  }

  private room(): number {
    return this.target.room() - this.pending.length - 1;
  }

  /** Goes on in the next chunk, with the prefix of the line the unit is on. */
  private continueIn(): void {
    this.target.next();
    this.pending = this.started ? this.layout.rest : this.layout.first;
  }

  private token(text: string, role: string | undefined): void {
    if (text.length > this.room() && !this.target.fresh()) this.continueIn();
    this.write(text, role === undefined ? [] : [role]);
  }

  private text(raw: string, style: TextStyle, rest: string): void {
    let left = raw;
    while (left !== '') {
      const room = this.room();
      const whole = left.length <= room ? renderText(left, style, rest) : undefined;
      if (whole !== undefined && whole.length <= room) {
        this.write(whole, []);
        return;
      }
      const fresh = this.target.fresh();
      let cut = breakAt(left, fitWindow(left, room, style, rest), fresh);
      if (cut === undefined) {
        this.continueIn();
        continue;
      }
      let head = renderText(left.slice(0, cut.end), style, rest);
      // The window is an upper bound, so this only shrinks for pathological input.
      while (head.length > room && cut.end > 1) {
        cut = { end: Math.floor(cut.end / 2), skip: 0 };
        head = renderText(left.slice(0, cut.end), style, rest);
      }
      this.write(head, []);
      left = left.slice(cut.end + cut.skip);
      if (left !== '') this.continueIn();
    }
  }
}

/** A unit rendered in one piece, for the fast path and the fits-on-its-own test. */
function renderUnit(runs: Run[], layout: Layout): { text: string; roles: string[] } {
  let text = layout.first;
  const roles: string[] = [];
  for (const run of runs) {
    const piece = run.kind === 'token' ? run.text : renderText(run.raw, run.style, layout.rest);
    if (piece !== '' && MARKER_CHARS.has(text.at(-1) ?? '') && MARKER_CHARS.has(piece[0] ?? ''))
      text += '\u200b';
    text += piece;
    if (run.kind === 'token' && run.role !== undefined) roles.push(run.role);
  }
  return { text: text === layout.first ? '' : text, roles };
}
