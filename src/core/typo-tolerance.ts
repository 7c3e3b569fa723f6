/**
 * Whether one word is a plausible typo of another. Levenshtein distance from
 * fastest-levenshtein, with two refinements that keep distinct real words apart:
 * - an adjacent transposition counts as one edit ("secruity" for "security"), as people make it;
 * - in words under 8 letters a single substituted letter counts only between neighbouring keys
 *   ("attsck" for "attack"): there a substitution mostly makes another real word ("stride" and
 *   "strike", "token" and "taken", "roles" and "rules").
 */
import { distance } from 'fastest-levenshtein';

/** Edits tolerated between two words of these lengths. */
function allowedEdits(shorter: number): number {
  if (shorter >= 9) return 2;
  if (shorter >= 5) return 1;
  return 0;
}

/** Below this length a one-letter substitution counts as a typo only between neighbour keys. */
const FREE_SUBSTITUTION_LENGTH = 8;

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** QWERTY neighbours, same row or the rows above and below (offset by half a key). */
function areNeighbourKeys(a: string, b: string): boolean {
  const place = (key: string) => {
    const row = KEYBOARD_ROWS.findIndex((keys) => keys.includes(key));
    return { row, column: row < 0 ? -9 : (KEYBOARD_ROWS[row]?.indexOf(key) ?? -9) };
  };
  const [p, q] = [place(a), place(b)];
  if (p.row < 0 || q.row < 0 || Math.abs(p.row - q.row) > 1) return false;
  const offset = q.column - p.column;
  if (p.row === q.row) return Math.abs(offset) === 1;
  return q.row > p.row ? offset === 0 || offset === -1 : offset === 0 || offset === 1;
}

/**
 * In short words a one-letter substitution mostly makes another real word ("stride" and
 * "strike", "token" and "taken", "roles" and "rules"), while a fat-finger typo hits a
 * neighbouring key; so below eight letters only those count.
 */
function isPlausibleSubstitution(a: string, b: string): boolean {
  if (a.length >= FREE_SUBSTITUTION_LENGTH) return true;
  for (let i = 0; i < a.length; i += 1) {
    const [x, y] = [a[i] ?? '', b[i] ?? ''];
    if (x !== y) return areNeighbourKeys(x, y);
  }
  return true;
}

/** "secruity" for "security": a swap of neighbours is one typo, though Levenshtein says 2. */
function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] === b[i]) continue;
    if (first >= 0) {
      const swapped = i === first + 1 && a[first] === b[i] && a[i] === b[first];
      return swapped && a.slice(i + 1) === b.slice(i + 1);
    }
    first = i;
  }
  return false;
}

/** Whether `a` and `b` are within the typos tolerated for their length (0 under 5 letters). */
export function isTypoOf(a: string, b: string): boolean {
  const allowed = allowedEdits(Math.min(a.length, b.length));
  if (allowed === 0 || Math.abs(a.length - b.length) > allowed) return false;
  if (isAdjacentSwap(a, b)) return true;
  const edits = distance(a, b);
  if (edits === 1 && a.length === b.length) return isPlausibleSubstitution(a, b);
  return edits <= allowed;
}
