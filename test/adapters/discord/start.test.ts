/**
 * Start-up and interaction answering of the DiscordAdapter against the fake Discord, with a
 * sink instead of the engine: clear errors for a rejected token and a refused MessageContent
 * intent, a slow sink deferred within Discord's 3 seconds, autocomplete and the answer modal.
 */
import { describe, expect, it } from 'vitest';
import { isDrillError } from '../../../src/core/errors.ts';
import { notice, text } from '../../../src/core/messages.ts';
import type { InboundEvent } from '../../../src/core/platform.ts';
import {
  buttonClick,
  drillAutocomplete,
  drillCommand,
  FAKE_USERS,
} from '../../fakes/discord/index.ts';
import { until } from './engine.ts';
import { CHANNEL, makeRig } from './harness.ts';

describe('DiscordAdapter start-up', () => {
  it('stops with a DrillError naming DISCORD_TOKEN when the token is rejected', async () => {
    const rig = await makeRig({ adapter: { token: 'MTE.not.valid' } });
    try {
      const failure = await rig.adapter.start(async () => {}).catch((error: unknown) => error);
      expect(isDrillError(failure, 'CONFIG_INVALID')).toBe(true);
      expect(String((failure as Error).message)).toContain('DISCORD_TOKEN');
      expect(rig.adapter.connectionState()).toBe('disconnected');
    } finally {
      await rig.close();
    }
  });

  it('explains the MessageContent intent on a 4014 close', async () => {
    const rig = await makeRig({ fake: { privilegedIntents: [] } });
    try {
      const failure = await rig.adapter.start(async () => {}).catch((error: unknown) => error);
      expect(isDrillError(failure, 'CONFIG_INVALID')).toBe(true);
      expect(String((failure as Error).message)).toContain('Message Content Intent');
    } finally {
      await rig.close();
    }
  });
});

describe('DiscordAdapter interactions', () => {
  it('defers a slow command, then edits the reply; autocompletes packs; opens the modal', async () => {
    const rig = await makeRig({
      adapter: { deferAfterMs: 100, packIds: () => ['cloud-security', 'sre'] },
    });
    const events: InboundEvent[] = [];
    try {
      await rig.adapter.start(async (event) => {
        events.push(event);
        if (event.type !== 'command') return;
        await new Promise((resolve) => setTimeout(resolve, 400));
        await event.respond?.(notice('notice', text('slow answer')));
      });
      expect(rig.adapter.connectionState()).toBe('connected');

      const record = rig.fake.interact(
        drillCommand({ subcommand: 'help', user: FAKE_USERS.member }),
      );
      const reply = await until(() => {
        const id = record.originalMessageId;
        const stored = id === undefined ? undefined : rig.fake.messages.get(id);
        return stored?.message.content === 'slow answer' ? stored : undefined;
      }, 'the edited reply');
      expect(record.response?.type).toBe(5);
      expect((reply.message.flags ?? 0) & 64).toBe(64);
      const command = events.find((event) => event.type === 'command');
      expect(command).toMatchObject({
        channel: CHANNEL,
        text: 'help',
        member: `discord:${FAKE_USERS.member.id}`,
      });

      const complete = rig.fake.interact(
        drillAutocomplete({
          subcommand: 'tips',
          user: FAKE_USERS.member,
          focused: { name: 'pack', value: 'clo' },
        }),
      );
      const suggested = await until(() => complete.response, 'autocomplete');
      expect(suggested).toMatchObject({
        type: 8,
        data: { choices: [{ name: 'cloud-security', value: 'cloud-security' }] },
      });

      const posted = await rig.adapter.postMessage(CHANNEL, notice('notice', text('button host')));
      const message = rig.fake.messages.get(posted.ref.split(':')[3] ?? '')?.message;
      if (!message) throw new Error('no posted message');
      const click = rig.fake.interact(
        buttonClick({ customId: 'drill-answer:7', message, user: FAKE_USERS.member }),
      );
      const opened = await until(() => click.response, 'the modal');
      expect(opened).toMatchObject({ type: 9, data: { custom_id: 'drill-answer:7' } });
    } finally {
      await rig.close();
    }
  });
});
