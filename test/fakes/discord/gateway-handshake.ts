/**
 * IDENTIFY, RESUME and Request Guild Members, as the gateway answers them.
 *
 * IDENTIFY is checked (4004 bad token, 4013 unknown intents, 4014 a privileged intent not
 * enabled, 4010 bad shard, 4005 twice) and answered with READY and one GUILD_CREATE per
 * guild of the shard. RESUME replays the dispatches after the client's `seq` with their
 * original sequence numbers, then RESUMED; a session that cannot resume (unknown, ended,
 * expired, wrong token, or a `seq` from the future) gets op 9 with `d: false`.
 *
 * @see https://discord.com/developers/docs/events/gateway-events#identify
 * @see https://discord.com/developers/docs/events/gateway#resuming
 */
import { CLOSE, OP } from './constants.ts';
import {
  identifyFailure,
  identifySchema,
  requestMembersSchema,
  resumeSchema,
} from './gateway-frames.ts';
import { GatewaySession } from './gateway-session.ts';
import { GATEWAY_PATH, type GatewayCore, type Live, RESUME_PATH } from './gateway-types.ts';
import { shardOf } from './intents.ts';
import { botPayloadUser, guildCreatePayload, readyPayload } from './payloads-guild.ts';
import { renderMember } from './world-render.ts';

export function identify(core: GatewayCore, live: Live, d: unknown): void {
  if (live.session) {
    core.closeWith(live, CLOSE.alreadyAuthenticated, 'Already authenticated.');
    return;
  }
  const parsed = identifySchema.safeParse(d);
  if (!parsed.success) {
    core.closeWith(live, CLOSE.decodeError, 'Error while decoding payload.');
    return;
  }
  const { options, world } = core.state;
  const failure = identifyFailure(parsed.data, {
    tokens: options.tokens,
    privilegedAllowed: options.privilegedIntents,
  });
  if (failure) {
    core.closeWith(live, failure.code, failure.reason);
    return;
  }
  const shard = parsed.data.shard ?? [0, 1];
  const session = new GatewaySession(
    { token: parsed.data.token, intents: parsed.data.intents, shard, identify: d, now: core.now() },
    live.socket,
  );
  core.addSession(session);
  live.session = session;
  Object.assign(live.connection, { sessionId: session.id, via: 'identify' });
  const guilds = [...world.guilds.values()].filter(
    (guild) =>
      guild.botIsMember && shardOf('GUILD_CREATE', { id: guild.id }, shard[1]) === shard[0],
  );
  const ready = readyPayload({
    sessionId: session.id,
    resumeGatewayUrl: core.state.gatewayUrl().replace(GATEWAY_PATH, RESUME_PATH),
    user: botPayloadUser(world),
    applicationId: options.applicationId,
    guildIds: guilds.map((guild) => guild.id),
    ...(parsed.data.shard ? { shard } : {}),
  });
  core.deliver(session, 'READY', ready);
  for (const guild of guilds)
    core.deliver(session, 'GUILD_CREATE', guildCreatePayload(world, guild));
}

export function resume(core: GatewayCore, live: Live, d: unknown): void {
  const parsed = resumeSchema.safeParse(d);
  if (!parsed.success) {
    core.closeWith(live, CLOSE.decodeError, 'Error while decoding payload.');
    return;
  }
  const { token, session_id: sessionId, seq } = parsed.data;
  const session = core.sessions().find((candidate) => candidate.id === sessionId);
  const usable = session?.usable(core.now(), core.state.options.resumeWindowMs) === true;
  const replay =
    usable && session.token === token && (seq ?? 0) <= session.seq
      ? session.replayAfter(seq ?? 0)
      : undefined;
  if (!session || !replay) {
    core.send(live, { op: OP.invalidSession, d: false, s: null, t: null });
    return;
  }
  // A resume takes the session over from any socket still holding it.
  for (const other of core.openSockets()) {
    if (other !== live && other.session === session) {
      other.session = undefined;
      other.socket.terminate();
    }
  }
  session.socket = live.socket;
  session.status = 'live';
  session.detachedAt = undefined;
  session.resumes += 1;
  live.session = session;
  Object.assign(live.connection, { sessionId: session.id, via: 'resume' });
  for (const dispatch of replay)
    core.send(live, { op: OP.dispatch, d: dispatch.d, s: dispatch.s, t: dispatch.t });
  const resumed = session.record('RESUMED', {});
  core.send(live, { op: OP.dispatch, d: resumed.d, s: resumed.s, t: resumed.t });
}

/** Op 8: answered with one GUILD_MEMBERS_CHUNK (discord.js uses it for `members.fetch({ user: [...] })`). */
export function requestMembers(core: GatewayCore, live: Live, d: unknown): void {
  const parsed = requestMembersSchema.safeParse(d);
  const guild = parsed.success ? core.state.world.guilds.get(parsed.data.guild_id) : undefined;
  if (!parsed.success || !guild || !live.session) return;
  const wanted = parsed.data.user_ids === undefined ? undefined : [parsed.data.user_ids].flat();
  const members = [...guild.members.values()].filter(
    (m) => wanted === undefined || wanted.includes(m.userId),
  );
  core.deliver(live.session, 'GUILD_MEMBERS_CHUNK', {
    guild_id: guild.id,
    members: members.map((member) => renderMember(core.state.world, member)),
    chunk_index: 0,
    chunk_count: 1,
    not_found: (wanted ?? []).filter((id) => !guild.members.has(id)),
    ...(parsed.data.nonce === undefined ? {} : { nonce: parsed.data.nonce }),
  });
}
