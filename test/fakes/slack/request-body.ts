/**
 * Web API argument parsing, for both encodings Slack accepts.
 *
 * The WebClient sends `application/x-www-form-urlencoded` with nested values (`blocks`,
 * `metadata`, ...) as JSON strings inside the form; `respond()` and hand-written callers send
 * JSON. The fake decodes both into one argument object so method handlers and test
 * assertions see `blocks` as an array whichever way it arrived.
 */

export type ApiArgs = Record<string, unknown>;

/** Form fields Slack documents as "a JSON-based array/object, presented as a URL-encoded string". */
const JSON_FORM_FIELDS = ['blocks', 'attachments', 'metadata', 'view'] as const;

export type ParsedBody = { ok: true; args: ApiArgs } | { ok: false; error: string };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a request body by its content type; query parameters count as arguments too. */
export function parseApiBody(
  raw: string,
  contentType: string | undefined,
  query: URLSearchParams,
): ParsedBody {
  const args: ApiArgs = Object.fromEntries(query.entries());
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length === 0) return { ok: true, args };
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
    if (!isRecord(parsed)) return { ok: false, error: 'invalid_json' };
    return { ok: true, args: { ...args, ...parsed } };
  }
  if (type === '' || type === 'application/x-www-form-urlencoded') {
    for (const [key, value] of new URLSearchParams(raw)) args[key] = value;
    for (const field of JSON_FORM_FIELDS) args[field] = decodeJsonField(args[field]);
    return { ok: true, args };
  }
  return { ok: false, error: 'invalid_form_data' };
}

/** A JSON string becomes its value; anything unparsable stays a string for the method to reject. */
function decodeJsonField(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A string argument; form values are strings already, JSON callers may send numbers. */
export function stringArg(args: ApiArgs, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Slack reads `true`, `1` and their string forms as true. */
export function boolArg(args: ApiArgs, name: string): boolean {
  const value = args[name];
  return value === true || value === 1 || value === 'true' || value === '1';
}

export function intArg(args: ApiArgs, name: string): number | undefined {
  const value = args[name];
  const number = typeof value === 'number' ? value : Number(value);
  return value === undefined || value === '' || !Number.isInteger(number) ? undefined : number;
}
