import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { configSecrets, parseConfig } from '../src/config.ts';
import { createLogger, secretValues } from '../src/logger.ts';

function capture() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

const config = parseConfig(
  {
    DATABASE_URL: 'postgres://bot:s3cr3t-pass@127.0.0.1:5432/drillbot',
    SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdefSECRET',
    SLACK_APP_TOKEN: 'xapp-1-A111-333-appSECRET',
    DISCORD_TOKEN: 'discord.TOKEN.secret',
    DISCORD_APPLICATION_ID: '123456789012345678',
  },
  '/srv',
);

describe('logger', () => {
  it('writes JSON lines when not on a terminal', () => {
    const out = capture();
    createLogger({ level: 'info', destination: out.stream }).info(
      { channel: 'slack:T1:C1', drill: 7 },
      'drill posted',
    );
    const line = JSON.parse(out.text()) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 30,
      app: 'drillbot',
      channel: 'slack:T1:C1',
      drill: 7,
      msg: 'drill posted',
    });
  });

  it('never writes a secret, whether in a known field, a nested object or an error message', () => {
    const out = capture();
    const logger = createLogger({
      level: 'debug',
      destination: out.stream,
      secrets: secretValues(configSecrets(config)),
    });
    logger.info({ token: 'xoxb-1111-2222-abcdefSECRET' }, 'field');
    logger.info(
      { request: { headers: { authorization: 'Bearer xoxb-1111-2222-abcdefSECRET' } } },
      'nested header',
    );
    logger.error({ err: new Error('auth failed for xapp-1-A111-333-appSECRET') }, 'error message');
    logger.warn(`connecting to postgres://bot:s3cr3t-pass@127.0.0.1:5432/drillbot`);
    logger.debug({ body: 'token=discord.TOKEN.secret&x=1' }, 'form body');
    logger.info({ url: 'https://x/?p=s3cr3t-pass' }, 'password alone');
    const text = out.text();
    for (const secret of ['abcdefSECRET', 'appSECRET', 's3cr3t-pass', 'discord.TOKEN.secret']) {
      expect(text).not.toContain(secret);
    }
    expect(text.split('\n').filter(Boolean)).toHaveLength(6);
    expect(text).toContain('[redacted]');
  });

  it('is readable on request (as on a terminal)', () => {
    const out = capture();
    createLogger({ level: 'info', destination: out.stream, pretty: true }).info(
      { drill: 3 },
      'drill revealed',
    );
    expect(out.text()).toMatch(/INFO.*drill revealed/);
    expect(() => JSON.parse(out.text())).toThrow();
  });
});
