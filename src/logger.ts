/**
 * The process logger: JSON lines when not on a terminal (for log shippers), readable and
 * coloured on one. Secrets never reach a line: known secret fields are redacted by pino,
 * and every configured secret value is scrubbed from the finished line whatever field or
 * error message carries it (a library error that echoes a token, say).
 */
import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config.ts';

export type { Logger };

const SECRET_FIELDS = ['token', 'botToken', 'appToken', 'signingSecret', 'databaseUrl', 'password'];
const REDACTED_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  'headers.authorization',
  '*.headers.authorization',
];
const CENSOR = '[redacted]';

export interface LoggerOptions {
  level: LogLevel;
  /** Values to scrub from every line: tokens, signing secrets, the database URL's password. */
  secrets?: readonly (string | undefined)[];
  /** Where lines go; defaults to stdout. */
  destination?: NodeJS.WritableStream;
  /** Human-readable output; defaults to whether the destination is a terminal. */
  pretty?: boolean;
}

/** Escapes a literal for use inside a RegExp. */
const literal = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? process.stdout;
  const secrets = (options.secrets ?? []).filter(
    (value): value is string => typeof value === 'string' && value.length >= 4,
  );
  // Secrets may also appear JSON-escaped inside a serialized line.
  const patterns = secrets.flatMap((value) => [value, JSON.stringify(value).slice(1, -1)]);
  const scrub =
    patterns.length > 0
      ? new RegExp([...new Set(patterns)].map(literal).join('|'), 'g')
      : undefined;
  const isTty = 'isTTY' in destination && destination.isTTY === true;
  const human = options.pretty ?? isTty;
  const stream = human
    ? pretty({
        destination,
        colorize: isTty,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,app',
        sync: true,
      })
    : destination;
  return pino(
    {
      level: options.level,
      base: { app: 'drillbot' },
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      hooks: scrub ? { streamWrite: (line) => line.replace(scrub, CENSOR) } : {},
    },
    stream,
  );
}

/** The secret values in a config's connection strings and tokens, for `secrets` above. */
export function secretValues(values: readonly (string | undefined)[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    if (!value) continue;
    found.push(value);
    // A password inside a connection string is a secret of its own.
    try {
      const password = decodeURIComponent(new URL(value).password);
      if (password) found.push(password);
    } catch {
      // Not a URL: the value itself is the secret.
    }
  }
  return found;
}
