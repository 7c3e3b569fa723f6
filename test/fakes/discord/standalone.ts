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
import { describeFake } from './info.ts';
import { fakeDiscordOptionsSchema } from './options.ts';
import { startFakeDiscord } from './server.ts';

function portArg(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be a port number, got ${value}`);
  return port;
}

const { values } = parseArgs({
  options: { port: { type: 'string' }, options: { type: 'string' } },
});

const extra =
  values.options === undefined ? {} : fakeDiscordOptionsSchema.parse(JSON.parse(values.options));
const fake = await startFakeDiscord({ ...extra, port: portArg(values.port) });
process.stdout.write(
  `${JSON.stringify({ ready: true, pid: process.pid, ...describeFake(fake) })}\n`,
);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await fake.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
