import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { isDrillError } from '../src/core/errors.ts';
import { runDrillbot } from './support/cli.ts';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env, '/srv/bot');
  } catch (error) {
    if (isDrillError(error, 'CONFIG_INVALID')) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('config', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = parseConfig({}, '/srv/bot');
    expect(config).toEqual({
      database: { kind: 'embedded', dataDir: '/srv/bot/.drillbot' },
      contentDirs: [],
      admins: [],
      tickSeconds: 60,
      consoleWindowMs: 120_000,
      logLevel: 'info',
      port: undefined,
      slack: undefined,
      discord: undefined,
    });
  });

  it('treats empty values (NAME= in a .env file) as unset', () => {
    expect(
      parseConfig({ DATABASE_URL: '', PORT: ' ', SLACK_BOT_TOKEN: '' }, '/x').database.kind,
    ).toBe('embedded');
  });

  it('reads every variable of the interface', () => {
    const config = parseConfig(
      {
        DATABASE_URL: 'postgres://bot:pw@127.0.0.1:5432/drillbot',
        DRILLBOT_DATA_DIR: '/var/lib/drillbot',
        DRILLBOT_CONTENT_DIRS: 'packs, ./more-packs ,',
        DRILLBOT_ADMINS: 'slack:U0123ABCD,discord:123456789012345678',
        DRILLBOT_TICK_SECONDS: '5',
        DRILLBOT_CONSOLE_WINDOW: '30s',
        LOG_LEVEL: 'debug',
        PORT: '3000',
        SLACK_BOT_TOKEN: 'xoxb-1-2-3',
        SLACK_APP_TOKEN: 'xapp-1-2-3',
        SLACK_SIGNING_SECRET: 'shh',
        SLACK_API_URL: 'http://127.0.0.1:9000/api/',
        DISCORD_TOKEN: 'discord-token',
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:9999/api',
      },
      '/srv/bot',
    );
    expect(config).toEqual({
      database: {
        kind: 'postgres',
        url: 'postgres://bot:pw@127.0.0.1:5432/drillbot',
        dataDir: '/var/lib/drillbot',
      },
      contentDirs: ['/srv/bot/packs', '/srv/bot/more-packs'],
      admins: ['slack:U0123ABCD', 'discord:123456789012345678'],
      tickSeconds: 5,
      consoleWindowMs: 30_000,
      logLevel: 'debug',
      port: 3000,
      slack: {
        botToken: 'xoxb-1-2-3',
        connection: { mode: 'socket', appToken: 'xapp-1-2-3' },
        apiUrl: 'http://127.0.0.1:9000/api/',
      },
      discord: {
        token: 'discord-token',
        applicationId: '123456789012345678',
        apiUrl: 'http://127.0.0.1:9999/api',
      },
    });
  });

  it('chooses Slack HTTP mode with a signing secret and no app token', () => {
    const config = parseConfig(
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '0' },
      '/x',
    );
    expect(config.slack?.connection).toEqual({ mode: 'http', signingSecret: 's' });
  });

  it.each([
    [
      'DRILLBOT_TICK_SECONDS',
      '0',
      'DRILLBOT_TICK_SECONDS="0" is invalid: expected a whole number of seconds from 1 to 60',
    ],
    [
      'DRILLBOT_TICK_SECONDS',
      '61',
      'DRILLBOT_TICK_SECONDS="61" is invalid: expected a whole number of seconds from 1 to 60',
    ],
    [
      'DRILLBOT_TICK_SECONDS',
      '1.5',
      'DRILLBOT_TICK_SECONDS="1.5" is invalid: expected a whole number of seconds from 1 to 60',
    ],
    [
      'DRILLBOT_CONSOLE_WINDOW',
      '5s',
      'DRILLBOT_CONSOLE_WINDOW="5s" is invalid: expected a duration from 10s to 7d',
    ],
    [
      'DRILLBOT_CONSOLE_WINDOW',
      'two minutes',
      'DRILLBOT_CONSOLE_WINDOW="two minutes" is invalid: expected a duration',
    ],
    [
      'LOG_LEVEL',
      'loud',
      'LOG_LEVEL="loud" is invalid: expected one of fatal, error, warn, info, debug, trace, silent',
    ],
    ['PORT', '70000', 'PORT="70000" is invalid: expected a TCP port from 0 to 65535'],
    ['PORT', 'http', 'PORT="http" is invalid: expected a TCP port'],
    [
      'DRILLBOT_ADMINS',
      'U0123,bob',
      'DRILLBOT_ADMINS="U0123,bob" is invalid: expected comma-separated ids such as slack:U0123ABCD',
    ],
    [
      'SLACK_API_URL',
      'http://127.0.0.1:9000/',
      'SLACK_API_URL="http://127.0.0.1:9000/" is invalid: expected an http(s) URL ending in /api/',
    ],
    [
      'SLACK_API_URL',
      'not a url',
      'SLACK_API_URL="not a url" is invalid: expected an http(s) URL ending in /api/',
    ],
    [
      'DISCORD_API_URL',
      'http://127.0.0.1:9999/api/v10',
      'DISCORD_API_URL="http://127.0.0.1:9999/api/v10" is invalid: expected a REST base without the version',
    ],
    [
      'DISCORD_APPLICATION_ID',
      'abc',
      'DISCORD_APPLICATION_ID="abc" is invalid: expected the numeric application id',
    ],
  ])('names %s=%j and what it expects', (name, value, message) => {
    const lines = problems({ [name]: value });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });

  it('reports every bad variable, one line each', () => {
    expect(problems({ DRILLBOT_TICK_SECONDS: 'x', LOG_LEVEL: 'x', PORT: 'x' })).toHaveLength(3);
  });

  it('never echoes a secret in an error line', () => {
    const lines = problems({
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      DATABASE_URL: 'mysql://root:hunter2@db',
    });
    expect(lines.join('\n')).not.toMatch(/hunter2|user-token-secret/);
    expect(lines).toEqual([
      'DATABASE_URL is invalid: expected a postgres:// or postgresql:// connection string',
      'SLACK_BOT_TOKEN is invalid: expected a bot token starting with xoxb-',
    ]);
  });

  it.each([
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      'set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    ],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'set SLACK_BOT_TOKEN (xoxb-...) too'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, 'HTTP mode, which needs PORT'],
    [{ DISCORD_TOKEN: 't' }, 'DISCORD_APPLICATION_ID is missing'],
    [{ DISCORD_APPLICATION_ID: '123456789012345678' }, 'without DISCORD_TOKEN'],
  ])('refuses a half-configured platform %j', (env, message) => {
    const lines = problems(env);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });

  it('loads .env from the working folder, with the real environment winning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drillbot-env-'));
    try {
      writeFileSync(join(dir, '.env'), 'DRILLBOT_TICK_SECONDS=0\nLOG_LEVEL=loud\n');
      const result = await runDrillbot(['start'], { cwd: dir, env: { LOG_LEVEL: 'warn' } });
      expect(result.code).toBe(1);
      // The file's bad tick value is read; its LOG_LEVEL is overridden by the environment.
      expect(result.stderr.trim().split('\n')).toEqual([
        'DRILLBOT_TICK_SECONDS="0" is invalid: expected a whole number of seconds from 1 to 60',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
