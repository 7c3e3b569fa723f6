/**
 * Starts the standalone fake Slack as a child process (see ../common/standalone-process.ts)
 * and hands back its ports with a control client.
 */
import { fileURLToPath } from 'node:url';
import {
  type ExitStatus,
  type StandaloneProcess,
  spawnStandalone,
} from '../common/standalone-process.ts';
import { FakeSlackControl } from './control-client.ts';
import { type FakeSlackInfo, fakeSlackInfoSchema } from './info.ts';
import type { FakeSlackOptions } from './options.ts';

export type { ExitStatus };

const STANDALONE = fileURLToPath(new URL('./standalone.ts', import.meta.url));

export interface SpawnFakeSlackOptions {
  port?: number;
  socketPort?: number;
  /** Everything but the ports and the clock, sent as JSON on the command line. */
  options?: Omit<FakeSlackOptions, 'now' | 'port' | 'socketPort'>;
  readyTimeoutMs?: number;
}

export interface StandaloneFakeSlack extends StandaloneProcess<FakeSlackInfo> {
  readonly control: FakeSlackControl;
}

export async function spawnFakeSlack(
  options: SpawnFakeSlackOptions = {},
): Promise<StandaloneFakeSlack> {
  const args = [
    '--port',
    String(options.port ?? 0),
    '--socket-port',
    String(options.socketPort ?? 0),
  ];
  // The child exits when its stdin closes, so a crashed test run leaves no fake behind.
  args.push('--exit-with-stdin');
  if (options.options) args.push('--options', JSON.stringify(options.options));
  const started = await spawnStandalone({
    name: 'fake slack',
    script: STANDALONE,
    args,
    info: fakeSlackInfoSchema,
    stdin: 'pipe',
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return { ...started, control: new FakeSlackControl(started.info.baseUrl) };
}
