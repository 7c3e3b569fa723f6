/**
 * Where to cut long text for a chat platform's length limits, shared by the Slack and
 * Discord renderers: at a line break, else after a space in the second half of the window,
 * else (when the text has a fresh block to itself) between grapheme clusters, so an emoji,
 * a flag or a combining sequence is never split in two.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The last grapheme boundary at or before `window` (a code point boundary when a cluster is huge). */
function graphemeCut(raw: string, window: number): number {
  const from = Math.max(0, window - 256);
  let best = 0;
  // Index 0 of the slice is where we cut the slice, not necessarily a real boundary.
  for (const { index } of segmenter.segment(raw.slice(from, window + 64))) {
    const at = from + index;
    if (at > window) break;
    if (index > 0) best = at;
  }
  if (best > 0) return best;
  const high = raw.charCodeAt(window - 1);
  return window > 1 && high >= 0xd800 && high <= 0xdbff ? window - 1 : window;
}

/**
 * Where to cut `raw` so the head has at most `window` UTF-16 units: before a line break
 * (which the cut then replaces: `skip` 1) or after a space, else between grapheme clusters
 * when `fresh`. `undefined`: better start a fresh block first.
 */
export function breakAt(
  raw: string,
  window: number,
  fresh: boolean,
): { end: number; skip: number } | undefined {
  if (window <= 0) return undefined;
  const half = Math.max(1, Math.floor(window / 2));
  const newline = raw.lastIndexOf('\n', window);
  if (newline >= half) return { end: newline, skip: 1 };
  for (let at = window - 1; at >= half - 1; at -= 1) {
    const char = raw.charAt(at);
    if (char === ' ' || char === '\t') return { end: at + 1, skip: 0 };
  }
  return fresh ? { end: graphemeCut(raw, window), skip: 0 } : undefined;
}
