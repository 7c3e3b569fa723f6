/**
 * The fake Slack as its own process, for the chaos test that starts and kills drillbot
 * processes around it:
 *
 *   node --import tsx test/fakes/slack/standalone.ts --port 0 [--socket-port 0] [--options '<json>']
 *     [--exit-with-stdin]
 *
 * When it listens it prints exactly one JSON line (`{"ready":true,"pid":...,"port":...,
 * "socketPort":...,"apiUrl":...}`) so the parent can read its ports; it is then driven over
 * `/_fake/` (see control-client.ts) and stops cleanly on SIGTERM or SIGINT.
 */
import { parseArgs } from 'node:util';
import { describeFake } from './info.ts';
import { fakeSlackOptionsSchema } from './options.ts';
import { startFakeSlack } from './server.ts';

function portArg(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--${name} must be a port number, got ${value}`);
  }
  return port;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'socket-port': { type: 'string' },
    options: { type: 'string' },
    'exit-with-stdin': { type: 'boolean' },
  },
});

const extra =
  values.options === undefined ? {} : fakeSlackOptionsSchema.parse(JSON.parse(values.options));
const fake = await startFakeSlack({
  ...extra,
  port: portArg(values.port, 'port'),
  socketPort: portArg(values['socket-port'], 'socket-port'),
});
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
// A parent that dies without SIGTERM closes our stdin; stopping then leaves no orphan behind.
if (values['exit-with-stdin']) {
  process.stdin.on('close', () => void shutdown());
  process.stdin.resume();
}
