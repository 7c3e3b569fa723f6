/**
 * The fake Discord as its own process, for the chaos test that starts and kills drillbot
 * processes around it:
 *
 *   node --import tsx test/fakes/discord/standalone.ts --port 0 [--options '<json>']
 *
 * When it listens it prints exactly one JSON line (`{"ready":true,"pid":...,"port":...,
 * "apiUrl":...,"gatewayUrl":...,"token":...}`) so the parent can read its port; it is then
 * driven over `/_fake/` (see control-client.ts) and stops cleanly on SIGTERM or SIGINT.
 */
import { parseArgs } from 'node:util';
import { portArg, serveUntilStopped } from '../common/standalone-main.ts';
import { describeFake } from './info.ts';
import { fakeDiscordOptionsSchema } from './options.ts';
import { startFakeDiscord } from './server.ts';

const { values } = parseArgs({
  options: { port: { type: 'string' }, options: { type: 'string' } },
});

const extra =
  values.options === undefined ? {} : fakeDiscordOptionsSchema.parse(JSON.parse(values.options));
const fake = await startFakeDiscord({ ...extra, port: portArg(values.port, 'port') });
serveUntilStopped(fake, describeFake(fake));
