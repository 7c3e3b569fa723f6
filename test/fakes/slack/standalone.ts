/**
 * The fake Slack as its own process, for the chaos test that starts and kills drillbot
 * processes around it:
 *
 *   node --import tsx test/fakes/slack/standalone.ts --port 0 [--socket-port 0] [--options '<json>']
 *     [--exit-with-stdin]
 *
 * When it listens it prints exactly one JSON line (`{"ready":true,"pid":...,"port":...,
 * "socketPort":...,"apiUrl":...}`) so the parent can read its ports; it is then driven over
 * `/_fake/` (see control-client.ts) and stops cleanly on SIGTERM or SIGINT, or when its stdin
 * closes with `--exit-with-stdin`.
 */
import { parseArgs } from 'node:util';
import { portArg, serveUntilStopped } from '../common/standalone-main.ts';
import { describeFake } from './info.ts';
import { fakeSlackOptionsSchema } from './options.ts';
import { startFakeSlack } from './server.ts';

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
serveUntilStopped(fake, describeFake(fake), { exitWithStdin: values['exit-with-stdin'] === true });
