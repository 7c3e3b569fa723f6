/**
 * `drillbot discord register [--guild ID]`, the real command in a child process, against the
 * fake Discord: the bulk overwrite carries the `/drill` definition, globally or for one guild.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillCommandDefinition } from '../../../adapters/discord/commands.ts';
import { FAKE_IDS, type FakeDiscord, ROUTES, startFakeDiscord } from '../../fakes/discord/index.ts';
import { runDrillbot } from '../../support/cli.ts';

describe('drillbot discord register', () => {
  let fake: FakeDiscord;
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.options.applicationId,
      DISCORD_API_URL: fake.apiUrl,
    };
  });
  afterAll(() => fake.stop());

  it('overwrites the global commands with /drill', async () => {
    const result = await runDrillbot(['discord', 'register'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('registered globally');
    const put = fake.requests.last(ROUTES.overwriteGlobalCommands);
    expect(put?.status).toBe(200);
    expect(put?.body).toEqual([JSON.parse(JSON.stringify(drillCommandDefinition()))]);
  });

  it('registers for one guild with --guild', async () => {
    const result = await runDrillbot(['discord', 'register', '--guild', FAKE_IDS.guildId], { env });
    expect(result.code).toBe(0);
    const put = fake.requests.last(ROUTES.overwriteGuildCommands);
    expect(put?.params.guildId).toBe(FAKE_IDS.guildId);
    expect(put?.body).toEqual([JSON.parse(JSON.stringify(drillCommandDefinition()))]);
  });

  it('names DISCORD_TOKEN when Discord rejects it', async () => {
    const result = await runDrillbot(['discord', 'register'], {
      env: { ...env, DISCORD_TOKEN: 'MTE.bad.token' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DISCORD_TOKEN was rejected');
  });

  it('answers --help', async () => {
    const result = await runDrillbot(['discord', 'register', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('drillbot discord register [--guild ID]');
  });
});
