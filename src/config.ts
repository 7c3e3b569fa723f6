/**
 * The only reader of `process.env`. Every variable in shared/interface.md is validated here
 * once, at start-up; a bad value stops the process with one line per variable that names it
 * and says what it expects. Secrets are never echoed back in those lines.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseDuration, WINDOW_LIMITS } from './core/duration.ts';
import { DrillError } from './core/errors.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type DatabaseConfig =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'postgres'; url: string; dataDir: string };

export interface SlackConfig {
  botToken: string;
  /** Socket Mode when an app token is set (preferred), otherwise the HTTP receiver. */
  connection: { mode: 'socket'; appToken: string } | { mode: 'http'; signingSecret: string };
  apiUrl: string | undefined;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  apiUrl: string | undefined;
}

export interface Config {
  database: DatabaseConfig;
  contentDirs: string[];
  /** Bootstrap admins as platform-prefixed user ids: `slack:U0123`, `discord:1234`. */
  admins: string[];
  tickSeconds: number;
  consoleWindowMs: number;
  logLevel: LogLevel;
  port: number | undefined;
  slack: SlackConfig | undefined;
  discord: DiscordConfig | undefined;
}

/** The variables `start` looks at to choose platforms, for the "no platform" banner. */
export const PLATFORM_VARIABLES = ['SLACK_BOT_TOKEN', 'DISCORD_TOKEN'] as const;

/** Names that must never reach a log line or an error message with their value. */
export const SECRET_VARIABLES = [
  'DATABASE_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'DISCORD_TOKEN',
] as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Unset and empty (`NAME=` in a .env file) both mean "use the default". */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

function withDefault<T>(schema: z.ZodType<T, string>, fallback: string) {
  return optionalText.transform((value) => value ?? fallback).pipe(schema);
}

function httpUrl(endingWith?: string) {
  const expected = endingWith ? `an http(s) URL ending in ${endingWith}` : 'an http(s) URL';
  return z
    .url({ protocol: /^https?$/, message: expected })
    .refine((url) => !endingWith || url.endsWith(endingWith), { message: expected });
}

const commaList = optionalText.transform((value) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

/** A whole number in a range, from its text form (zod's coerce would take "1e1" or " 5 "). */
function wholeNumber(min: number, max: number, expected: string) {
  return z
    .string()
    .regex(/^\d+$/, expected)
    .transform(Number)
    .pipe(z.number().min(min, expected).max(max, expected));
}

const adminId = /^(slack:[UW][A-Z0-9]{2,}|discord:\d{15,21})$/;

const windowMs = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined || ms < WINDOW_LIMITS.minMs || ms > WINDOW_LIMITS.maxMs) {
    ctx.addIssue({ code: 'custom', message: 'a duration from 10s to 7d, such as 90s, 2m or 1h' });
    return z.NEVER;
  }
  return ms;
});

/** Each message says what a valid value looks like; the error line adds the variable's name. */
const envSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection string')
      .optional(),
  ),
  DRILLBOT_DATA_DIR: withDefault(z.string(), './.drillbot'),
  DRILLBOT_CONTENT_DIRS: commaList,
  DRILLBOT_ADMINS: commaList.pipe(
    z.array(
      z
        .string()
        .regex(
          adminId,
          'comma-separated ids such as slack:U0123ABCD or discord:123456789012345678',
        ),
    ),
  ),
  DRILLBOT_TICK_SECONDS: withDefault(
    wholeNumber(1, 60, 'a whole number of seconds from 1 to 60'),
    '60',
  ),
  DRILLBOT_CONSOLE_WINDOW: withDefault(windowMs, '2m'),
  LOG_LEVEL: withDefault(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'one of fatal, error, warn, info, debug, trace, silent',
    }),
    'info',
  ),
  PORT: optionalText.pipe(wholeNumber(0, 65535, 'a TCP port from 0 to 65535').optional()),
  SLACK_BOT_TOKEN: optionalText.pipe(
    z.string().startsWith('xoxb-', 'a bot token starting with xoxb-').optional(),
  ),
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'an app-level token starting with xapp-').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: optionalText.pipe(httpUrl('/api/').optional()),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d{15,21}$/, 'the numeric application id (a snowflake)')
      .optional(),
  ),
  DISCORD_API_URL: optionalText.pipe(
    httpUrl()
      .refine(
        (url) => !/\/v\d+\/?$/.test(url),
        'a REST base without the version, e.g. https://discord.com/api',
      )
      .optional(),
  ),
});

type ParsedEnv = z.infer<typeof envSchema>;

const secretNames: ReadonlySet<string> = new Set(SECRET_VARIABLES);

function describeIssue(issue: z.core.$ZodIssue, env: Env): string {
  const name = String(issue.path[0] ?? 'environment');
  const raw = env[name];
  const shown = secretNames.has(name) || raw === undefined ? '' : `=${JSON.stringify(raw)}`;
  return `${name}${shown} is invalid: expected ${issue.message}`;
}

function crossCheck(env: ParsedEnv): string[] {
  const problems: string[] = [];
  if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    problems.push(
      'SLACK_BOT_TOKEN is set but Slack is half configured: set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    );
  }
  if (!env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET)) {
    problems.push(
      'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set without SLACK_BOT_TOKEN: set SLACK_BOT_TOKEN (xoxb-...) too',
    );
  }
  if (
    env.SLACK_BOT_TOKEN &&
    env.SLACK_SIGNING_SECRET &&
    !env.SLACK_APP_TOKEN &&
    env.PORT === undefined
  ) {
    problems.push(
      'SLACK_SIGNING_SECRET selects Slack HTTP mode, which needs PORT for /slack/events',
    );
  }
  if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
    problems.push(
      'DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is missing: copy it from the Discord developer portal',
    );
  }
  if (!env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID) {
    problems.push('DISCORD_APPLICATION_ID is set without DISCORD_TOKEN: set the bot token too');
  }
  return problems;
}

function toConfig(env: ParsedEnv, cwd: string): Config {
  const dataDir = resolve(cwd, env.DRILLBOT_DATA_DIR);
  const slackConnection = env.SLACK_APP_TOKEN
    ? ({ mode: 'socket', appToken: env.SLACK_APP_TOKEN } as const)
    : env.SLACK_SIGNING_SECRET
      ? ({ mode: 'http', signingSecret: env.SLACK_SIGNING_SECRET } as const)
      : undefined;
  return {
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, dataDir }
      : { kind: 'embedded', dataDir },
    contentDirs: env.DRILLBOT_CONTENT_DIRS.map((dir) => resolve(cwd, dir)),
    admins: env.DRILLBOT_ADMINS,
    tickSeconds: env.DRILLBOT_TICK_SECONDS,
    consoleWindowMs: env.DRILLBOT_CONSOLE_WINDOW,
    logLevel: env.LOG_LEVEL,
    port: env.PORT,
    slack:
      env.SLACK_BOT_TOKEN && slackConnection
        ? { botToken: env.SLACK_BOT_TOKEN, connection: slackConnection, apiUrl: env.SLACK_API_URL }
        : undefined,
    discord:
      env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID
        ? {
            token: env.DISCORD_TOKEN,
            applicationId: env.DISCORD_APPLICATION_ID,
            apiUrl: env.DISCORD_API_URL,
          }
        : undefined,
  };
}

/**
 * Validates `env` into a typed Config. Throws DrillError('CONFIG_INVALID') whose message has
 * one line per problem, each naming the variable and what it expects.
 */
export function parseConfig(env: Env, cwd = process.cwd()): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    // One line per variable: its first problem says what a valid value looks like.
    const firstPerVariable = new Map<PropertyKey, z.core.$ZodIssue>();
    for (const issue of result.error.issues) {
      const name = issue.path[0] ?? '';
      if (!firstPerVariable.has(name)) firstPerVariable.set(name, issue);
    }
    const lines = [...firstPerVariable.values()].map((issue) => describeIssue(issue, env));
    throw new DrillError('CONFIG_INVALID', lines.join('\n'));
  }
  const problems = crossCheck(result.data);
  if (problems.length > 0) throw new DrillError('CONFIG_INVALID', problems.join('\n'));
  return toConfig(result.data, cwd);
}

/** Every secret value in a config, for the logger to scrub from its lines. */
export function configSecrets(config: Config): (string | undefined)[] {
  return [
    config.database.kind === 'postgres' ? config.database.url : undefined,
    config.slack?.botToken,
    config.slack?.connection.mode === 'socket' ? config.slack.connection.appToken : undefined,
    config.slack?.connection.mode === 'http' ? config.slack.connection.signingSecret : undefined,
    config.discord?.token,
  ];
}

/**
 * Reads the process environment, after loading `.env` from the working folder when there is
 * one (variables already set in the environment win over the file).
 */
export function loadConfig(cwd = process.cwd()): Config {
  const dotEnv = resolve(cwd, '.env');
  if (existsSync(dotEnv)) process.loadEnvFile(dotEnv);
  return parseConfig(process.env, cwd);
}
