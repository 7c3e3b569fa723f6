/**
 * A content hash per question. Drills store the question as it was asked, keyed by
 * (pack id, question id, content hash): editing a question yields a new hash and so a new
 * snapshot, while an open drill keeps revealing the version it posted.
 */
import { createHash } from 'node:crypto';
import type { Question } from './schema.ts';

/** JSON with object keys sorted at every depth, so key order in the YAML does not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hex sha256 of the validated question (defaults applied), e.g. "3f2a...". */
export function questionContentHash(question: Question): string {
  return createHash('sha256').update(canonicalJson(question)).digest('hex');
}
