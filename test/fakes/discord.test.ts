/**
 * The fake Discord, exercised with the real discord.js 14 client the adapter will use: if
 * these pass, the fake speaks enough of Discord's documented protocol for discord.js to log
 * in, receive events, post, wait out rate limits and resume, and the fake records what the
 * adapter's tests need to assert on.
 */
import { once } from 'node:events';
import {
  ChannelType,
  type Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loginClient, nextEvent } from './discord/discord-client.ts';
import {
  buttonClick,
  CLOSE,
  drillCommand,
  FAKE_IDS,
  FAKE_USERS,
  type FakeDiscord,
  type FakeDiscordOptions,
  FIXTURE_IDS,
  FIXTURES,
  guildDelete,
  MANAGE_SERVER_PERMISSIONS,
  messageDelete,
  messageEdit,
  modalSubmit,
  OP,
  ROUTES,
  reactionAdd,
  reactionRemove,
  SnowflakeGenerator,
  spawnFakeDiscord,
  startFakeDiscord,
  threadCreate,
  threadMessage,
} from './discord/index.ts';

const fakes: FakeDiscord[] = [];
const clients: Client[] = [];

async function fakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = await startFakeDiscord(options);
  fakes.push(fake);
  return fake;
}

async function client(
  fake: FakeDiscord,
  options: Parameters<typeof loginClient>[1] = {},
): Promise<Client> {
  const logged = await loginClient(fake, options);
  clients.push(logged);
  return logged;
}

async function drillChannel(bot: Client) {
  const channel = await bot.channels.fetch(FAKE_IDS.channelId);
  if (channel?.type !== ChannelType.GuildText)
    throw new Error('drill channel is not a text channel');
  return channel;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});

describe('logging in with discord.js', () => {
  it('resolves login after READY and GUILD_CREATE, with the guild, channels and roles cached', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    expect(bot.user?.id).toBe(FAKE_IDS.botUserId);
    expect(bot.application?.id).toBe(FAKE_IDS.applicationId);
    const guild = bot.guilds.cache.get(FAKE_IDS.guildId);
    expect(guild?.channels.cache.has(FAKE_IDS.channelId)).toBe(true);
    expect(guild?.roles.cache.get(FAKE_IDS.moderatorRoleId)?.name).toBe('Moderators');
    expect(guild?.members.me?.id).toBe(FAKE_IDS.botUserId);
    expect(fake.requests.all(ROUTES.getGatewayBot)[0]?.headers.authorization).toBe(
      `Bot ${fake.token}`,
    );
    const [session] = fake.gateway.sessions();
    const wanted =
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;
    expect((session?.intents ?? 0) & wanted).toBe(wanted);
    expect(fake.gateway.connections()[0]?.query).toMatchObject({ v: '10', encoding: 'json' });
  });

  it('rejects login for a token the fake does not accept, with 401 and Discord error JSON', async () => {
    const fake = await fakeDiscord();
    await expect(loginClient(fake, { token: 'not.the.token' })).rejects.toMatchObject({
      code: 'TokenInvalid',
    });
    const request = fake.requests.last(ROUTES.getGatewayBot);
    expect(request?.status).toBe(401);
    const raw = await fetch(`${fake.apiUrl}/v10/users/@me`, {
      headers: { authorization: 'Bot nope' },
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual({ message: '401: Unauthorized', code: 0 });
  });

  it('rejects login when MessageContent is requested but not enabled (close 4014)', async () => {
    const fake = await fakeDiscord({ privilegedIntents: [] });
    await expect(loginClient(fake)).rejects.toThrow(/disallowed intents/i);
    expect(fake.gateway.connections()[0]?.closeCode).toBe(CLOSE.disallowedIntents);
  });

  it('closes a raw IDENTIFY with a bad token with 4004', async () => {
    const fake = await fakeDiscord();
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
    const [hello] = await once(socket, 'message');
    expect(JSON.parse(String(hello))).toMatchObject({
      op: OP.hello,
      d: { heartbeat_interval: 600_000 },
    });
    socket.send(JSON.stringify({ op: OP.heartbeat, d: null }));
    const [ack] = await once(socket, 'message');
    expect(JSON.parse(String(ack))).toMatchObject({ op: OP.heartbeatAck });
    socket.send(
      JSON.stringify({ op: OP.identify, d: { token: 'wrong', intents: 1, properties: {} } }),
    );
    const [code] = await once(socket, 'close');
    expect(code).toBe(CLOSE.authenticationFailed);
  });
});

describe('events reach discord.js listeners', () => {
  it('delivers a member message to messageCreate with its content', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const received = nextEvent(bot, Events.MessageCreate);
    fake.members.post({ content: 'an answer', userId: FAKE_IDS.memberId });
    const [message] = await received;
    expect(message.content).toBe('an answer');
    expect(message.author.id).toBe(FAKE_IDS.memberId);
    expect(message.member?.id).toBe(FAKE_IDS.memberId);
  });

  it('blanks guild message content for a session without the MessageContent intent', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake, {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    });
    const received = nextEvent(bot, Events.MessageCreate);
    fake.members.post({ content: 'secret answer' });
    const [message] = await received;
    expect(message.content).toBe('');
  });

  it('does not send reaction events to a session without GuildMessageReactions', async () => {
    const fake = await fakeDiscord();
    await client(fake, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
    const posted = fake.members.post({ content: 'answer' });
    fake.members.react({ messageId: posted.message.id, userId: FAKE_IDS.secondMemberId });
    const types = fake.gateway
      .sessions()[0]
      ?.dispatches()
      .map((d) => d.t);
    expect(types).toContain('MESSAGE_CREATE');
    expect(types).not.toContain('MESSAGE_REACTION_ADD');
  });

  it('delivers thread replies, edits, deletes and reactions built from the typed builders', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const question = await (await drillChannel(bot)).send('Question?');
    const thread = await question.startThread({ name: 'Drill' });
    const reply = threadMessage({ threadId: thread.id, content: 'first take' });
    const created = nextEvent(bot, Events.MessageCreate, { filter: (m) => m.id === reply.id });
    fake.dispatch('MESSAGE_CREATE', reply);
    expect((await created)[0].channelId).toBe(thread.id);

    const updated = nextEvent(bot, Events.MessageUpdate);
    fake.dispatch('MESSAGE_UPDATE', messageEdit(reply, 'second take'));
    expect((await updated)[1].content).toBe('second take');

    const reacted = nextEvent(bot, Events.MessageReactionAdd);
    fake.dispatch(
      'MESSAGE_REACTION_ADD',
      reactionAdd({ channelId: thread.id, messageId: reply.id, user: FAKE_USERS.secondMember }),
    );
    const [reaction, user] = await reacted;
    expect([reaction.emoji.name, user.id]).toEqual(['👍', FAKE_IDS.secondMemberId]);

    const unreacted = nextEvent(bot, Events.MessageReactionRemove);
    fake.dispatch(
      'MESSAGE_REACTION_REMOVE',
      reactionRemove({ channelId: thread.id, messageId: reply.id, user: FAKE_USERS.secondMember }),
    );
    expect((await unreacted)[1].id).toBe(FAKE_IDS.secondMemberId);

    const deleted = nextEvent(bot, Events.MessageDelete);
    fake.dispatch('MESSAGE_DELETE', messageDelete(reply));
    expect((await deleted)[0].id).toBe(reply.id);
  });

  it('tells discord.js the bot was removed from a guild, after which REST answers 403 50001', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const channel = await drillChannel(bot);
    const removed = nextEvent(bot, Events.GuildDelete);
    fake.members.removeBotFromGuild();
    expect((await removed)[0].id).toBe(FAKE_IDS.guildId);
    await expect(channel.send('still here?')).rejects.toMatchObject({ status: 403, code: 50001 });
  });
});

describe('REST as discord.js calls it', () => {
  it('records channel.send with allowed_mentions and stores who was actually pinged', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake, { allowedMentions: { parse: [] } });
    const channel = await drillChannel(bot);
    await channel.send(`<@&${FAKE_IDS.pingRoleId}> new drill, <@${FAKE_IDS.memberId}> @everyone`);
    const request = fake.requests.last(ROUTES.createMessage);
    expect(request?.body).toMatchObject({ allowed_mentions: { parse: [] } });
    const [plain] = fake.messages.all(FAKE_IDS.channelId);
    expect(plain?.message).toMatchObject({
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
    });

    await channel.send({
      content: `<@&${FAKE_IDS.pingRoleId}> drill time`,
      allowedMentions: { roles: [FAKE_IDS.pingRoleId] },
    });
    expect(fake.messages.all(FAKE_IDS.channelId)[1]?.message.mention_roles).toEqual([
      FAKE_IDS.pingRoleId,
    ]);
  });

  it('waits out a 429 with retry_after 1 s, then the retry succeeds', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const channel = await drillChannel(bot);
    fake.faults.next(ROUTES.createMessage, { kind: 'rate_limit', retryAfterSeconds: 1 });
    const started = Date.now();
    await channel.send('after the rate limit');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.requests.all(ROUTES.createMessage).map((r) => [r.status, r.fault])).toEqual([
      [429, 'rate_limit'],
      [200, undefined],
    ]);
  });

  it('creates one message for a nonce with enforce_nonce even though @discordjs/rest retries a 500', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const channel = await drillChannel(bot);
    fake.faults.next(ROUTES.createMessage, { kind: 'server_error', afterApply: true }, 2);
    const sent = await channel.send({ content: 'question', nonce: 'drill-42', enforceNonce: true });
    expect(fake.requests.all(ROUTES.createMessage).map((r) => r.status)).toEqual([500, 500, 200]);
    expect(fake.messages.all(FAKE_IDS.channelId).map((s) => s.message.id)).toEqual([sent.id]);
  });

  it('retries a reset connection and a held answer itself; enforce_nonce still leaves one message each', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake, { rest: { timeout: 300 } });
    const channel = await drillChannel(bot);
    fake.faults.next(ROUTES.createMessage, { kind: 'reset', afterApply: true });
    const afterReset = await channel.send({ content: 'q1', nonce: 'drill-1', enforceNonce: true });
    fake.faults.next(ROUTES.createMessage, { kind: 'hang' });
    const afterHang = await channel.send({ content: 'q2', nonce: 'drill-2', enforceNonce: true });
    expect(fake.requests.all(ROUTES.createMessage).map((r) => r.fault ?? r.status)).toEqual([
      'reset',
      200,
      'hang',
      200,
    ]);
    expect(fake.messages.all(FAKE_IDS.channelId).map((s) => s.message.id)).toEqual([
      afterReset.id,
      afterHang.id,
    ]);
  });

  it('de-duplicates a nonce only within its window', async () => {
    let skew = 0;
    const fake = await fakeDiscord({ now: () => Date.now() + skew });
    const bot = await client(fake);
    const channel = await drillChannel(bot);
    const first = await channel.send({ content: 'q', nonce: 'drill-7', enforceNonce: true });
    expect((await channel.send({ content: 'q', nonce: 'drill-7', enforceNonce: true })).id).toBe(
      first.id,
    );
    expect((await channel.send({ content: 'q', nonce: 'drill-7' })).id).not.toBe(first.id);
    skew = 6 * 60_000;
    expect(
      (await channel.send({ content: 'q', nonce: 'drill-7', enforceNonce: true })).id,
    ).not.toBe(first.id);
  });

  it('starts a thread whose id is the message id, once per message', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const question = await (await drillChannel(bot)).send('Question?');
    const thread = await question.startThread({ name: 'Drill' });
    expect(thread.id).toBe(question.id);
    expect(fake.world.channels.get(thread.id)).toMatchObject({
      kind: 'thread',
      parentId: FAKE_IDS.channelId,
    });
    const echoed = fake.gateway
      .sessions()[0]
      ?.dispatches()
      .find((d) => d.t === 'THREAD_CREATE');
    expect(echoed?.d).toMatchObject({ id: question.id, newly_created: true });
    await expect(question.startThread({ name: 'again' })).rejects.toMatchObject({ code: 160004 });
    await thread.send('the reveal');
    expect(fake.messages.all(thread.id).map((s) => s.message.content)).toEqual(['the reveal']);
  });

  it('answers 403 50013 when the bot may not post in a channel', async () => {
    const fake = await fakeDiscord();
    fake.world.setBotDenied(FAKE_IDS.channelId, ['SendMessages']);
    const bot = await client(fake);
    const channel = await drillChannel(bot);
    const error = await channel.send('hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 403, code: 50013 });
  });

  it('pages channel history newest first', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const channel = await drillChannel(bot);
    for (const content of ['one', 'two', 'three']) fake.members.post({ content });
    const page = await channel.messages.fetch({ limit: 2 });
    expect([...page.values()].map((m) => m.content)).toEqual(['three', 'two']);
    const last = page.last();
    const older = await channel.messages.fetch({ before: last?.id ?? '', limit: 10 });
    expect([...older.values()].map((m) => m.content)).toEqual(['one']);
  });

  it('sends a DM through POST /users/@me/channels, and 50007 when the user closed DMs', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    await bot.users.send(FAKE_IDS.memberId, 'your practice question');
    expect(fake.requests.last(ROUTES.createDm)?.body).toEqual({ recipient_id: FAKE_IDS.memberId });
    const dm = fake.world.dmWith(FAKE_IDS.memberId);
    expect(fake.messages.all(dm.id).map((s) => s.message.content)).toEqual([
      'your practice question',
    ]);
    fake.world.upsertUser({ id: FAKE_IDS.secondMemberId, username: 'linus', dmsClosed: true });
    await expect(bot.users.send(FAKE_IDS.secondMemberId, 'hi')).rejects.toMatchObject({
      code: 50007,
    });
  });

  it('bulk-overwrites commands keeping ids, and refuses an invalid one with 50035', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const drill = {
      name: 'drill',
      description: 'Daily drills',
      options: [{ type: 1, name: 'now', description: 'Post now' }],
    };
    const first = await bot.application?.commands.set([drill]);
    const second = await bot.application?.commands.set([drill], FAKE_IDS.guildId);
    const third = await bot.application?.commands.set([
      { ...drill, description: 'Daily security drills' },
    ]);
    expect(third?.first()?.id).toBe(first?.first()?.id);
    expect(second?.first()?.guildId).toBe(FAKE_IDS.guildId);
    expect(fake.commands.list(FAKE_IDS.applicationId)).toHaveLength(1);
    await expect(
      bot.application?.commands.set([{ ...drill, name: 'Drill' }]),
    ).rejects.toMatchObject({ code: 50035 });
  });
});

describe('interactions', () => {
  it('routes /drill with a subcommand and options to discord.js and records an ephemeral reply', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const received = nextEvent(bot, Events.InteractionCreate);
    const record = fake.interact(
      drillCommand({
        subcommand: 'leaderboard',
        options: { period: 'week', scope: 'channel' },
        user: FAKE_USERS.member,
      }),
    );
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error('not a chat input command');
    expect([
      interaction.commandName,
      interaction.options.getSubcommand(),
      interaction.options.getString('period'),
    ]).toEqual(['drill', 'leaderboard', 'week']);
    await interaction.reply({ content: 'Your board', flags: MessageFlags.Ephemeral });
    const callback = fake.requests.last(ROUTES.interactionCallback);
    expect(callback?.headers.authorization).toBeUndefined();
    expect(callback?.status).toBe(204);
    expect(record.response?.type).toBe(4);
    const reply = fake.messages.get(record.originalMessageId ?? '');
    expect(reply?.ephemeral).toBe(true);
    expect(fake.messages.all(FAKE_IDS.channelId)).toHaveLength(0);
  });

  it('lets a deferred reply be edited, and answers 200 with a body when with_response=true', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const received = nextEvent(bot, Events.InteractionCreate);
    const record = fake.interact(
      drillCommand({ subcommand: 'now', ...fake.members.context(FAKE_IDS.adminId) }),
    );
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error('not a chat input command');
    expect(interaction.memberPermissions?.has('ManageGuild')).toBe(true);
    const response = await interaction.deferReply({ withResponse: true });
    expect(response.interaction.responseMessageLoading).toBe(true);
    expect(fake.requests.last(ROUTES.interactionCallback)?.status).toBe(200);
    await interaction.editReply('Drill posted.');
    const original = fake.messages.get(record.originalMessageId ?? '');
    expect(original?.message.content).toBe('Drill posted.');
    expect((original?.message.flags ?? 0) & MessageFlags.Loading).toBe(0);
  });

  it('refuses a first answer after the 3-second window with 10062 and a second answer with 40060', async () => {
    let skew = 0;
    const fake = await fakeDiscord({ now: () => Date.now() + skew });
    const bot = await client(fake);
    const first = nextEvent(bot, Events.InteractionCreate);
    fake.interact(drillCommand({ subcommand: 'help' }));
    const [late] = await first;
    if (!late.isRepliable()) throw new Error('not repliable');
    skew = 3_500;
    await expect(late.reply('too late')).rejects.toMatchObject({ code: 10062 });
    skew = 0;
    const second = nextEvent(bot, Events.InteractionCreate);
    const record = fake.interact(drillCommand({ subcommand: 'help' }));
    const [twice] = await second;
    if (!twice.isRepliable()) throw new Error('not repliable');
    await twice.reply('once');
    await expect(
      bot.rest.post(`/interactions/${record.id}/${record.token}/callback`, {
        body: { type: 4, data: { content: 'twice' } },
        auth: false,
      }),
    ).rejects.toMatchObject({ code: 40060 });
  });

  it('routes a button click, records the modal it opens, and routes the modal submission', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const question = await (await drillChannel(bot)).send({
      content: 'Question?',
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, label: 'Answer privately', custom_id: 'drill:answer:42' },
          ],
        },
      ],
    });
    const clicked = nextEvent(bot, Events.InteractionCreate);
    const stored = fake.messages.get(question.id);
    if (!stored) throw new Error('question not stored');
    const record = fake.interact(
      buttonClick({ customId: 'drill:answer:42', message: stored.message }),
    );
    const [click] = await clicked;
    if (!click.isButton()) throw new Error('not a button');
    expect(click.message.id).toBe(question.id);
    await click.showModal({
      custom_id: 'drill:answer-modal:42',
      title: 'Your answer',
      components: [
        { type: 18, label: 'Answer', component: { type: 4, custom_id: 'answer', style: 2 } },
      ],
    });
    expect(record.response?.type).toBe(9);

    const submitted = nextEvent(bot, Events.InteractionCreate);
    fake.interact(
      modalSubmit({ customId: 'drill:answer-modal:42', fields: { answer: 'Scope the token.' } }),
    );
    const [modal] = await submitted;
    if (!modal.isModalSubmit()) throw new Error('not a modal submit');
    expect(modal.fields.getTextInputValue('answer')).toBe('Scope the token.');
  });
});

describe('component updates', () => {
  it('edits the clicked message for an update (7) and records a deferred update (6)', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const question = await (await drillChannel(bot)).send({
      content: 'Question?',
      components: [
        {
          type: 1,
          components: [{ type: 2, style: 1, label: 'Reveal', custom_id: 'drill:reveal:42' }],
        },
      ],
    });
    const stored = fake.messages.get(question.id);
    if (!stored) throw new Error('question not stored');
    for (const answer of ['update', 'deferUpdate'] as const) {
      const clicked = nextEvent(bot, Events.InteractionCreate);
      const record = fake.interact(
        buttonClick({ customId: 'drill:reveal:42', message: stored.message }),
      );
      const [click] = await clicked;
      if (!click.isButton()) throw new Error('not a button');
      if (answer === 'update') await click.update({ content: 'Revealed.', components: [] });
      else await click.deferUpdate();
      expect(record.response?.type).toBe(answer === 'update' ? 7 : 6);
    }
    expect(fake.messages.get(question.id)?.message).toMatchObject({
      content: 'Revealed.',
      components: [],
    });
  });
});

describe('resuming', () => {
  it('resumes after a forced disconnect and replays what was missed with its sequence number', async () => {
    const fake = await fakeDiscord();
    const bot = await client(fake);
    const [session] = fake.gateway.sessions();
    const seqBefore = session?.seq ?? 0;
    expect(fake.disconnect()).toBe(1);
    // Sent while the socket is closing: recorded under the session, delivered only by replay.
    const missed = fake.members.post({ content: 'posted while the bot was away' });
    const received = nextEvent(bot, Events.MessageCreate);
    await fake.waitForResume();
    const [message] = await received;
    expect(message.id).toBe(missed.message.id);
    const resume = fake.gateway.frames({ direction: 'in', op: OP.resume }).at(-1);
    expect(resume?.d).toMatchObject({ session_id: session?.id, seq: seqBefore });
    const replayed = fake.gateway
      .frames({ direction: 'out', op: OP.dispatch })
      .filter((f) => f.t === 'MESSAGE_CREATE')
      .at(-1);
    const recorded = session?.dispatches().find((d) => d.t === 'MESSAGE_CREATE');
    expect(replayed?.s).toBe(recorded?.s);
    expect(fake.gateway.connections().map((c) => [c.path, c.via])).toEqual([
      ['/gateway', 'identify'],
      ['/gateway/resume', 'resume'],
    ]);
  });
});

describe('builders and fixtures', () => {
  it('build exactly the documented fixture payloads', () => {
    const ids = FIXTURE_IDS;
    const reply = threadMessage({
      id: ids.answerMessageId,
      threadId: ids.threadId,
      content: 'Least privilege first: scope the token to the one bucket.',
      timestamp: '2025-01-06T09:05:00.000Z',
    });
    expect(reply).toEqual(FIXTURES.threadMessage);
    expect(messageEdit(reply, FIXTURES.messageUpdate.content)).toEqual(FIXTURES.messageUpdate);
    expect(messageDelete(reply)).toEqual(FIXTURES.messageDelete);
    const reaction = {
      channelId: ids.threadId,
      messageId: ids.answerMessageId,
      user: FAKE_USERS.secondMember,
    };
    expect(reactionAdd({ ...reaction, messageAuthorId: FAKE_IDS.memberId })).toEqual(
      FIXTURES.reactionAdd,
    );
    expect(reactionRemove(reaction)).toEqual(FIXTURES.reactionRemove);
    expect(guildDelete()).toEqual(FIXTURES.guildDelete);
    expect(threadCreate({ id: ids.threadId, name: 'Drill: token scope' })).toEqual(
      FIXTURES.threadCreate,
    );
    const admin = {
      user: FAKE_USERS.admin,
      member: { roles: [FAKE_IDS.moderatorRoleId] },
      permissions: MANAGE_SERVER_PERMISSIONS,
    };
    expect(drillCommand({ id: ids.drillNowInteractionId, subcommand: 'now', ...admin })).toEqual(
      FIXTURES.drillNow,
    );
    expect(
      drillCommand({
        id: ids.leaderboardInteractionId,
        subcommand: 'leaderboard',
        options: { period: 'week', scope: 'channel' },
      }),
    ).toEqual(FIXTURES.drillLeaderboard);
    expect(
      buttonClick({
        id: ids.buttonInteractionId,
        customId: 'drill:answer:42',
        message: FIXTURES.button.message,
      }),
    ).toEqual(FIXTURES.button);
    expect(
      modalSubmit({
        id: ids.modalInteractionId,
        customId: 'drill:answer-modal:42',
        fields: { answer: 'Rotate the key and scope it to one bucket.' },
      }),
    ).toEqual(FIXTURES.modalSubmit);
  });

  it('generates strictly increasing snowflakes even when the clock stands still or steps back', () => {
    let now = 1_736_150_400_000;
    const ids = new SnowflakeGenerator(() => now);
    const seen = [ids.next(), ids.next()];
    now -= 5_000;
    seen.push(ids.next(), ids.next());
    for (let i = 1; i < seen.length; i += 1)
      expect(BigInt(seen[i] ?? '0') > BigInt(seen[i - 1] ?? '0')).toBe(true);
  });
});

describe('standalone process', () => {
  it('prints one ready line, serves REST and control, and stops on SIGTERM', async () => {
    const standalone = await spawnFakeDiscord();
    try {
      expect(standalone.info.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
      const gateway = await fetch(`${standalone.info.apiUrl}/v10/gateway/bot`, {
        headers: { authorization: `Bot ${standalone.info.token}` },
      });
      expect(await gateway.json()).toMatchObject({ url: standalone.info.gatewayUrl, shards: 1 });
      const posted = await standalone.control.post({ content: 'from the chaos test' });
      expect((await standalone.control.messages(FAKE_IDS.channelId)).map((m) => m.id)).toEqual([
        posted.id,
      ]);
    } finally {
      expect(await standalone.stop()).toEqual({ code: 0, signal: null });
    }
  });
});
